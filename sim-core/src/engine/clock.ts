/**
 * Virtual time. `sleep(ms)` registers a timer; timers fire in time order (ties in the order they were
 * set), moving the world's clock to each one. In "instant" pacing the clock jumps as soon as every
 * running command is waiting, so a `ping -c 3` finishes at once but still reads "3 seconds" of time, and
 * a background `tcpdump` sees the packets in the order they happen. "realtime" pacing waits the real
 * time too (scaled), for the browser terminal.
 */
import type { World } from "./world";

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

export interface ClockOptions {
  pacing?: "instant" | "realtime";
  /**
   * Moves the world to a timer's moment. The swarm plugs in its own (rolling updates and task timers play the
   * steps that fall due on the way); without one, only the time moves.
   */
  advance?: (world: World, to: number) => void;
  /** Real milliseconds per virtual millisecond in realtime pacing (1 = wall clock). */
  scale?: number;
}

const moveTime = (world: World, to: number) => {
  if (to > world.state.now) world.state.now = to;
};

export class VirtualClock {
  private timers: Timer[] = [];
  private seq = 0;
  private draining = false;
  /** The real-time wait in progress (realtime pacing), so hurry() can cut it short. */
  private waiting: { handle: ReturnType<typeof setTimeout>; fire: () => void } | null = null;

  constructor(
    private readonly world: World,
    private readonly options: ClockOptions = {},
  ) {}

  now(): number {
    return this.world.state.now;
  }

  /** Resolves when virtual time reaches now + ms, or at once (early) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve();
      };
      // The abort listener goes when the timer fires, so long loops of sleeps do not pile listeners up.
      const timer: Timer = {
        at: this.now() + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      this.timers.push(timer);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.schedule();
    });
  }

  /**
   * Switches pacing while commands run (the terminal's fast-forward, a replay): "instant" also ends the
   * real-time wait in progress at once. The timers keep their virtual times, so the transcript is the same.
   */
  setPacing(pacing: "instant" | "realtime"): void {
    this.options.pacing = pacing;
    if (pacing === "instant" && this.waiting) {
      const { handle, fire } = this.waiting;
      clearTimeout(handle);
      fire();
    }
  }

  /** Timers still waiting (for tests and for the UI's "busy" state). */
  get pending(): number {
    return this.timers.length;
  }

  private schedule(): void {
    if (this.draining) return;
    this.draining = true;
    // A macrotask: every command that can still run before time must pass gets to run first.
    setTimeout(() => this.fireNext(), 0);
  }

  private fireNext(): void {
    this.draining = false;
    if (this.timers.length === 0) return;
    let next = this.timers[0];
    for (const t of this.timers) if (t.at < next.at || (t.at === next.at && t.seq < next.seq)) next = t;
    const fire = () => {
      this.waiting = null;
      this.timers = this.timers.filter((t) => t !== next);
      (this.options.advance ?? moveTime)(this.world, next.at);
      next.resolve();
      if (this.timers.length > 0) this.schedule();
    };
    const wait = (next.at - this.now()) * (this.options.scale ?? 1);
    if (this.options.pacing === "realtime" && wait > 0) this.waiting = { handle: setTimeout(fire, wait), fire };
    else fire();
  }
}
