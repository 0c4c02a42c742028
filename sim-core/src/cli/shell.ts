/**
 * The simulated shell: runs command lines (see tokenize.ts) against builtins, the docker command tree and
 * the host/container tools, with `$?`, `$(…)`, `&&`/`||`, background jobs, and explicit limits so that no
 * line can hang, flood or crash the simulator. Everything it prints passes through `sanitize`.
 */
import { dispatch, type TreeNode } from "./cobra";
import { parseFlags } from "./flags";
import { sanitize } from "./sanitize";
import { MAX_SUBST_DEPTH, tokenize, type SimpleCommand, type Word } from "./tokenize";
import { Activity, DEFAULT_LIMITS, HISTORY_SIZE, LimitReached, linkSignals, type Limits } from "./control";
import { currentJobs, findJob, jobLine, type Job } from "./jobs";
import { LineOutput } from "./output";
import { plumb } from "./pipes";
import type { ExecOptions, ExecResult, OutputChunk } from "../model/exec";
import type { World } from "../engine/world";
import type { CommandContext, CommandIO, CommandSpec, RunContext, ShellLocation, ShellSession } from "./types";

export { Activity, DEFAULT_LIMITS, HISTORY_SIZE, type Limits } from "./control";
export type { Job, JobState } from "./jobs";

/**
 * Where a part of a line runs: at a location (absent: wherever the session is when it runs, so that `ssh
 * node-2; hostname` follows the login) and in the foreground or as a background job. A job keeps the
 * location it started at, and a command run somewhere else (`docker exec c ping …`) gets a frame of its
 * own: the session's location, and so its prompt, never moves under another command.
 */
export interface Frame {
  readonly at?: ShellLocation;
  readonly background: boolean;
  /** Set when a command in a background frame asked for the terminal (an interactive shell or login). */
  wantedTerminal?: boolean;
  /** Told when a command in the frame (or in the frames it starts) waits in virtual time, and wakes. */
  readonly watch?: WaitWatch;
}

export interface WaitWatch {
  /** Before a wait: a job's first one lets the line that started it end. */
  waiting?(): void;
  /** After a wait: a detached process ends there once the world it ran in was replaced. */
  woke?(): void;
}

/** The line the user typed, at the session's location. */
export const FOREGROUND: Frame = Object.freeze({ background: false });

/**
 * How far one sleep of a background job (or a detached container's process) moves virtual time with
 * instant pacing: a step at a time, each while a foreground command runs, so that idle time never jumps.
 */
export const BACKGROUND_STEP_MS = 1000;

/** A shell builtin (help, exit, ssh, jobs, …): it reaches into the session that runs it, in the frame it runs in. */
export type Builtin = (shell: Shell, argv: string[], io: CommandIO, res: ExecResult | undefined, frame: Frame) => Promise<number>;

export interface ShellOptions {
  /** The world commands act on (a getter in the CLI layer: after a restore it is the restored one). */
  world: World;
  host: string;
  /** Hosts `ssh` can reach. */
  hosts(): readonly string[];
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
  /** The shell's builtins by name (commands/builtin), looked up before docker and the tools. */
  builtins?: Readonly<Record<string, Builtin>>;
  /** The docker command tree (see buildTree); absent: `docker` is not found. */
  docker?: TreeNode;
  /** Host and container tools (path of length 1). */
  tools?: readonly CommandSpec[];
  /**
   * Whether a command is on the PATH at a location (inside a container: whether its image carries it);
   * absent, every tool whose `where` fits is there.
   */
  onPath?(name: string, at: ShellLocation): boolean;
  /**
   * Shared by every session of a sandbox. When given, background jobs pause while no foreground command
   * runs (instant virtual time); leave it out when time passes on its own (realtime pacing).
   */
  activity?: Activity;
  /**
   * Output of background jobs produced while no command of this session runs, as it happens (while one
   * runs, it goes to that command's terminal: `onOutput` and the result). Without it, such output waits
   * and comes first in the next command's output.
   */
  onAsyncOutput?(text: string, stream: "stdout" | "stderr"): void;
  limits?: Partial<Limits>;
}

