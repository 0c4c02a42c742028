/**
 * The sandbox the terminal, the headless runner and the tests use: a world, its virtual clock, and
 * `exec(node, line)` — which hands the line to the shell (tokenizer, grammar, docker command tree) that
 * the CLI layer plugs in. Everything else here is the engine's own: state, snapshot/restore and files.
 */
import type { WorldState } from "../model/state";
import { VirtualClock, type ClockOptions } from "./clock";
import { World, type WorldOptions } from "./world";

export interface ExecOptions {
  /** Output as it is produced (streams while virtual time passes, e.g. a ping line per second). */
  onOutput?: (chunk: { stream: "stdout" | "stderr"; text: string }) => void;
  /** Ctrl-C: stops the foreground command. */
  signal?: AbortSignal;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  clear?: boolean;
}

/** What the CLI layer provides: one shell session over the sandbox. */
export interface Shell {
  exec(node: string, line: string, options: ExecOptions): Promise<ExecResult>;
}

export type ShellFactory = (sandbox: Sandbox) => Shell;

export interface SandboxOptions extends WorldOptions, ClockOptions {
  shell: ShellFactory;
}

export interface Sandbox {
  world: World;
  clock: VirtualClock;
  exec(node: string, line: string, options?: ExecOptions): Promise<ExecResult>;
  state(): Readonly<WorldState>;
  snapshot(): WorldState;
  restore(snapshot: WorldState): void;
  readFile(host: string, path: string): Uint8Array | null;
  writeFile(host: string, path: string, bytes: Uint8Array): void;
}

const toBase64 = (bytes: Uint8Array) => {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function createSandbox(options: SandboxOptions): Sandbox {
  let world = World.create(options);
  let clock = new VirtualClock(world, options);
  const sandbox: Sandbox = {
    get world() {
      return world;
    },
    get clock() {
      return clock;
    },
    exec: (node, line, execOptions = {}) => shell.exec(node, line, execOptions),
    state: () => world.state,
    snapshot: () => world.snapshot(),
    restore(snapshot) {
      world = World.restore(snapshot);
      clock = new VirtualClock(world, options);
    },
    readFile(host, path) {
      const content = world.state.hosts[host]?.files[path];
      return content === undefined ? null : fromBase64(content);
    },
    writeFile(host, path, bytes) {
      const h = world.state.hosts[host];
      if (!h) throw new RangeError(`no host ${host}`);
      h.files[path] = toBase64(bytes);
    },
  };
  const shell = options.shell(sandbox);
  return sandbox;
}
