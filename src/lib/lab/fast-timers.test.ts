import { afterEach, describe, expect, it } from "vitest";
import { installFastZeroTimeouts } from "./fast-timers";

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

const chain = (n: number) =>
  new Promise<void>((resolve) => {
    let left = n;
    const step = () => (--left === 0 ? resolve() : setTimeout(step, 0));
    setTimeout(step, 0);
  });

describe("fast zero timeouts", () => {
  it("runs 3,000 chained zero timeouts without the platform's clamp", async () => {
    uninstall = installFastZeroTimeouts();
    const t0 = performance.now();
    await chain(3000);
    // The platform's timers take at least 1 ms each here (4 ms in browsers): 3 s or more.
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("keeps order, runs after pending microtasks, can be cancelled, and leaves real delays to the platform", async () => {
    uninstall = installFastZeroTimeouts();
    const seen: string[] = [];
    setTimeout(() => seen.push("a"), 0);
    const cancelled = setTimeout(() => seen.push("never"), 0);
    setTimeout(() => seen.push("b"), 0);
    clearTimeout(cancelled);
    void Promise.resolve().then(() => seen.push("micro"));
    // A zero timeout queued after them runs after them (the channel keeps order).
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(["micro", "a", "b"]);
    // A real delay is the platform's: it waits its time. (Which of a real delay and zero timeouts queued before
    // it comes first is not promised: on a loaded machine an expired platform timer can run before the channel's
    // messages are delivered, so the test no longer asserts that order.)
    const t0 = performance.now();
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(15);
  });
});