export class Shell implements ShellSession {
  readonly limits: Limits;
  private stack: ShellLocation[];
  private lines: string[] = [];
  private status = 0;
  readonly jobs: Job[] = [];
  private nextPid = 4242;
  /** Background output that came while no command ran and nobody listened (onAsyncOutput). */
  private pending: OutputChunk[] = [];
  /** The terminal of the command line running now, where background output goes as it happens. */
  private terminal: LineOutput | null = null;
  /** Jobs the running line started, until each first waits (or ends). */
  private starting: Promise<void>[] = [];

  constructor(readonly opts: ShellOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.stack = [{ host: opts.host }];
  }

  // ShellSession
  get location(): ShellLocation {
    return this.stack[this.stack.length - 1];
  }
  enterShell(loc: ShellLocation): void {
    this.stack.push(loc);
  }
  switchHost(host: string, via?: string): void {
    this.stack.push({ host, login: true, ...(via !== undefined && via !== host ? { via } : {}) });
  }
  /** How many `ssh` logins deep the session is. */
  get logins(): number {
    return this.stack.filter((l) => l.login).length;
  }
  history(): readonly string[] {
    return this.lines;
  }
  /** Set by `exit` while a line runs; the rest of the line is dropped. */
  exited = false;

  /** Leaves the innermost container shell or ssh login (returned); undefined on the session's own host. */
  leaveShell(): ShellLocation | undefined {
    this.exited = true;
    if (this.stack.length <= 1) return undefined;
    return this.stack.pop();
  }
  get prompt(): string {
    const loc = this.location;
    if (loc.prompt) return loc.prompt;
    return loc.container ? "/ # " : `${loc.host}$ `;
  }
  /** "bash" on hosts, "sh" (busybox) inside containers: the name that prefixes shell errors. */
  get shellName(): string {
    return this.nameIn(FOREGROUND);
  }
  /** Where a frame runs now. */
  locationIn(frame: Frame): ShellLocation {
    return frame.at ?? this.location;
  }
  /** The shell's name where a frame runs. */
  nameIn(frame: Frame): string {
    return this.locationIn(frame).container ? "sh" : "bash";
  }
  get lastStatus(): number {
    return this.status;
  }

