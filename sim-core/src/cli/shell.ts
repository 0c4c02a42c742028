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
import type { ExecOptions, ExecResult } from "../model/exec";
import type { World } from "../engine/world";
import type { CommandContext, CommandIO, CommandSpec, ShellLocation, ShellSession } from "./types";

export { Activity, DEFAULT_LIMITS, HISTORY_SIZE, type Limits } from "./control";
export type { Job, JobState } from "./jobs";

/** A shell builtin (help, exit, ssh, jobs, …): it reaches into the session that runs it. */
export type Builtin = (shell: Shell, argv: string[], io: CommandIO, res?: ExecResult) => Promise<number>;

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
  /** Output of background jobs as it happens; without it, it is shown with the next command's result. */
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
  private pending: { stdout: string; stderr: string } = { stdout: "", stderr: "" };

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
  switchHost(host: string): void {
    this.stack.push({ host, login: true });
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
    return this.location.container ? "sh" : "bash";
  }
  get lastStatus(): number {
    return this.status;
  }

  /** Runs one line as typed by the user. Never throws. */
  async exec(line: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const res: ExecResult = { stdout: this.pending.stdout, stderr: this.pending.stderr, exitCode: 0 };
    this.pending = { stdout: "", stderr: "" };
    const fg = linkSignals(opts.signal);
    const out = new LineOutput(res, opts.onOutput, this.limits.output, this.shellName, () => fg.abort(new LimitReached("", 1)));
    const tty = opts.tty ?? false;
    const io: CommandIO = { out: (t) => out.emit(t, "stdout"), err: (t) => out.emit(t, "stderr"), signal: fg.signal, tty };
    if (tty && opts.columns) io.columns = opts.columns;
    if (tty && opts.onOutput) io.progress = (frame) => out.progress(frame);
    this.exited = false;
    if (line.trim() !== "") {
      this.lines.push(line);
      // bash's HISTSIZE default: older lines drop off.
      if (this.lines.length > HISTORY_SIZE) this.lines.splice(0, this.lines.length - HISTORY_SIZE);
    }
    try {
      this.opts.activity?.begin();
      try {
        res.exitCode = await this.runLine(line, io, 0, res);
      } finally {
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
    // Background output produced while this line ran comes before the job notices.
    res.stdout += this.pending.stdout;
    res.stderr += this.pending.stderr;
    this.pending = { stdout: "", stderr: "" };
    for (const job of this.jobs) {
      if (job.state !== "Running" && !job.notified) {
        job.notified = true;
        const t = `${this.jobLine(job)}\n`;
        res.stderr += sanitize(t);
        opts.onOutput?.({ stream: "stderr", text: sanitize(t) });
      }
    }
    this.pruneJobs();
    res.stdout += this.pending.stdout;
    res.stderr += this.pending.stderr;
    this.pending = { stdout: "", stderr: "" };
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
      job.sink = { out: (t) => this.async(t, "stdout"), err: (t) => this.async(t, "stderr") };
      io.err(`${this.shellName}: fg: stopped waiting after ${this.limits.time / 1000} s of simulated time (the limit for one command); [${job.id}] runs on in the background\n`);
      return 124;
    }
    await job.done;
    job.notified = true;
    return job.exitCode;
  }

  private async runLine(line: string, io: CommandIO, depth: number, res?: ExecResult): Promise<number> {
    const sh = this.shellName;
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
    let status = this.status;
    let skip = false;
    for (let k = 0; k < t.commands.length; k++) {
      const cmd = t.commands[k];
      const prevSep = k > 0 ? t.commands[k - 1].sep : ";";
      // Skipped commands leave $? alone, so `false && a || b` runs b.
      if (prevSep === "&&") skip = status !== 0;
      else if (prevSep === "||") skip = status === 0;
      else skip = false;
      if (skip) continue;
      if (io.signal.aborted) break;
      if (cmd.sep === "&") {
        if (depth > 0) {
          io.err(`${sh}: background jobs (&) inside $(…) are not supported in this simulator\n`);
          status = 2;
          continue;
        }
        status = await this.startJob(cmd, io);
        continue;
      }
      const argv = await this.expand(cmd.words, io, depth, status);
      if (argv === undefined) {
        status = 2;
        continue;
      }
      this.status = status;
      status = await plumb(cmd, io, (pio) => this.runArgv(argv, pio, res));
      this.status = status;
      // `exit` ends this shell: nothing after it on the line runs (in it, or in the shell it returns to).
      if (this.exited) break;
    }
    return status;
  }

  /** Expands words: `$?`, `$(…)` (trailing newlines stripped, unquoted results split on whitespace). */
  private async expand(words: Word[], io: CommandIO, depth: number, status: number): Promise<string[] | undefined> {
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
          this.status = status;
          const code = await this.runLine(p.source, sub, depth + 1);
          this.status = saved;
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

  private context(argv: string[], signal: AbortSignal, onTimeout: () => void, timeLimit: number, background: boolean): CommandContext {
    const loc = this.location;
    const start = this.opts.now();
    const deadline = start + timeLimit;
    return {
      world: this.opts.world,
      host: loc.host,
      container: loc.container,
      argv,
      now: () => this.opts.now(),
      sleep: async (ms: number, sig?: AbortSignal) => {
        if (background && this.opts.activity) await this.opts.activity.whenActive(sig ?? signal);
        const remaining = deadline - this.opts.now();
        if (ms > remaining) {
          await this.opts.sleep(Math.max(0, remaining), sig ?? signal);
          if (!(sig ?? signal).aborted) onTimeout();
          return;
        }
        await this.opts.sleep(ms, sig ?? signal);
      },
      session: this,
    };
  }

  async runTool(argv: string[], at: ShellLocation, io: CommandIO): Promise<number | "not-found"> {
    if (argv.length === 0) return "not-found";
    const tool = this.findTool(argv[0], at);
    if (!tool) return "not-found";
    this.stack.push(at);
    try {
      return await this.runArgv(argv, io);
    } finally {
      this.stack.splice(this.stack.lastIndexOf(at), 1);
    }
  }

  /** Runs an expanded command at another location without moving the session (`ssh node-2 hostname`). */
  async runAt(at: ShellLocation, argv: string[], io: CommandIO): Promise<number> {
    this.stack.push(at);
    try {
      return await this.runArgv(argv, io);
    } finally {
      this.stack.splice(this.stack.lastIndexOf(at), 1);
    }
  }

  private findTool(name: string, at: ShellLocation): CommandSpec | undefined {
    const inContainer = at.container !== undefined;
    const tool = this.opts.tools?.find((s) => s.path[0] === name && (s.where ?? "host") !== (inContainer ? "host" : "container"));
    return tool && (this.opts.onPath?.(name, at) ?? true) ? tool : undefined;
  }

  /** Runs one expanded command (builtin, docker, tool) and returns its exit code. */
  /** Background jobs have no time limit (kill %N stops them; they only advance as virtual time does). */
  async runArgv(argv: string[], io: CommandIO, res?: ExecResult, background = false): Promise<number> {
    if (argv.length === 0) return this.status;
    const name = argv[0];
    const sh = this.shellName;
    const builtin = this.opts.builtins?.[name];
    if (builtin) return builtin(this, argv, io, res);
    const inContainer = this.location.container !== undefined;
    const timer = linkSignals(io.signal);
    let timedOut = false;
    const ctx = this.context(
      argv,
      timer.signal,
      () => {
        timedOut = true;
        timer.abort(new LimitReached("time", 124));
      },
      background ? Infinity : this.limits.time,
      background,
    );
    const cio: CommandIO = { ...io, signal: timer.signal };
    let code: number;
    if (name === "docker" && this.opts.docker && !inContainer) {
      code = await dispatch(this.opts.docker, argv, { ctx, io: cio });
    } else {
      const tool = this.findTool(name, this.location);
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
    return code;
  }

  private async startJob(cmd: SimpleCommand, io: CommandIO): Promise<number> {
    const { words, source } = cmd;
    const sh = this.shellName;
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
      source,
      state: "Running",
      exitCode: 0,
      notified: false,
      controller,
      done: Promise.resolve(),
      sink: {
        out: (t) => this.async(t, "stdout"),
        err: (t) => this.async(t, "stderr"),
      },
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
    this.jobs.push(job);
    io.err(`[${id}] ${job.pid}\n`);
    job.done = (async () => {
      let code: number;
      try {
        const argv = await this.expand(words, jio, 1, this.status);
        code = argv ? await plumb(cmd, jio, (pio) => this.runArgv(argv, pio, undefined, true)) : 2;
      } catch (e) {
        jio.err(`${sh}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        code = 70;
      }
      job.exitCode = code;
      job.state = controller.signal.aborted && controller.signal.reason === "SIGTERM" ? "Terminated" : "Done";
    })();
    return 0;
  }

  private async(text: string, stream: "stdout" | "stderr") {
    const clean = sanitize(text);
    if (this.opts.onAsyncOutput) this.opts.onAsyncOutput(clean, stream);
    else this.pending[stream] += clean;
  }
}

function emptyFlags() {
  const p = parseFlags([], []);
  if (!p.ok) throw new Error("unreachable");
  return p.flags;
}
