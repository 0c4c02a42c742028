import { readFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Heading } from "./pipeline.mjs";

/**
 * Markdown is rendered off the request path, in worker threads, each job under a time budget.
 *
 * Rendering is synchronous. markdown-it takes time in proportion to the text on every shape we
 * know, but the costliest 60,000-character texts still take tens of milliseconds, which the event
 * loop that serves every other request should not wait for; and the parser that came before
 * (micromark, under remark-parse) took up to 36 s on some inputs, so the budget stays as the last
 * line of defence against any we do not know. In a worker, a job that overruns its budget is ended
 * by terminating the thread.
 */
export type RenderFailure = "too-deep" | "too-slow" | "too-large" | "busy" | "failed";
export type RenderOutcome =
  | { ok: true; html: string; headings: Heading[] }
  /** `starved`: stopped by the wall-clock cap before the text used its CPU budget (a busy machine, not the text). */
  | { ok: false; reason: RenderFailure; starved?: boolean };

export interface PoolOptions {
  /** Worker threads (each renders one job at a time). */
  size: number;
  /**
   * CPU time one job may use in its worker (wall-clock time where the thread's CPU time cannot be
   * read). The thread runs at low priority, so on a busy machine it may wait: it is given up to
   * `wallCapMs` of wall-clock time to use its budget.
   */
  budgetMs: number;
  wallCapMs: number;
  /** Jobs waiting for a worker; beyond this a job is refused at once ("busy"). */
  maxQueue: number;
  /** Longest time a job waits for a worker before it is refused ("busy"). */
  maxWaitMs: number;
  /** Rendered HTML longer than this is refused ("too-large"). */
  maxHtmlLength: number;
}

// Resolved from the working directory rather than the module: the bundler must not rewrite it, and
// `next start`, `next dev` and the tests all run from the project root (next.config.ts traces it).
const WORKER_FILE = path.join(process.cwd(), "src/lib/markdown/render-worker.mjs");

interface Job {
  id: number;
  markdown: string;
  resolve: (outcome: RenderOutcome) => void;
  enqueuedAt: number;
}

type Reply = { id: number; html: string; headings: Heading[] } | { id: number; error: "too-deep" | "failed"; message?: string };

/** CPU time (user + system) a thread of this process has used, in ms; null where /proc has no answer. */
function threadCpuMs(tid: number | null): number | null {
  if (!tid) return null;
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
// USER_HZ: 100 on every Linux platform Node supports.
const CLOCK_TICKS = 100;

class Slot {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private tid: number | null = null;
  busy = false;

  constructor(
    private readonly budgetMs: number,
    private readonly wallCapMs: number,
  ) {}

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(WORKER_FILE, {
      // A runaway job ends with its thread; these keep it from taking the process's memory with it.
      // The young generation holds the tokens of one render until its HTML is written (some 100,000
      // for 60,000 characters of table rows or headings): at 32 MB, copying them from scavenge to
      // scavenge took half of such a render's time; at 128 MB, a quarter.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 128, stackSizeMb: 4 },
    });
    worker.unref();
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: { ready?: boolean; tid?: number | null }) => {
        if (!m.ready) return;
        this.tid = m.tid ?? null;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve();
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
    worker.once("exit", () => {
      if (this.worker === worker) this.reset();
    });
    return this.ready;
  }

  private reset() {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    this.tid = null;
    if (worker) void worker.terminate();
  }

  async run(job: Job, maxHtmlLength: number): Promise<RenderOutcome> {
    try {
      await this.start();
    } catch {
      this.reset();
      return { ok: false, reason: "failed" };
    }
    const worker = this.worker!;
    return new Promise<RenderOutcome>((resolve) => {
      const finish = (outcome: RenderOutcome) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("exit", onExit);
        resolve(outcome);
      };
      const onMessage = (reply: Reply) => {
        if (reply.id !== job.id) return;
        if ("error" in reply) finish({ ok: false, reason: reply.error });
        else if (reply.html.length > maxHtmlLength) finish({ ok: false, reason: "too-large" });
        else finish({ ok: true, html: reply.html, headings: reply.headings });
      };
      const onExit = () => finish({ ok: false, reason: "failed" });
      const started = Date.now();
      const cpuAtStart = threadCpuMs(this.tid);
      const stop = (starved: boolean) => {
        // The only way to stop synchronous work: end the thread; the next job starts a fresh one.
        this.reset();
        this.warm();
        finish({ ok: false, reason: "too-slow", ...(starved ? { starved } : {}) });
      };
      const check = () => {
        const cpuNow = threadCpuMs(this.tid);
        const used = cpuAtStart === null || cpuNow === null ? Date.now() - started : cpuNow - cpuAtStart;
        if (used >= this.budgetMs) return stop(false);
        if (Date.now() - started >= this.wallCapMs) return stop(true);
        timer = setTimeout(check, Math.max(20, this.budgetMs - used));
      };
      let timer = setTimeout(check, this.budgetMs);
      worker.on("message", onMessage);
      worker.once("exit", onExit);
      worker.postMessage({ id: job.id, markdown: job.markdown });
    });
  }

  /** Starts the thread ahead of the first job (module loading takes longer than a render). */
  warm() {
    this.start().catch(() => this.reset());
  }

  close() {
    this.reset();
  }
}

export class RenderPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** Jobs handed to this pool so far (tests and diagnostics). */
  jobs = 0;

  constructor(private readonly options: PoolOptions) {
    this.slots = Array.from({ length: options.size }, () => new Slot(options.budgetMs, options.wallCapMs));
  }

  render(markdown: string): Promise<RenderOutcome> {
    this.jobs++;
    if (this.queue.length >= this.options.maxQueue) return Promise.resolve({ ok: false, reason: "busy" });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, markdown, resolve, enqueuedAt: Date.now() });
      this.pump();
    });
  }

  warm() {
    for (const slot of this.slots) slot.warm();
  }

  close() {
    for (const slot of this.slots) slot.close();
  }

  private pump() {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const job = this.takeJob();
      if (!job) return;
      slot.busy = true;
      void slot.run(job, this.options.maxHtmlLength).then((outcome) => {
        slot.busy = false;
        job.resolve(outcome);
        this.pump();
      });
    }
  }

  private takeJob(): Job | undefined {
    const now = Date.now();
    let job = this.queue.shift();
    while (job && now - job.enqueuedAt > this.options.maxWaitMs) {
      job.resolve({ ok: false, reason: "busy" });
      job = this.queue.shift();
    }
    return job;
  }
}