  /** Runs one line as typed by the user. Never throws. */
  async exec(line: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const res: ExecResult = { stdout: "", stderr: "", exitCode: 0 };
    const fg = linkSignals(opts.signal);
    const out = new LineOutput(res, opts.onOutput, this.limits.output, this.shellName, () => fg.abort(new LimitReached("", 1)));
    // Background output that came while nothing ran (and nobody listened for it) comes first.
    for (const chunk of this.pending.splice(0)) out.passThrough(chunk.text, chunk.stream);
    const tty = opts.tty ?? false;
    const io: CommandIO = { out: (t) => out.emit(t, "stdout"), err: (t) => out.emit(t, "stderr"), signal: fg.signal, tty };
    if (tty && opts.columns) io.columns = opts.columns;
    if (tty && opts.onOutput) io.progress = (frame) => out.progress(frame);
    this.exited = false;
    const started = this.nextPid;
    this.starting = [];
    if (line.trim() !== "") {
      this.lines.push(line);
      // bash's HISTSIZE default: older lines drop off.
      if (this.lines.length > HISTORY_SIZE) this.lines.splice(0, this.lines.length - HISTORY_SIZE);
    }
    try {
      this.opts.activity?.begin();
      // While the line runs, background jobs write to its terminal as they go.
      this.terminal = out;
      try {
        res.exitCode = await this.runLine(line, io, 0, FOREGROUND, this.status, res);
        // Jobs this line started run up to their first wait before the prompt comes back, so that what they
        // print at once (`echo hi &`, ping's first lines) follows their `[N] PID` on this line's terminal.
        await Promise.all(this.starting.splice(0));
      } finally {
        this.terminal = null;
        this.opts.activity?.end();
      }
    } catch (e) {
      // A command that throws is a bug in the simulator, not the user's fault: report it as data.
      io.err(`${this.shellName}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      res.exitCode = 70;
    }
    out.clearFrame();
    if (out.truncated && res.exitCode === 0) res.exitCode = 1;
    this.status = res.exitCode;
    // bash reports the jobs that ended before it prints the next prompt.
    for (const job of this.jobs) {
      // A job this line started is reported at a later prompt (bash prints this one before the job is done).
      if (job.state !== "Running" && !job.notified && job.pid < started) {
        job.notified = true;
        out.passThrough(sanitize(`${this.jobLine(job)}\n`), "stderr");
      }
    }
    this.pruneJobs();
    return res;
  }

  /** bash's `jobs` line for a job. */
  jobLine(job: Job): string {
    return jobLine(this.jobs, job);
  }

  /** Jobs, most recent first ("+" then "-"). */
  currentJobs(): Job[] {
    return currentJobs(this.jobs);
  }

  private pruneJobs() {
    for (let i = this.jobs.length - 1; i >= 0; i--) if (this.jobs[i].notified) this.jobs.splice(i, 1);
  }

  findJob(spec: string): Job | undefined {
    return findJob(this.jobs, spec);
  }

  /** Waits for a job in the foreground (`fg`): its output goes to `io`, Ctrl-C stops it. */
  async foreground(job: Job, io: CommandIO): Promise<number> {
    job.sink = { out: io.out, err: io.err };
    const onAbort = () => job.controller.abort(io.signal.reason);
    io.signal.addEventListener("abort", onAbort, { once: true });
    if (io.signal.aborted) onAbort();
    // The foreground time limit holds for `fg` too; past it the job goes back to the background.
    const limit = linkSignals(io.signal);
    const timer = this.opts.sleep(this.limits.time, limit.signal).then(() => "limit" as const);
    const first = await Promise.race([job.done.then(() => "done" as const), timer]);
    limit.abort();
    io.signal.removeEventListener("abort", onAbort);
    if (first === "limit" && job.state === "Running" && !io.signal.aborted) {
      job.sink = this.backgroundSink();
      io.err(`${this.shellName}: fg: stopped waiting after ${this.limits.time / 1000} s of simulated time (the limit for one command); [${job.id}] runs on in the background\n`);
      return 124;
    }
    await job.done;
    job.notified = true;
    return job.exitCode;
  }

  /**
   * Waits for jobs to end (`wait`), their output going on to the terminal as they run: "done", "interrupted"
   * (Ctrl-C: the jobs run on), or "limit" (the foreground time limit).
   */
  async waitFor(jobs: readonly Job[], io: CommandIO): Promise<"done" | "interrupted" | "limit"> {
    const limit = linkSignals(io.signal);
    const timer = this.opts.sleep(this.limits.time, limit.signal).then(() => (io.signal.aborted ? ("interrupted" as const) : ("limit" as const)));
    const first = await Promise.race([Promise.all(jobs.map((j) => j.done)).then(() => "done" as const), timer]);
    limit.abort();
    return first;
  }

  /** Sleeps as a command in `frame` does: a background one moves only while a foreground command runs (instant pacing). */
  async sleepIn(frame: Frame, ms: number, signal: AbortSignal): Promise<void> {
    const activity = this.opts.activity;
    frame.watch?.waiting?.();
    if (!frame.background || !activity) await this.opts.sleep(ms, signal);
    else {
      let left = ms;
      do {
        await activity.whenActive(signal);
        if (signal.aborted) break;
        const step = Math.min(left, BACKGROUND_STEP_MS);
        await this.opts.sleep(step, signal);
        left -= step;
      } while (left > 0 && !signal.aborted);
    }
    frame.watch?.woke?.();
  }

  private async runLine(line: string, io: CommandIO, depth: number, frame: Frame, status: number, res?: ExecResult): Promise<number> {
    const sh = this.nameIn(frame);
    if (line.length > this.limits.lineLength) {
      io.err(`${sh}: line too long: ${line.length} characters (the limit is ${this.limits.lineLength})\n`);
      return 2;
    }
    if (depth > MAX_SUBST_DEPTH) {
      io.err(`${sh}: $(…) nested too deeply (the limit is ${MAX_SUBST_DEPTH} levels)\n`);
      return 2;
    }
    const t = tokenize(line, depth);
    if (!t.ok) {
      io.err(`${sh}: ${t.error}\n`);
      return 2;
    }
    let k = 0;
    while (k < t.commands.length) {
      // An and-or list: commands joined by && and ||, up to a `;` or an `&` (which puts the whole list in the background).
      let end = k;
      while (end < t.commands.length - 1 && (t.commands[end].sep === "&&" || t.commands[end].sep === "||")) end++;
      const list = t.commands.slice(k, end + 1);
      k = end + 1;
      if (io.signal.aborted) break;
      if (list[list.length - 1].sep === "&") {
        if (depth > 0 || frame.background) {
          io.err(`${sh}: background jobs (&) inside $(…) are not supported in this simulator\n`);
          status = 2;
          continue;
        }
        status = this.startJob(list, io, frame, status);
        continue;
      }
      status = await this.runList(list, io, depth, frame, status, res);
      // `exit` ends this shell: nothing after it on the line runs (in it, or in the shell it returns to).
      if (this.exited && !frame.background) break;
    }
    return status;
  }

  /** Runs an and-or list (`a && b || c`) and returns its status. */
  private async runList(list: readonly SimpleCommand[], io: CommandIO, depth: number, frame: Frame, status: number, res?: ExecResult): Promise<number> {
    for (let k = 0; k < list.length; k++) {
      const cmd = list[k];
      // Skipped commands leave $? alone, so `false && a || b` runs b.
      if (k > 0 && (list[k - 1].sep === "&&" ? status !== 0 : status === 0)) continue;
      if (io.signal.aborted) break;
      const argv = await this.expand(cmd.words, io, depth, status, frame);
      if (argv === undefined) {
        status = 2;
        continue;
      }
      if (!frame.background) this.status = status;
      status = await plumb(cmd, io, (pio) => this.runArgv(argv, pio, res, frame));
      if (!frame.background) this.status = status;
      if (this.exited && !frame.background) break;
    }
    return status;
  }

  /** Expands words: `$?`, `$(…)` (trailing newlines stripped, unquoted results split on whitespace). */
  private async expand(words: Word[], io: CommandIO, depth: number, status: number, frame: Frame): Promise<string[] | undefined> {
    const argv: string[] = [];
    for (const w of words) {
      let fields: string[] = [];
      let cur: string | null = null;
      for (const p of w) {
        if (p.kind === "text") cur = (cur ?? "") + p.text;
        else if (p.kind === "status") cur = (cur ?? "") + String(status);
        else {
          let captured = "";
          const sub: CommandIO = { ...io, out: (t) => (captured += t), tty: false, progress: undefined };
          const saved = this.status;
          if (!frame.background) this.status = status;
          const code = await this.runLine(p.source, sub, depth + 1, frame, status);
          if (!frame.background) this.status = saved;
          if (captured.length > this.limits.output) captured = captured.slice(0, this.limits.output);
          // As in bash, `$?` later in the same line sees the substitution's status: `echo $(false)$?` prints 1.
          status = code;
          const value = captured.replace(/\n+$/, "");
          if (p.quoted) cur = (cur ?? "") + value;
          else {
            const parts = value.split(/[ \t\n]+/);
            if (parts[0] === "") parts.shift();
            if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
            const leadingSpace = /^[ \t\n]/.test(value);
            const trailingSpace = /[ \t\n]$/.test(value);
            if (parts.length === 0) {
              if (value !== "" && cur !== null) {
                fields.push(cur);
                cur = null;
              }
              continue;
            }
            if (leadingSpace && cur !== null) {
              fields.push(cur);
              cur = null;
            }
            cur = (cur ?? "") + parts[0];
            for (let j = 1; j < parts.length; j++) {
              fields.push(cur);
              cur = parts[j];
            }
            if (trailingSpace) {
              fields.push(cur);
              cur = null;
            }
          }
        }
        if (p.kind !== "subst" || p.quoted) cur ??= "";
      }
      if (cur !== null) fields.push(cur);
      argv.push(...fields);
      fields = [];
    }
    return argv;
  }

  private context(argv: string[], signal: AbortSignal, onTimeout: () => void, frame: Frame): CommandContext {
    const loc = this.locationIn(frame);
    // Background jobs have no time limit (kill %N stops them); they move only as virtual time does.
    const deadline = frame.background ? Infinity : this.opts.now() + this.limits.time;
    return {
      world: this.opts.world,
      host: loc.host,
      container: loc.container,
      argv,
      now: () => this.opts.now(),
      sleep: async (ms: number, sig?: AbortSignal) => {
        const s = sig ?? signal;
        if (frame.background) return this.sleepIn(frame, ms, s);
        const remaining = deadline - this.opts.now();
        if (ms > remaining) {
          await this.opts.sleep(Math.max(0, remaining), s);
          if (!s.aborted) onTimeout();
          return;
        }
        await this.opts.sleep(ms, s);
      },
      session: frame.background ? this.backgroundSession(frame) : this,
    };
  }

  /**
   * The session as a command in a background frame sees it: its tools run in the background too, and it
   * cannot take the terminal (bash would stop such a job: it reads the terminal).
   */
  private backgroundSession(frame: Frame): ShellSession {
    return {
      location: this.locationIn(frame),
      enterShell: () => {
        frame.wantedTerminal = true;
      },
      switchHost: () => {
        frame.wantedTerminal = true;
      },
      history: () => this.history(),
      runTool: (argv, at, io) => this.runTool(argv, at, io, frame),
      hasTool: (name, at) => this.hasTool(name, at),
      detach: (ctx, stop) => this.detach(ctx, stop),
    };
  }

  async runTool(argv: string[], at: ShellLocation, io: CommandIO, parent: Frame = FOREGROUND): Promise<number | "not-found"> {
    if (argv.length === 0 || !this.hasTool(argv[0], at)) return "not-found";
    return this.runArgv(argv, io, undefined, { at, background: parent.background, watch: parent.watch });
  }

  hasTool(name: string, at: ShellLocation): boolean {
    return this.findTool(name, at) !== undefined;
  }

  /** Runs an expanded command at another location without moving the session (`ssh node-2 hostname`). */
  async runAt(at: ShellLocation, argv: string[], io: CommandIO, parent: Frame = FOREGROUND): Promise<number> {
    return this.runArgv(argv, io, undefined, { at, background: parent.background, watch: parent.watch });
  }

  /**
   * Work that goes on after the command returns (a detached container's main process): its context's
   * sleeps have no time limit and move as a background job's do, its tools run in the background, and its
   * signal aborts on `stop` or once the world it started in is replaced (a restore). `waiting` resolves when
   * the work first waits.
   */
  detach<C extends CommandContext>(ctx: C, stop: AbortSignal): { ctx: C; signal: AbortSignal; waiting: Promise<void> } {
    const world = this.opts.world;
    const controller = linkSignals(stop);
    let waits = () => {};
    const waiting = new Promise<void>((resolve) => (waits = resolve));
    const watch: WaitWatch = {
      waiting: () => waits(),
      woke: () => {
        if (this.opts.world !== world) controller.abort("restored");
      },
    };
    const frame: Frame = { at: { host: ctx.host, container: ctx.container }, background: true, watch };
    const sleep = (ms: number, sig?: AbortSignal) => this.sleepIn(frame, ms, sig ?? controller.signal);
    return { ctx: { ...ctx, sleep, session: this.backgroundSession(frame) }, signal: controller.signal, waiting };
  }

  /** A context at a host for work the shell starts on its own (a detached process resumed after a restore). */
  contextAt(host: string): RunContext {
    const ctx = this.context([], new AbortController().signal, () => {}, { at: { host }, background: true });
    return { ...ctx, flags: emptyFlags(), args: [] };
  }

  private findTool(name: string, at: ShellLocation): CommandSpec | undefined {
    const inContainer = at.container !== undefined;
    const tool = this.opts.tools?.find((s) => s.path[0] === name && (s.where ?? "host") !== (inContainer ? "host" : "container"));
    return tool && (this.opts.onPath?.(name, at) ?? true) ? tool : undefined;
  }

  /** Runs one expanded command (builtin, docker, tool) in a frame and returns its exit code. */
  async runArgv(argv: string[], io: CommandIO, res?: ExecResult, frame: Frame = FOREGROUND): Promise<number> {
    if (argv.length === 0) return this.status;
    const name = argv[0];
    const sh = this.nameIn(frame);
    const builtin = this.opts.builtins?.[name];
    if (builtin) return builtin(this, argv, io, res, frame);
    const inContainer = this.locationIn(frame).container !== undefined;
    const timer = linkSignals(io.signal);
    let timedOut = false;
    const ctx = this.context(
      argv,
      timer.signal,
      () => {
        timedOut = true;
        timer.abort(new LimitReached("time", 124));
      },
      frame,
    );
    const cio: CommandIO = { ...io, signal: timer.signal };
    let code: number;
    if (name === "docker" && this.opts.docker && !inContainer) {
      code = await dispatch(this.opts.docker, argv, { ctx, io: cio });
    } else {
      const tool = this.findTool(name, this.locationIn(frame));
      if (!tool) {
        io.err(inContainer ? `${sh}: ${name}: not found\n` : `${sh}: ${name}: command not found\n`);
        return 127;
      }
      const pre = tool.preflight?.({ ...ctx, flags: emptyFlags(), args: argv.slice(1) }, argv.slice(1));
      if (pre) {
        io.err(pre.stderr);
        return pre.code;
      }
      if (tool.flags.length === 0) code = await tool.run({ ...ctx, flags: emptyFlags(), args: argv.slice(1) }, cio);
      else {
        const parsed = parseFlags(tool.flags, argv.slice(1), { interspersed: tool.interspersed });
        if (!parsed.ok) {
          io.err(`${name}: ${parsed.error}\n`);
          return 1;
        }
        code = await tool.run({ ...ctx, flags: parsed.flags, args: parsed.args }, cio);
      }
    }
    if (timedOut) {
      io.err(`${sh}: ${name}: stopped after ${this.limits.time / 1000} s of simulated time (the limit for one command)\n`);
      return 124;
    }
    if (frame.wantedTerminal) {
      frame.wantedTerminal = false;
      io.err(`${sh}: ${name}: an interactive shell cannot run in a background job in this simulator (it needs the terminal)\n`);
      return 1;
    }
    return code;
  }

  /** Starts an and-or list as a background job: `[N] PID` on stderr, then it runs on its own; $? is 0. */
  private startJob(list: readonly SimpleCommand[], io: CommandIO, frame: Frame, status: number): number {
    const sh = this.nameIn(frame);
    const alive = this.jobs.filter((j) => j.state === "Running").length;
    if (alive >= this.limits.jobs) {
      io.err(`${sh}: too many background jobs (the limit is ${this.limits.jobs}); stop one with kill %N\n`);
      return 1;
    }
    const id = this.jobs.reduce((m, j) => Math.max(m, j.id), 0) + 1;
    const controller = new AbortController();
    const job: Job = {
      id,
      pid: this.nextPid++,
      // As bash shows a job: the whole list, `sleep 1 && echo hi`.
      source: list.map((c, k) => (k < list.length - 1 ? `${c.source} ${c.sep} ` : c.source)).join(""),
      state: "Running",
      exitCode: 0,
      notified: false,
      controller,
      done: Promise.resolve(),
      sink: this.backgroundSink(),
    };
    let size = 0;
    const capped = (write: (t: string) => void) => (t: string) => {
      if (size > this.limits.output) return;
      size += t.length;
      if (size <= this.limits.output) write(t);
      else job.sink.err(`${sh}: [${id}] output stopped: more than ${this.limits.output} characters\n`);
    };
    const jio: CommandIO = {
      out: capped((t) => job.sink.out(t)),
      err: capped((t) => job.sink.err(t)),
      signal: controller.signal,
      tty: false,
    };
    let waits = () => {};
    this.starting.push(new Promise<void>((resolve) => (waits = resolve)));
    // The job stays where it started, whatever the session does next.
    const jobFrame: Frame = { at: this.locationIn(frame), background: true, watch: { waiting: () => waits() } };
    this.jobs.push(job);
    io.err(`[${id}] ${job.pid}\n`);
    job.done = (async () => {
      let code: number;
      try {
        code = await this.runList(list, jio, 0, jobFrame, status);
      } catch (e) {
        jio.err(`${sh}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        code = 70;
      }
      job.exitCode = code;
      job.state = controller.signal.aborted && controller.signal.reason === "SIGTERM" ? "Terminated" : "Done";
      waits();
    })();
    return 0;
  }

  /** Where a background job's output goes: the terminal of the line running now, else onAsyncOutput, else the next line. */
  private backgroundSink(): Job["sink"] {
    return { out: (t) => this.backgroundOutput(t, "stdout"), err: (t) => this.backgroundOutput(t, "stderr") };
  }

  private backgroundOutput(text: string, stream: "stdout" | "stderr") {
    const clean = sanitize(text);
    if (clean === "") return;
    if (this.terminal) this.terminal.passThrough(clean, stream);
    else if (this.opts.onAsyncOutput) this.opts.onAsyncOutput(clean, stream);
    else this.pending.push({ stream, text: clean });
  }
}

function emptyFlags() {
  const p = parseFlags([], []);
  if (!p.ok) throw new Error("unreachable");
  return p.flags;
}
