/**
 * The CLI layer assembled: the docker command tree from the management groups and the commands' specs,
 * one shell session per terminal pane, plugged into the engine's sandbox as its shell.
 */
import { buildTree, type TreeNode } from "./cobra";
import { BUILTINS } from "./commands/builtin/index";
import { withCatalog } from "./commands/docker/catalog";
import { complete, type Completion, type CompletionSource } from "./complete";
import { worldNames } from "./names";
import { Activity, Shell, type Limits } from "./shell";
import type { CommandSpec, GroupSpec, ShellLocation } from "./types";
import type { ExecOptions, ExecResult, OutputChunk } from "../model/exec";
import type { WorldState } from "../model/state";
import type { World } from "../engine/world";
import { imageHasTool } from "../engine/images";
import { resumeMainProcesses } from "./commands/docker/run";

export * from "./types";
export { buildTree, dispatch, helpText, DOCKER_GLOBAL_FLAGS, type TreeNode } from "./cobra";
export { parseFlags, goQuote } from "./flags";
export { tokenize } from "./tokenize";
export { sanitize } from "./sanitize";
export { complete, type Completion, type CompletionSource } from "./complete";
export { worldNames } from "./names";
export { Activity, Shell, DEFAULT_LIMITS, type Limits, type ShellOptions } from "./shell";

/** docker's management commands (short texts from docker/cli), in the order its help lists them. */

export const DOCKER_SHORT = "A self-sufficient runtime for containers";

/** What the shell needs of the sandbox it runs in (the sandbox is one; tests may pass their own). */
export interface ShellHost {
  readonly world: World;
  readonly clock: { sleep(ms: number, signal?: AbortSignal): Promise<void>; now(): number };
  state(): Readonly<WorldState>;
}

export interface CliOptions {
  docker?: readonly CommandSpec[];
  groups?: readonly GroupSpec[];
  tools?: readonly CommandSpec[];
  limits?: Partial<Limits>;
  /**
   * "pause" (default, for instant virtual time): background jobs move only while a foreground command
   * runs in some pane. "run": they keep going on their own (realtime pacing in the browser).
   */
  background?: "pause" | "run";
  /** What `docker --version` prints, e.g. "Docker version 29.0.1, build abc1234". */
  dockerVersion?: string;
  /**
   * Output of a pane's background jobs that comes while no command runs in that pane (`sleep 1 && echo hi &`),
   * as it happens, keyed by the pane's node. While a command runs there, it goes to that command's output.
   * Without it, such output comes first in the pane's next command's output.
   */
  onBackgroundOutput?: (node: string, chunk: OutputChunk) => void;
  /** Names for Tab completion; defaults to the world's state (worldNames). */
  names?: (sandbox: ShellHost) => CompletionSource;
}

export interface CliShell {
  /** `tty: true` from a terminal (REPL, browser): commands may draw progress as docker does on a terminal. */
  exec(node: string, line: string, options?: ExecOptions): Promise<ExecResult>;
  /** The session behind a pane (keyed by the node it started on). */
  session(node: string): Shell;
  prompt(node: string): string;
  complete(node: string, line: string, cursor: number): Completion;
  /**
   * After the sandbox's restore(): starts again the main processes of the restored world's detached
   * containers (`docker run -d alpine ping web`), which ended with the world they ran in.
   */
  resume(): void;
}

/** The command line to pass to createSandbox (`shell`): one shell session per pane, created on first use. */
export function shellFactory(options: CliOptions = {}): (sandbox: ShellHost) => CliShell {
  // docker's whole command tree: the commands given, and the rest of docker's as "not supported" (help lists them all).
  const catalog = withCatalog(options.docker ?? []);
  // Groups given override docker's own with the same path.
  const given = options.groups ?? [];
  const groups = [...catalog.groups.filter((g) => !given.some((h) => h.path.join(" ") === g.path.join(" "))), ...given];
  const tree: TreeNode = buildTree("docker", DOCKER_SHORT, groups, catalog.specs, options.dockerVersion);
  return (sandbox) => {
    const sessions = new Map<string, Shell>();
    const activity = options.background === "run" ? undefined : new Activity();
    const hosts = () => Object.keys(sandbox.state().hosts);
    // Inside a container, a command is there only if the container's image carries it.
    const onPath = (name: string, at: ShellLocation) => {
      const c = at.container ? sandbox.world.state.hosts[at.host]?.containers[at.container] : undefined;
      return !c || imageHasTool(c.image, name);
    };
    const listener = options.onBackgroundOutput;
    const session = (node: string) => {
      let s = sessions.get(node);
      if (!s) {
        s = new Shell({
          get world() {
            return sandbox.world;
          },
          host: node,
          hosts,
          sleep: (ms, signal) => sandbox.clock.sleep(ms, signal),
          now: () => sandbox.clock.now(),
          builtins: BUILTINS,
          docker: tree,
          tools: options.tools,
          onPath,
          limits: options.limits,
          activity,
          onAsyncOutput: listener && ((text, stream) => listener(node, { stream, text })),
        });
        sessions.set(node, s);
      }
      return s;
    };
    const source: CompletionSource = options.names?.(sandbox) ?? worldNames(() => sandbox.state());
    return {
      session,
      prompt: (node) => session(node).prompt,
      async exec(node, line, opts: ExecOptions = {}): Promise<ExecResult> {
        if (!hosts().includes(node)) return { stdout: "", stderr: `ssh: Could not resolve hostname ${node}: Name or service not known\n`, exitCode: 255 };
        return session(node).exec(line, {
          signal: opts.signal,
          onOutput: opts.onOutput,
          tty: opts.tty ?? false,
          columns: opts.columns,
        });
      },
      resume() {
        const first = hosts()[0];
        if (first === undefined) return;
        const s = session(first);
        resumeMainProcesses(sandbox.world, (host) => s.contextAt(host));
      },
      complete(node, line, cursor) {
        const s = session(node);
        return complete({
          line,
          cursor,
          host: s.location.host,
          inContainer: s.location.container !== undefined,
          docker: tree,
          tools: options.tools?.filter((t) => onPath(t.path[0], s.location)),
          builtins: Object.keys(BUILTINS),
          source,
        });
      },
    };
  };
}
