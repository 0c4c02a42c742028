/**
 * What keeps a command line from hanging, flooding or running away: the shell's limits, the activity that
 * pauses background jobs while nothing runs in the foreground (instant virtual time), the signal a limit
 * aborts a command with, and signals linked so that Ctrl-C reaches every part of a line.
 */

export interface Limits {
  /** Characters per line. */
  lineLength: number;
  /** Background jobs alive at once. */
  jobs: number;
  /** Characters of output (stdout + stderr) per command line. */
  output: number;
  /** Simulated milliseconds a foreground command may take. */
  time: number;
}

export const DEFAULT_LIMITS: Limits = { lineLength: 16384, jobs: 8, output: 1 << 20, time: 10 * 60 * 1000 };

export const HISTORY_SIZE = 500;

/**
 * Whether any foreground command is running in any session of a sandbox. With instant virtual time,
 * background jobs only move while something runs in the foreground; otherwise an endless `ping &`
 * would race virtual time ahead while the user is idle.
 */
export class Activity {
  private busy = 0;
  private waiters: (() => void)[] = [];
  get active(): boolean {
    return this.busy > 0;
  }
  begin(): void {
    this.busy++;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
  end(): void {
    this.busy--;
  }
  /** Resolves once a foreground command runs (at once if one does), or when the signal aborts. */
  whenActive(signal?: AbortSignal): Promise<void> {
    if (this.busy > 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      // The abort listener goes once a command runs, so a long-lived background process does not pile them up.
      const onAbort = () => resolve();
      this.waiters.push(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}

/** Raised inside a command line when a limit is hit; turned into a message and an exit code. */
export class LimitReached {
  constructor(readonly message: string, readonly code: number) {}
}

export function linkSignals(...signals: (AbortSignal | undefined)[]): AbortController {
  const c = new AbortController();
  for (const s of signals) {
    if (!s) continue;
    if (s.aborted) c.abort(s.reason);
    else s.addEventListener("abort", () => c.abort(s.reason), { once: true });
  }
  return c;
}
