/**
 * The lab's IndexedDB access: one connection per page, a read started early (before hydration) taken once
 * by the UI, and the validated session on top (store.ts).
 */
import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryStorage, useStorage } from "./testing";
import { database, LOCAL_PREFIX, prefetch, readRaw, takeRaw, writeRaw } from "./idb";
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

/** Deletes the IndexedDB record only, as if only the localStorage copy were left. */
async function deleteFromIndexedDb(key: string) {
  const db = await database();
  await new Promise<void>((resolve) => {
    const tx = db.transaction("sessions", "readwrite");
    tx.objectStore("sessions").delete(key);
    tx.oncomplete = () => resolve();
  });
}

describe("the lab's localStorage copy", () => {
  beforeEach(() => useStorage(new MemoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it("is written with every save and read without IndexedDB", async () => {
    await saveSession(session, "copy");
    expect(JSON.parse(localStorage.getItem(`${LOCAL_PREFIX}copy`)!)).toEqual(session);
    await deleteFromIndexedDb("copy");
    expect(await loadSession("copy")).toEqual(session);
  });

  it("falls back to IndexedDB when the copy is missing or damaged", async () => {
    await saveSession(session, "fallback");
    localStorage.removeItem(`${LOCAL_PREFIX}fallback`);
    expect(await loadSession("fallback")).toEqual(session);
    localStorage.setItem(`${LOCAL_PREFIX}fallback`, "{not json");
    expect(await loadSession("fallback")).toEqual(session);
  });

  it("a prefetch takes the copy when there is one", async () => {
    await saveSession(session, "early");
    await deleteFromIndexedDb("early");
    prefetch("early");
    expect(await takeRaw("early")).toEqual(session);
  });

  it("when storage is full, other lab records' copies make room; a copy that cannot fit is removed, never left stale", async () => {
    const size = JSON.stringify(session).length;
    useStorage(new MemoryStorage(size * 2 + 10));
    localStorage.setItem("unrelated", "x".repeat(10));
    await saveSession(session, "a");
    await saveSession({ ...session, seed: "bbbb" }, "b");
    await saveSession({ ...session, seed: "cccc" }, "c");
    expect(localStorage.getItem(`${LOCAL_PREFIX}c`)).not.toBeNull();
    expect(localStorage.getItem("unrelated")).not.toBeNull();
    // The copies dropped to make room: their records are still read, from IndexedDB.
    expect((await loadSession("a"))?.seed).toBe("k2x9");

    // A record larger than the whole quota: the copy of its previous version goes, IndexedDB answers.
    const big = { ...session, views: { "node-1": { stream: "y".repeat(size * 3), prompt: "node-1$ " } } };
    await saveSession(big, "c");
    expect(localStorage.getItem(`${LOCAL_PREFIX}c`)).toBeNull();
    expect(await loadSession("c")).toEqual(big);
  });

  it("without localStorage (blocked by the browser), sessions still save and load", async () => {
    vi.stubGlobal("localStorage", undefined);
    await saveSession(session, "blocked");
    expect(await loadSession("blocked")).toEqual(session);
  });
});

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
