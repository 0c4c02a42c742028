import { describe, expect, it } from "vitest";
import { VirtualClock } from "../src/engine/clock";
import { World } from "../src/engine/world";
import { EPOCH } from "../src/model/state";

describe("VirtualClock", () => {
  it("jumps through virtual time at once and fires timers in time order", async () => {
    const w = World.create();
    const clock = new VirtualClock(w);
    const log: string[] = [];
    const job = async (name: string, step: number, n: number) => {
      for (let i = 0; i < n; i++) {
        await clock.sleep(step);
        log.push(`${name}@${clock.now() - EPOCH}`);
      }
    };
    const started = Date.now();
    await Promise.all([job("ping", 1000, 3), job("tcpdump", 700, 4)]);
    expect(Date.now() - started).toBeLessThan(500);
    expect(log).toEqual(["tcpdump@700", "ping@1000", "tcpdump@1400", "ping@2000", "tcpdump@2100", "tcpdump@2800", "ping@3000"]);
  });

  it("ends a sleep early when its signal aborts, leaving others running", async () => {
    const w = World.create();
    const clock = new VirtualClock(w);
    const ctl = new AbortController();
    const long = clock.sleep(60_000, ctl.signal).then(() => clock.now() - EPOCH);
    const short = clock.sleep(1000).then(() => clock.now() - EPOCH);
    expect(await short).toBe(1000);
    ctl.abort();
    expect(await long).toBe(1000);
    expect(clock.pending).toBe(0);
  });

  it("keeps equal times in the order they were set", async () => {
    const clock = new VirtualClock(World.create());
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((i) => clock.sleep(500).then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3]);
  });
});
