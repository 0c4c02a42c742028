/**
 * The one door to sim-core: `createLab()` gives a world of N nodes with the whole docker command line and
 * the host/container tools plugged in. The browser worker, `dockersim`, the exercises and the quiz all
 * start here; the lower floors (`createSandbox`, `shellFactory`, …) stay exported for tests and tools.
 */
import { shellFactory, type CliOptions, type CliShell } from "./cli/index";
import type { Completion } from "./cli/complete";
import type { ExecOptions, ExecResult } from "./model/exec";
import { DOCKER_COMMANDS } from "./cli/commands/docker/index";
import { HOST_TOOLS } from "./cli/commands/host/index";
import { createSandbox, type CaptureHandle, type CaptureOptions, type Sandbox, type SandboxEvents } from "./sandbox";
import type { WorldState } from "./model/state";

export type { ExecResult, OutputChunk } from "./model/exec";
export type { Completion } from "./cli/complete";

export interface LabOptions {
  /** Hosts node-1 … node-N (1 to MAX_NODES); 3 by default. */
  nodes?: number;
  /** Drives every ID, token and random choice: same seed and same commands give the same transcript. */
  seed?: string;
  /**
   * "instant" (default): virtual time jumps as soon as every command waits (tests, headless, replay).
   * "realtime": waits real time too, so a ping prints a reply a second (the browser terminal).
   */
  pacing?: "instant" | "realtime";
  /** Shell limits (line length, output, simulated time, jobs, …) over the defaults. */
  limits?: CliOptions["limits"];
  /**
   * Output of a pane's background jobs (`cmd &`) that comes while no command runs in that pane, as it
   * happens (bash writes it to the terminal at once), keyed by the pane's node. While a command runs in
   * the pane it is part of that command's output (`onOutput` and the result); without this listener,
   * output that came while the pane was idle comes first in its next command's output.
   */
  onBackgroundOutput?: CliOptions["onBackgroundOutput"];
}

/**
 * How `exec` runs a line: `tty` (progress frames as on a terminal), `columns` (the terminal's width, for help),
 * `signal` (Ctrl-C), `onOutput` (streaming).
 */
export type LabExecOptions = ExecOptions;

export interface Lab {
  /** The hosts, in order: ["node-1", "node-2", …]. */
  readonly nodes: readonly string[];
  readonly seed: string;
  /** Runs one line as typed at the pane that started on `node`. Never throws. */
  exec(node: string, line: string, options?: LabExecOptions): Promise<ExecResult>;
  /** The prompt the pane shows now (`node-1$ `, `node-2$ ` after `ssh node-2`, `/ # ` in a container). */
  prompt(node: string): string;
  /** Tab completion at `cursor` in `line`, for the pane that started on `node`. */
  complete(node: string, line: string, cursor: number): Completion;
  /** Typed simulator events (packet hops, tasks, services, nodes, networks, containers); kept across restore(). */
  readonly events: SandboxEvents;
  /** Records what a host's eth0 sees until stopped, as a libpcap file. */
  capture(options: CaptureOptions): CaptureHandle;
  /** The world as plain JSON (read-only: goals and checks look at it). */
  state(): Readonly<WorldState>;
  /** A deep copy of the world, for undo and sharing. */
  snapshot(): WorldState;
  /**
   * Puts the world back as it was at `snapshot` (the shells' history and positions stay). What runs outside
   * the world's state does not come back as it was: background jobs run on, and a detached container's
   * one-shot process (`docker run -d alpine ping web`) starts again from its beginning.
   */
  restore(snapshot: WorldState): void;
  /** Virtual time now, in milliseconds since the world's epoch. */
  now(): number;
  /** Switches pacing while commands run: the terminal's fast-forward ("instant" ends the current wait at once). */
  setPacing(pacing: "instant" | "realtime"): void;
  /** A file written in the world (e.g. by `tcpdump -w`), or null. */
  readFile(host: string, path: string): Uint8Array | null;
  writeFile(host: string, path: string, bytes: Uint8Array): void;
  /** The sandbox underneath, for tools and tests that need a lower floor. */
  readonly sandbox: Sandbox<CliShell>;
}

export function createLab(options: LabOptions = {}): Lab {
  const nodes = options.nodes ?? 3; // World.create refuses anything but 1 … MAX_NODES
  const seed = options.seed ?? "1";
  const factory = shellFactory({
    docker: DOCKER_COMMANDS,
    tools: HOST_TOOLS,
    limits: options.limits,
    background: options.pacing === "realtime" ? "run" : "pause",
    onBackgroundOutput: options.onBackgroundOutput,
  });
  const sandbox = createSandbox({ nodes, seed, pacing: options.pacing ?? "instant", shell: factory });
  const cli = sandbox.commandLine;
  const hosts = Object.keys(sandbox.state().hosts);
  return {
    nodes: hosts,
    seed,
    exec: (node, line, o = {}) => cli.exec(node, line, o),
    prompt: (node) => cli.prompt(node),
    complete: (node, line, cursor) => cli.complete(node, line, cursor),
    events: sandbox.events,
    capture: (o) => sandbox.capture(o),
    state: () => sandbox.state(),
    snapshot: () => sandbox.snapshot(),
    restore: (s) => {
      sandbox.restore(s);
      cli.resume();
    },
    now: () => sandbox.clock.now(),
    setPacing: (pacing) => sandbox.clock.setPacing(pacing),
    readFile: (host, path) => sandbox.readFile(host, path),
    writeFile: (host, path, bytes) => sandbox.writeFile(host, path, bytes),
    sandbox,
  };
}
