/**
 * The contract between the shell (tokenizer, grammar, flag parser, dispatcher, builtins) and the commands
 * that run on top of the engine (docker leaf commands, host and container tools).
 *
 * Commands are declared as data (`CommandSpec`): dispatch, `--help`, usage errors and Tab completion all
 * come from the same list. A command's `run` receives its parsed flags and arguments and writes through
 * `CommandIO`; it returns the exit code. User mistakes are written to `io.err` with a non-zero exit code,
 * never thrown.
 */
import type { World } from "../engine/world";

export type { ExecOptions, ExecResult, OutputChunk } from "../model/exec";

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** Aborted when the user presses Ctrl-C (foreground job only) or a shell limit is hit. */
  signal: AbortSignal;
  /** True when attached to a terminal (REPL / browser) rather than the `--json` runner or `$(…)`. */
  tty: boolean;
  /** The terminal's width when attached to one (see ExecOptions.columns). */
  columns?: number;
  stdin?: string;
  /**
   * Shows a transient frame (e.g. `service create`'s converging progress) on a terminal, replacing the
   * previous frame; absent or ignored elsewhere. The command prints its final frame with `out()`, which
   * replaces the transient one. Frames never reach ExecResult.
   */
  progress?(frame: string): void;
}

/** Where a shell is: a host, and optionally a container on it (`docker exec -it c sh`). */
export interface ShellLocation {
  host: string;
  /** Container ID when the shell runs inside a container. */
  container?: string;
  /** The prompt shown for this location, e.g. `node-1$ ` or `/ # `. */
  prompt?: string;
  /** An interactive `ssh` login: `exit` prints bash's `logout` and ssh's `Connection to … closed.` */
  login?: boolean;
  /** The destination the login was given when it is not the host's name (`ssh 192.168.1.20`): what ssh names on closing. */
  via?: string;
  /**
   * Called when `exit` leaves this shell, with the world as it is then and the exit status: the shell of
   * `docker run -it` is the container's main process, so leaving it stops the container (and `--rm` removes it).
   */
  onExit?(world: World, code: number): void;
}

/** What a command may ask of the interactive session around it. */
export interface ShellSession {
  /** The current location (top of the stack of nested shells). */
  readonly location: ShellLocation;
  /** Pushes a nested interactive shell (e.g. `docker exec -it c sh`); `exit` pops it. */
  enterShell(loc: ShellLocation): void;
  /**
   * Logs in to another host (`ssh node-2`, or `ssh 192.168.1.20` with `via` the address given); `exit` there
   * comes back to where the session was, as ssh does.
   */
  switchHost(host: string, via?: string): void;
  /** Lines typed so far in this session, oldest first. */
  history(): readonly string[];
  /**
   * Runs a host/container tool (not a builtin, not docker) at a location, e.g. `docker exec c ping -c 3 api`
   * runs ["ping","-c","3","api"] in container c. "not-found" when no such tool exists there (docker then
   * prints its own `executable file not found` error).
   */
  runTool(argv: string[], at: ShellLocation, io: CommandIO): Promise<number | "not-found">;
  /** Whether `runTool` finds a command at a location (inside a container: whether its image carries it). */
  hasTool(name: string, at: ShellLocation): boolean;
  /**
   * For work that goes on after the command returns (a detached container's main process, `docker run -d`):
   * a context whose sleeps have no time limit and move as a background job's do (with instant pacing, only
   * while a foreground command runs), whose tools run in the background, a signal that aborts on `stop` or
   * when the world is replaced (a restore), and a promise that resolves when the work first waits.
   */
  detach<C extends CommandContext>(ctx: C, stop: AbortSignal): { ctx: C; signal: AbortSignal; waiting: Promise<void> };
}

export type FlagType =
  | "bool"
  | "string"
  | "int"
  | "uint64"
  | "stringArray"
  | "stringSlice"
  | "list"
  | "map"
  | "duration"
  | "float";

