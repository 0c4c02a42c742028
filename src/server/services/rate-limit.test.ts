/**
 * Limits are judged over a sliding window: the attempts just before a fixed window's boundary still
 * count just after it, and fade out as the window slides on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDrivers, type TestDb } from "../db/testing";
import { enforce, hit } from "./rate-limit";

const drivers = await testDrivers();
const MINUTE = 60_000;
/** A moment on a whole minute: the start of a fixed 60-second window. */
const boundary = new Date(Math.floor(Date.parse("2026-12-07T12:00:30Z") / MINUTE) * MINUTE);
const at = (msFromBoundary: number) => new Date(boundary.getTime() + msFromBoundary);

describe.each(drivers)("rate limits on $driver", ({ available, create }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (available) t = await create({ seed: false });
  });
  afterAll(async () => t?.close());

  it.skipIf(!available)("counts the attempts of the last window, including those before a fixed window's boundary", async () => {
    const key = "test:boundary";
    const counts: number[] = [];
    // Five attempts in the last second of one window, then one just after the boundary.
    for (let i = 0; i < 5; i++) counts.push(await hit(t.db, key, 60, at(-1000 + i * 100)));
    expect(counts).toEqual([1, 2, 3, 4, 5]);
    const next = await hit(t.db, key, 60, at(50));
    // 1 in this window, and the previous five, nearly all still inside the last 60 seconds.
    expect(next).toBeGreaterThan(5.9);
    expect(next).toBeLessThanOrEqual(6);
    // Half a window on, half of the earlier window's attempts still count (2 in this one).
    expect(await hit(t.db, key, 60, at(30_000))).toBeCloseTo(2 + 5 * 0.5, 5);
    // In the window after, the first window's five no longer count at all.
    expect(await hit(t.db, key, 60, at(MINUTE + 10))).toBeCloseTo(1 + 2 * (1 - 10 / MINUTE), 5);
  });

  it.skipIf(!available)("refuses an attempt over the limit at a window's boundary, with when to try again", async () => {
    const check = { key: "test:enforce", limit: 3, windowSeconds: 60, message: "Too many tries." };
    for (let i = 0; i < 3; i++) await enforce(t.db, [check], at(-500 + i * 100));
    await expect(enforce(t.db, [check], at(100))).rejects.toThrow(/^Too many tries\. Try again in a minute\.$/);
    // A full window after the last attempt counted, there is room again.
    await expect(enforce(t.db, [check], at(MINUTE + 59_000))).resolves.toBeUndefined();
  });
});
