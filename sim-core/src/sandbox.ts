/**
 * The sandbox the terminal, the headless runner and the tests use: a world, its virtual clock, and
 * `exec(node, line)` — which hands the line to the shell (tokenizer, grammar, docker command tree) that
 * the CLI layer plugs in. Everything else here is the engine's own: state, snapshot/restore and files.
 */
import type { ExecOptions, ExecResult } from "./model/exec";
import type { WorldState } from "./model/state";
import { seenOnEth0 } from "./net/capture";
import { parseFilter } from "./net/capture-filter";
import { encodeFrame, pcapFile, type CapturedFrame } from "./net/pcap";
import { VirtualClock, type ClockOptions } from "./engine/clock";
import { World, type SimEvent, type WorldOptions } from "./engine/world";
import { advanceClock } from "./swarm/update";

export type { ExecOptions, ExecResult };

/**
 * What runs a line on a node: the CLI layer's panes (`shellFactory` from cli/, one shell session per pane)
 * or a test's stand-in. The sandbox hands every `exec` to it.
 */
export interface CommandLine {
  exec(node: string, line: string, options: ExecOptions): Promise<ExecResult>;
}

/** Makes the command line from the sandbox it runs in (everything but the command line itself). */
export type CommandLineFactory<C extends CommandLine = CommandLine> = (sandbox: Omit<Sandbox, "commandLine">) => C;

export interface SandboxOptions<C extends CommandLine = CommandLine> extends WorldOptions, ClockOptions {
  /** Makes the command line the sandbox runs lines with (kept as `sandbox.commandLine`). */
  shell: CommandLineFactory<C>;
}

export type SimEventListener = (event: SimEvent) => void;

/** The sandbox's event stream: it follows the sandbox across `restore()`, so the UI subscribes once. */
export interface SandboxEvents {
  /** Returns the unsubscribe function. */
  subscribe(listener: SimEventListener): () => void;
  unsubscribe(listener: SimEventListener): void;
}

export interface CaptureOptions {
  /** The host whose eth0 (the underlay) is captured, e.g. "node-1". */
  host: string;
  /** A pcap filter as tcpdump takes it ("udp port 4789", "esp", "host 192.168.1.20", …); everything when omitted. */
  filter?: string;
}

/** A running capture: frames are recorded as operations run, until `stop()`. */
export interface CaptureHandle {
  /** Frames recorded so far. */
  readonly count: number;
  /** Stops recording and returns the libpcap file (the same bytes on every later call). */
  stop(): Uint8Array;
}

export interface Sandbox<C extends CommandLine = CommandLine> {
  world: World;
  /** The command line `shell` made: e.g. the CLI's panes, with their prompts and Tab completion. */
  readonly commandLine: C;
  events: SandboxEvents;
  /**
   * Starts recording the underlay frames `host`'s eth0 sees, as `tcpdump -w` does. Throws a RangeError
   * for an unknown host and a SyntaxError for a filter tcpdump would reject — both are the caller's
   * mistake, not the learner's.
   */
  capture(options: CaptureOptions): CaptureHandle;
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

export function createSandbox<C extends CommandLine>(options: SandboxOptions<C>): Sandbox<C> {
  const listeners = new Set<SimEventListener>();
  const forward = (e: SimEvent) => {
    for (const l of listeners) l(e);
  };
  // The current world forwards to the listeners only while there are some, so a sandbox nobody watches
  // raises no events at all (World.announce is free without listeners).
  let detach: (() => void) | null = null;
  const attach = () => {
    detach?.();
    detach = listeners.size > 0 ? world.on(forward) : null;
  };
  const listen = (l: SimEventListener) => {
    listeners.add(l);
    if (!detach) attach();
    return () => unlisten(l);
  };
  const unlisten = (l: SimEventListener) => {
    listeners.delete(l);
    if (listeners.size === 0) attach();
  };
  let world = World.create(options);
  const clockOptions: ClockOptions = { pacing: options.pacing, scale: options.scale, advance: options.advance ?? advanceClock };
  let clock = new VirtualClock(world, clockOptions);
  const events: SandboxEvents = { subscribe: listen, unsubscribe: unlisten };
  const sandbox: Omit<Sandbox<C>, "commandLine"> = {
    get world() {
      return world;
    },
    get clock() {
      return clock;
    },
    events,
    capture({ host, filter = "" }) {
      if (!world.state.hosts[host]) throw new RangeError(`no host ${host}`);
      const keep = parseFilter(filter);
      if (keep === "syntax error") throw new SyntaxError(`tcpdump: syntax error in filter expression: ${filter}`);
      const frames: CapturedFrame[] = [];
      const listener: SimEventListener = (e) => {
        // The host is looked up per event: after a restore it is the restored world's.
        const h = world.state.hosts[host];
        if (e.type === "packet.hop" && h && seenOnEth0(h, e.hop, keep)) frames.push({ at: e.at, bytes: encodeFrame(e.hop, e.hop.reply ?? false) });
      };
      listen(listener);
      let file: Uint8Array | null = null;
      return {
        get count() {
          return frames.length;
        },
        stop() {
          unlisten(listener);
          return (file ??= pcapFile(frames));
        },
      };
    },
    exec: (node, line, execOptions = {}) => shell.exec(node, line, execOptions),
    state: () => world.state,
    snapshot: () => world.snapshot(),
    restore(snapshot) {
      world = World.restore(snapshot);
      clock = new VirtualClock(world, clockOptions);
      attach();
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
  return Object.assign(sandbox, { commandLine: shell });
}
