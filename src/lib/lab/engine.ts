/**
 * The worker's side of the lab: one sim-core lab, the panes' command log and streams, replay, undo,
 * fast-forward, completion, downloads and captures. Pure over sim-core (no DOM, no Worker API): the
 * worker file only wires `handle` to `onmessage` and `post` to `postMessage`, and tests drive it directly.
 */
import { createLab, type Lab, type WorldState } from "sim-core";
import { createTopologyFeed, type TopologyFeed } from "@/lib/topology/feed";
import { createEscapeFilter, type EscapeFilter } from "./escape-filter";
import { MAX_COLS, MIN_COLS } from "./limits";
import { clusterFacts, resolveIn } from "./resolve";
import type { FromWorker, LogEntry, PaneView, SessionCore, ToWorker } from "./protocol";
import { exerciseBySlug } from "@/lib/exercises";
import { startExercise, type ExerciseRun } from "@/lib/exercises/run";
import type { ExerciseDef } from "@/lib/exercises/types";

/** A pane keeps at most this much of its stream for redraws (the terminal's scrollback holds less). */
const MAX_STREAM = 400_000;
/** Fast-forward runs at most this much virtual time at once, so an endless `ping` still comes back. */
export const FAST_FORWARD_LIMIT_MS = 60_000;
/** Undo from a snapshot for the most recent commands; older ones are undone by replaying the log. */
const SNAPSHOTS_KEPT = 30;
/** While a command runs, the page is told this often (wall time) what its session would be if it ended now. */
export const CHECKPOINT_MS = 1000;

interface Running {
  entry: LogEntry;
  abort: AbortController;
  done: Promise<void>;
}

interface Pane {
  filter: EscapeFilter;
  stream: string;
  running: Running | null;
}

export interface EngineOptions {
  /** "realtime" in the browser; tests use "instant". */
  pacing?: "instant" | "realtime";
}

export interface Engine {
  handle(message: ToWorker): Promise<void>;
}

const HOST_PROMPT = /^(node-\d+)\$ $/;

