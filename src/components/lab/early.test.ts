/**
 * What the lab page starts before hydration: the worker at once on a first visit (the commands typed at the
 * first prompts wait for its boot), and not before the lab mounts for a returning learner (the panes are drawn
 * from the saved copy).
 */
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LOCAL_PREFIX, takeRaw, writeRaw } from "@/lib/lab/idb";
import { MemoryStorage, useStorage } from "@/lib/lab/testing";
import { startEarly } from "./early";

describe("startEarly", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("starts the worker and reads the IndexedDB record at once when there is no saved copy", async () => {
    useStorage(new MemoryStorage());
    await writeRaw("first", { seed: "from-idb" });
    localStorage.removeItem(`${LOCAL_PREFIX}first`);
    const start = vi.fn();
    expect(startEarly("first", start)).toBe("now");
    expect(start).toHaveBeenCalledTimes(1);
    expect(await takeRaw("first")).toEqual({ seed: "from-idb" });
  });

  it("leaves the worker to the lab's mount when a saved copy will draw the panes", () => {
    useStorage(new MemoryStorage());
    localStorage.setItem(`${LOCAL_PREFIX}back`, JSON.stringify({ seed: "saved" }));
    const start = vi.fn();
    expect(startEarly("back", start)).toBe("at-mount");
    expect(start).not.toHaveBeenCalled();
  });

  it("starts at once when storage cannot be read (private modes that throw)", () => {
    vi.stubGlobal("localStorage", {
      getItem: () => {
        throw new DOMException("denied", "SecurityError");
      },
    });
    const start = vi.fn();
    expect(startEarly("denied", start)).toBe("now");
    expect(start).toHaveBeenCalledTimes(1);
  });
});
