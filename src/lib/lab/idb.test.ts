/**
 * The lab's IndexedDB access: one connection per page, a read started early (before hydration) taken once
 * by the UI, and the validated session on top (store.ts).
 */
import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { database, prefetch, readRaw, takeRaw, writeRaw } from "./idb";
import { loadSession, saveSession, type StoredSession } from "./store";

const session: StoredSession = {
  version: 1,
  seed: "k2x9",
  nodes: 3,
  log: [{ pane: "node-1", line: "docker swarm init", at: 0 }],
  history: { "node-1": ["docker swarm init"] },
  source: null,
  views: { "node-1": { stream: "Swarm initialized\r\n", prompt: "node-1$ " } },
};

describe("the lab's IndexedDB", () => {
  it("opens one connection per page and keeps using it", async () => {
    const open = vi.spyOn(indexedDB, "open");
    const a = await database();
    await writeRaw("a", 1);
    await readRaw("a");
    expect(await database()).toBe(a);
    expect(open.mock.calls.length).toBeLessThanOrEqual(1);
    open.mockRestore();
  });

  it("opens again after the browser or another tab closed it", async () => {
    const a = await database();
    a.onversionchange?.(new Event("versionchange") as IDBVersionChangeEvent);
    const b = await database();
    expect(b).not.toBe(a);
    await writeRaw("k", "still works");
    expect(await readRaw("k")).toBe("still works");
  });

  it("a prefetched read is taken once; the next take reads afresh", async () => {
    await writeRaw("p", "first");
    prefetch("p");
    await writeRaw("p", "second");
    // The read started before the write: it answers what was stored then.
    expect(await takeRaw("p")).toBe("first");
    expect(await takeRaw("p")).toBe("second");
  });

  it("saves and loads a session through zod, and a damaged record is no session", async () => {
    await saveSession(session);
    expect(await loadSession()).toEqual(session);
    await writeRaw("current", { version: 1, seed: 5 });
    expect(await loadSession()).toBeNull();
    expect(await loadSession("exercise:none")).toBeNull();
  });
});
