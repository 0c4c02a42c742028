import { afterEach, describe, expect, it, vi } from "vitest";
import { startProgressSync } from "./local-store";

afterEach(() => vi.useRealTimers());

describe("progress sync", () => {
  it("sends at start and after a change, adopts the merge, and takes an asynchronous store (the quiz's)", async () => {
    vi.useFakeTimers();
    let local = 1;
    let listener = () => {};
    const adopted: number[] = [];
    const sent: number[] = [];
    const store = {
      current: async () => local,
      adopt: async (p: number) => void adopted.push(p),
      onLocalChange: (l: () => void) => ((listener = l), () => (listener = () => {})),
    };
    const stop = startProgressSync(store, async (p) => (sent.push(p), p * 10), 800);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([1]);
    expect(adopted).toEqual([10]);
    local = 2;
    listener();
    await vi.advanceTimersByTimeAsync(799);
    expect(sent).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([1, 2]);
    expect(adopted).toEqual([10, 20]);
    stop();
    local = 3;
    listener();
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toEqual([1, 2]);
  });

  it("a failed send loses nothing and waits for the next change", async () => {
    vi.useFakeTimers();
    let listener = () => {};
    const adopted: number[] = [];
    let fail = true;
    const sent: number[] = [];
    const stop = startProgressSync(
      { current: () => 5, adopt: (p: number) => void adopted.push(p), onLocalChange: (l: () => void) => ((listener = l), () => {}) },
      async (p) => {
        sent.push(p);
        if (fail) throw new Error("offline");
        return p;
      },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(adopted).toEqual([]);
    fail = false;
    listener();
    await vi.advanceTimersByTimeAsync(800);
    expect(sent).toEqual([5, 5]);
    expect(adopted).toEqual([5]);
    stop();
  });
});