export function createEngine(post: (message: FromWorker, transfer?: Transferable[]) => void, options: EngineOptions = {}): Engine {
  const pacing = options.pacing ?? "realtime";
  let lab: Lab | null = null;
  let session: SessionCore | null = null;
  let panes = new Map<string, Pane>();
  let log: LogEntry[] = [];
  let started: LogEntry[] = [];
  let finished = new Set<LogEntry>();
  /** World snapshots taken before a command ran (when nothing else ran), by log position. */
  let snapshots = new Map<number, { world: WorldState; prompts: string[]; streams: string[] }>();
  let fastForward: ReturnType<typeof setInterval> | null = null;
  const captures = new Map<string, ReturnType<Lab["capture"]>>();
  /** The topology panel's view of the lab: diffs and packet traces. */
  let feed: TopologyFeed | null = null;
  /** A boot, replay or undo in progress: commands wait for it. */
  let settling: Promise<void> = Promise.resolve();
  /** The exercise this lab runs, what the simulator observed since its start state, and its checker. */
  let exercise: ExerciseRun | null = null;
  let checkpoints: ReturnType<typeof setInterval> | null = null;

  const checkExercise = (live: boolean, explain = false) => {
    if (!exercise) return;
    const status = exercise.check(explain);
    if (live) post({ type: "exercise-status", status, explained: explain });
  };

  /** The stream is at the start of a line (escape sequences after the last newline aside), or empty. */
  const endsLine = (stream: string) => {
    const visible = stream.replace(/(?:\u001b\[[\d;?]*[A-Za-z])+$/, "");
    return visible === "" || visible.endsWith("\n");
  };

  const append = (pane: Pane, text: string) => {
    pane.stream += text;
    if (pane.stream.length > MAX_STREAM) pane.stream = pane.stream.slice(pane.stream.length - MAX_STREAM / 2);
  };

  const out = (id: string, raw: string, live: boolean) => {
    const pane = panes.get(id)!;
    const text = pane.filter.push(raw);
    if (!text) return;
    append(pane, text);
    if (live) post({ type: "output", pane: id, text });
  };

  const runningState = () => {
    post({
      type: "running",
      panes: [...panes].filter(([, p]) => p.running).map(([id]) => id),
      fastForward: fastForward !== null,
      captures: [...captures.keys()],
      files: Object.fromEntries(lab ? lab.nodes.map((n) => [n, Object.keys(lab!.state().hosts[n].files).sort()]) : []),
    });
  };

  /**
   * The session as a reload would find it if it came now: the commands still running are in it, interrupted at
   * this virtual moment (Ctrl-C), so a reload mid-command replays it up to here instead of losing it. Posted when
   * a command starts and every CHECKPOINT_MS while one runs; the page saves it as it saves a finished command.
   */
  const checkpoint = () => {
    // A replay's log is partial until it ends, and "ready" brings it whole.
    if (replaying) return;
    if (!lab || !busy()) {
      if (checkpoints !== null) clearInterval(checkpoints);
      checkpoints = null;
      return;
    }
    const now = lab.now();
    post({ type: "progress", log: started.map((e) => (finished.has(e) || e.abortAt !== undefined ? { ...e } : { ...e, abortAt: now })) });
  };

  const paneViews = (): Record<string, PaneView> =>
    Object.fromEntries([...panes].map(([id, p]) => [id, { stream: p.stream, prompt: lab!.prompt(id) }]));

  /** Starts one command in its pane; resolves when it ends. `live` posts its output as it comes. */
  function start(entry: LogEntry, live: boolean): Running {
    const l = lab!;
    const pane = panes.get(entry.pane)!;
    started.push(entry);
    append(pane, pane.filter.push(l.prompt(entry.pane) + entry.line) + "\r\n");
    const abort = new AbortController();
    const running: Running = {
      entry,
      abort,
      done: l
        .exec(entry.pane, entry.line, { tty: true, columns: entry.cols, signal: abort.signal, onOutput: (c) => out(entry.pane, c.text, live) })
        .then((result) => {
          pane.running = null;
          if (result.clear) pane.stream = "";
          // Output left mid-line (`echo -n`, a ^C with nothing after it) keeps its line: the prompt starts below.
          else if (!endsLine(pane.stream)) out(entry.pane, "\r\n", live);
          // The log keeps the order commands started in (a replay starts them in that order).
          finished.add(entry);
          log = started.filter((e) => finished.has(e));
          checkExercise(live);
          if (live) {
            post({ type: "done", pane: entry.pane, prompt: l.prompt(entry.pane), exitCode: result.exitCode, clear: result.clear === true, log: [...log] });
            runningState();
            feed?.full();
          }
        }),
    };
    pane.running = running;
    return running;
  }

  /** A command that leaves something running: a background job (`&`), a detached container (`run -d`). */
  const keepsRunning = (line: string) =>
    /(^|[^&])&(?!&)/.test(line) || /\bdocker\s+(?:container\s+)?run\b.*\s(?:-[a-zA-Z]*d[a-zA-Z]*|--detach)(?:\s|=|$)/.test(line);

  /** A replay runs: output is kept in the streams, not posted. */
  let replaying = false;

  const sleepUntil = async (at: number) => {
    const l = lab!;
    if (at > l.now()) await l.sandbox.clock.sleep(at - l.now());
  };

  /** Replays a log with instant pacing: the same commands at the same virtual times give the same streams. */
  async function replay(entries: readonly LogEntry[]) {
    const l = lab!;
    replaying = true;
    l.setPacing("instant");
    const tails = new Map<string, Promise<void>>();
    const all: Promise<void>[] = [];
    for (const entry of entries.map((e) => ({ ...e }))) {
      await sleepUntil(entry.at);
      // What was due at that moment (a background job's wake-up) runs first, as it did live.
      await l.sandbox.clock.sleep(0);
      await tails.get(entry.pane);
      const running = start(entry, false);
      if (entry.abortAt !== undefined) {
        const abortAt = entry.abortAt;
        // After every timer due at the moment Ctrl-C was pressed, before anything later: as it happened.
        void sleepUntil(abortAt)
          .then(() => l.sandbox.clock.sleep(0))
          .then(() => interrupt(entry.pane, running, false));
      }
      tails.set(entry.pane, running.done);
      all.push(running.done);
    }
    await Promise.all(all);
    replaying = false;
    l.setPacing(pacing);
  }

  function interrupt(id: string, running: Running, live: boolean) {
    if (running.abort.signal.aborted) return;
    running.entry.abortAt = lab!.now();
    out(id, "^C", live);
    running.abort.abort();
  }

  async function boot(core: SessionCore, def: ExerciseDef | null = null) {
    stopFastForward();
    for (const c of captures.values()) c.stop();
    captures.clear();
    const t0 = performance.now();
    feed?.dispose();
    feed = null;
    // A background job's output while its pane shows the prompt (`sleep 5 && echo done &`): posted as it comes,
    // except during a replay, whose streams the page gets whole.
    lab = createLab({ nodes: core.nodes, seed: core.seed, pacing, onBackgroundOutput: (node, chunk) => panes.has(node) && out(node, chunk.text, !replaying) });
    exercise = def ? await startExercise(lab, def, pacing) : null;
    session = core;
    panes = new Map(lab.nodes.map((n) => [n, { filter: createEscapeFilter(), stream: "", running: null }]));
    log = [];
    started = [];
    finished = new Set();
    snapshots = new Map();
    await replay(core.log);
    post({ type: "ready", session: { ...core, log: [...log] }, panes: paneViews(), replayMs: Math.round(performance.now() - t0) });
    runningState();
    feed = createTopologyFeed(lab, post);
    feed.full(true);
    checkExercise(true);
  }

  function stopFastForward() {
    if (fastForward === null) return;
    clearInterval(fastForward);
    fastForward = null;
    lab?.setPacing(pacing);
  }

  const busy = () => [...panes.values()].some((p) => p.running);

  async function undo() {
    const l = lab!;
    if (busy() || log.length === 0) return;
    const last = log.length - 1;
    const saved = snapshots.get(last);
    // A snapshot holds the world, not the shells or the processes: a command that moved a pane (ssh, exit) is
    // undone by replaying the log without it, and so is any undo while a background job or a detached
    // container's command may run (after a restore they would run on, or start again from their beginning).
    const shellUnchanged = saved && l.nodes.every((n, i) => l.prompt(n) === saved.prompts[i]) && !log.some((e) => keepsRunning(e.line));
    if (saved && shellUnchanged) {
      l.restore(saved.world);
      log = log.slice(0, last);
      started = [...log];
      snapshots.delete(last);
      l.nodes.forEach((n, i) => {
        const p = panes.get(n)!;
        p.stream = saved.streams[i];
        p.filter = createEscapeFilter();
      });
      post({ type: "ready", session: { ...session!, log: [...log] }, panes: paneViews(), replayMs: 0 });
      runningState();
      // From scratch, as after a boot: the packets of the command undone go with it.
      feed?.full(true);
      checkExercise(true);
      return;
    }
    await boot({ ...session!, log: log.slice(0, last) }, exercise?.def ?? null);
  }

  async function exec(id: string, line: string, columns?: number) {
    const l = lab!;
    const pane = panes.get(id);
    if (!pane || pane.running) return;
    const download = /^\s*download(?:\s+(\S+))?\s*$/.exec(line);
    if (download) return typedDownload(id, line, download[1] ?? "");
    if (!busy()) {
      snapshots.set(log.length, { world: l.snapshot(), prompts: l.nodes.map((n) => l.prompt(n)), streams: l.nodes.map((n) => panes.get(n)!.stream) });
      snapshots.delete(log.length - SNAPSHOTS_KEPT);
    }
    const cols = columns !== undefined && Number.isInteger(columns) && columns >= MIN_COLS && columns <= MAX_COLS ? columns : undefined;
    start({ pane: id, line, at: l.now(), ...(cols === undefined ? {} : { cols }) }, true);
    runningState();
    checkpoint();
    checkpoints ??= setInterval(checkpoint, CHECKPOINT_MS);
  }

  /** A file on a host for the page to save, or what went wrong in the words a shell would use. */
  function readForDownload(host: string | undefined, path: string): { name: string; bytes: Uint8Array } | string {
    if (!path) return "download: usage: download FILE";
    if (!host) return "download: run it on a host (node-N$), not inside a container";
    const bytes = lab!.readFile(host, path);
    if (!bytes) return `download: ${path}: No such file on ${host}`;
    return { name: path.split("/").pop() || "download", bytes };
  }

  /** `download FILE` typed in a pane: the page saves the file; the pane says what happened. Not logged. */
  function typedDownload(id: string, line: string, path: string) {
    const l = lab!;
    const pane = panes.get(id)!;
    append(pane, pane.filter.push(l.prompt(id) + line) + "\r\n");
    const file = readForDownload(HOST_PROMPT.exec(l.prompt(id))?.[1], path);
    if (typeof file === "string") {
      out(id, `${file}\n`, true);
    } else {
      post({ type: "save", name: file.name, bytes: file.bytes.slice() });
      out(id, `Downloaded ${file.name} (${file.bytes.length} bytes)\n`, true);
    }
    post({ type: "done", pane: id, prompt: l.prompt(id), exitCode: typeof file === "string" ? 1 : 0, clear: false, log: [...log] });
  }

  function resolve(paneId: string, line: string): string {
    return resolveIn(lab!, paneId, line);
  }

  async function handle(message: ToWorker) {
    if (message.type === "boot") {
      settling = settling.then(() => boot(message.session));
      return settling.catch((e: unknown) => post({ type: "error", message: String(e) }));
    }
    if (message.type === "exercise-boot") {
      const def = exerciseBySlug(message.slug);
      if (!def) return post({ type: "error", message: `no exercise "${message.slug}"` });
      // An exercise always starts from its own seed and nodes, whatever the saved session says.
      const core = { ...message.session, seed: def.seed, nodes: def.nodes };
      settling = settling.then(() => boot(core, def));
      return settling.catch((e: unknown) => post({ type: "error", message: String(e) }));
    }
    await settling;
    if (!lab) return;
    const l = lab;
    switch (message.type) {
      case "exercise-check":
        return checkExercise(true, true);
      case "exercise-answer":
        exercise?.answer(message.step, message.choice);
        return checkExercise(true);
      case "exercise-export": {
        const core = session ?? { seed: l.seed, nodes: l.nodes.length, log: [] };
        return post({ type: "exercise-session", id: message.id, session: { ...core, log: [...(exercise?.setupLog ?? []), ...log] } });
      }
      case "exec":
        return exec(message.pane, message.line, message.columns);
      case "interrupt": {
        const running = panes.get(message.pane)?.running;
        if (running) interrupt(message.pane, running, true);
        return;
      }
      case "complete": {
        const c = l.complete(message.pane, message.line, message.cursor);
        return post({ type: "completion", id: message.id, start: c.start, candidates: c.candidates });
      }
      case "fast-forward": {
        if (fastForward !== null) return;
        const until = l.now() + FAST_FORWARD_LIMIT_MS;
        l.setPacing("instant");
        fastForward = setInterval(() => {
          if (!busy() || l.now() >= until) {
            stopFastForward();
            runningState();
          }
        }, 15);
        return runningState();
      }
      case "undo":
        settling = settling.then(undo);
        return settling;
      case "resolve":
        return post({ type: "resolved", id: message.id, line: resolve(message.pane, message.line) });
      case "swarm":
        return post({ type: "swarm", id: message.id, ...clusterFacts(l) });
      case "download": {
        const file = readForDownload(message.host, message.path);
        if (typeof file === "string") return post({ type: "error", message: file });
        return post({ type: "save", name: file.name, bytes: file.bytes.slice() });
      }
      case "packets-pcap":
        return post({ type: "file", id: message.id, name: "packets.pcap", bytes: feed?.pcap() ?? null });
      case "capture-start":
        if (!captures.has(message.host) && l.nodes.includes(message.host)) captures.set(message.host, l.capture({ host: message.host }));
        return runningState();
      case "capture-stop": {
        const cap = captures.get(message.host);
        captures.delete(message.host);
        runningState();
        if (!cap) return post({ type: "file", id: message.id, name: `${message.host}-eth0.pcap`, bytes: null, error: "no capture running" });
        const bytes = cap.stop();
        return post({ type: "file", id: message.id, name: `${message.host}-eth0.pcap`, bytes: bytes.slice() });
      }
    }
  }

  return { handle };
}

