import { beforeEach, describe, expect, it, vi } from "vitest";
import { emptyProgress, recordAttempt, STORAGE_KEY } from "@/lib/quiz/progress";

const now = new Date("2026-12-01T10:00:00Z");

function fakeWindow(saved: string | null) {
  const store = new Map<string, string>(saved === null ? [] : [[STORAGE_KEY, saved]]);
  const localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
  vi.stubGlobal("window", { localStorage, addEventListener: () => {}, removeEventListener: () => {} });
  return store;
}

describe("the progress store", () => {
  beforeEach(() => {
    vi.resetModules(); // the store keeps module state: one fresh copy per test
    vi.unstubAllGlobals();
  });

  it("applies a change made before saved progress was read on top of the saved progress, never on an empty copy", async () => {
    const saved = recordAttempt(emptyProgress(), "ob-mtu", true, now);
    const store = fakeWindow(JSON.stringify(saved));
    const { updateProgress } = await import("./store");
    await updateProgress((p) => recordAttempt(p, "ob-scope", false, now));
    const written = JSON.parse(store.get(STORAGE_KEY)!);
    expect(Object.keys(written.attempts).sort()).toEqual(["ob-mtu", "ob-scope"]);
    expect(Object.keys(written.cards)).toEqual(["ob-scope"]);
  });

  it("sets aside saved data that fails validation and starts from empty progress", async () => {
    const store = fakeWindow('{"app":"overlay-lab-quiz","version":1,"attempts":{"x":{"seen":"many"}}}');
    const { updateProgress } = await import("./store");
    await updateProgress((p) => recordAttempt(p, "ob-mtu", true, now));
    expect(Object.keys(JSON.parse(store.get(STORAGE_KEY)!).attempts)).toEqual(["ob-mtu"]);
  });

  it("keeps working in memory when storage is unavailable", async () => {
    vi.stubGlobal("window", {
      get localStorage(): Storage {
        throw new Error("denied");
      },
      addEventListener: () => {},
      removeEventListener: () => {},
    });
    const { updateProgress } = await import("./store");
    await expect(updateProgress((p) => recordAttempt(p, "ob-mtu", true, now))).resolves.toBeUndefined();
  });
});