export interface FlagSpec {
  /** Long name without dashes: "driver". */
  name: string;
  /** One-letter shorthand without the dash: "d". */
  short?: string;
  type: FlagType;
  /** Default value (as the parsed type); shown in help when non-zero as docker does. */
  default?: unknown;
  usage: string;
  hidden?: boolean;
  /** Deprecation message; the flag still parses. */
  deprecated?: string;
  /** Placeholder in help, e.g. "string", "list", "map", "bytes" (defaults by type). */
  valueName?: string;
  /** Optional value check; return an error cause (e.g. `invalid port`) to reject with pflag's text. */
  validate?: (value: string) => string | undefined;
  /**
   * What Tab offers for the flag's value, after `--flag ` or `--flag=` (docker's RegisterFlagCompletionFunc,
   * and its bash completion where cobra's has none): names of a kind of object, or a fixed list.
   */
  values?: NameKind | readonly string[];
}

/** Parsed flag values, keyed by long name. Repeated flags (stringArray/list/stringSlice) give arrays, map gives Record. */
export type FlagValue = string | number | boolean | string[] | Record<string, string>;

export interface ParsedFlags {
  values: Record<string, FlagValue>;
  /** Long names of the flags the user actually set. */
  changed: Set<string>;
  get<T extends FlagValue = FlagValue>(name: string): T | undefined;
}

export type ArgsRule =
  | { kind: "none" }
  | { kind: "any" }
  | { kind: "exact"; n: number }
  | { kind: "min"; n: number }
  | { kind: "max"; n: number }
  | { kind: "range"; n: number; m: number };

export interface CommandContext {
  /** The world the command acts on (the shell itself never looks inside). */
  world: World;
  host: string;
  container?: string;
  /** argv[0] = command name ("docker", "ping", …), as typed after expansion. */
  argv: string[];
  /** Waits in virtual time (engine clock). Rejects/returns early when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Virtual ms since epoch. */
  now(): number;
  session: ShellSession;
}

export interface RunContext extends CommandContext {
  flags: ParsedFlags;
  args: string[];
}

/** Completion kinds a command's positional arguments accept. */
export type NameKind = "node" | "network" | "service" | "container" | "task" | "host" | "image";

/**
 * Only the containers attached to a network (`attached`), or only those not attached: what docker's
 * `network disconnect` and `network connect` completion offer (docker/cli network/disconnect.go isConnected,
 * which looks the network up by the name as typed among each container's networks).
 */
export interface NameFilter {
  network: string;
  attached: boolean;
}

export interface CommandSpec {
  /** Path under the root: ["network","create"] for docker; ["ping"] for a host tool. */
  path: string[];
  /** Use line after the parent path: "create [OPTIONS] NETWORK". */
  use: string;
  short: string;
  aliases?: string[];
  flags: FlagSpec[];
  args: ArgsRule;
  /** false: flags stop at the first positional (docker run, service create, exec). Default true. */
  interspersed?: boolean;
  /** What positional arguments complete to (Tab). */
  complete?: NameKind[];
  /**
   * What the next positional argument completes to given those before it, when it depends on them (docker's
   * ValidArgsFunction): overrides `complete` and the use line.
   */
  completeArg?: (args: readonly string[]) => { kinds: NameKind[]; filter?: NameFilter };
  hidden?: boolean;
  /** The full `Aliases:` line of help, when it is not path + aliases (docker's "aliases" annotation), e.g. ["docker container exec", "docker exec"]. */
  aliasPaths?: string[];
  /** Root leaf listed under "Common Commands" in `docker --help`, in this order (docker's category-top). */
  top?: number;
  /** Where the command exists: on hosts, inside containers, or both (host/container tools). Default "host". */
  where?: "host" | "container" | "both";
  /**
   * Set on docker commands the simulator does not model: the message they print (exit 1) whatever their
   * flags and arguments, `--help` included.
   */
  unsupported?: string;
  /**
   * A tool's own check of its arguments before they are parsed (busybox's getopt and usage): what it
   * prints on stderr and its exit code, or null to go on.
   */
  preflight?: (ctx: RunContext, args: readonly string[]) => { stderr: string; code: number } | null;
  run: (ctx: RunContext, io: CommandIO) => Promise<number>;
}

/** A management command (`docker network`) listing its subcommands in help. */
export interface GroupSpec {
  path: string[];
  use?: string;
  short: string;
  aliases?: string[];
  /** Listed under "Swarm Commands" in the root help (node, service, swarm, …). */
  swarm?: boolean;
}
