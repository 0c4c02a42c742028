"use client";

/**
 * Progress as an external store over localStorage, for any kind of progress (the exercises'; the quiz
 * keeps its own, older copy of the same pattern): every component reads one copy, another tab's change
 * arrives through the `storage` event, the server and hydration see the empty value, and the learner's
 * own changes are told apart from progress adopted from the account (which is what gets synced).
 */
import { useSyncExternalStore } from "react";

export interface ProgressStoreOptions<P> {
  key: string;
  empty: P;
  /** Reads and validates what was saved (null: nothing saved). */
  parse(raw: string | null): { progress: P; discarded: boolean };
  merge(a: P, b: P): P;
}

export interface ProgressStore<P> {
  update(change: (p: P) => P): void;
  /** The account's merged progress, merged again with this browser's (a change made meanwhile survives). */
  adopt(remote: P): void;
  current(): P;
  onLocalChange(listener: () => void): () => void;
  useProgress(): P;
}

export function createProgressStore<P>(options: ProgressStoreOptions<P>): ProgressStore<P> {
  let current = options.empty;
  let loaded = false;
  const listeners = new Set<() => void>();
  const changeListeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());

  const storage = (): Storage | null => {
    try {
      return window.localStorage;
    } catch {
      return null; // storage disabled: progress lives for this page only
    }
  };
  const load = () => {
    if (loaded || typeof window === "undefined") return;
    loaded = true;
    current = options.parse(storage()?.getItem(options.key) ?? null).progress;
  };
  const save = () => {
    try {
      storage()?.setItem(options.key, JSON.stringify(current));
    } catch {
      // quota or privacy mode: keep it in memory
    }
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    if (!loaded) {
      load();
      queueMicrotask(notify);
    }
    const onStorage = (e: StorageEvent) => {
      if (e.key !== options.key) return;
      loaded = false;
      load();
      notify();
    };
    window.addEventListener("storage", onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener("storage", onStorage);
    };
  };

  return {
    update(change) {
      load();
      const next = change(current);
      if (next === current) return;
      current = next;
      save();
      notify();
      changeListeners.forEach((l) => l());
    },
    adopt(remote) {
      load();
      current = options.merge(current, remote);
      save();
      notify();
    },
    current() {
      load();
      return current;
    },
    onLocalChange(listener) {
      changeListeners.add(listener);
      return () => void changeListeners.delete(listener);
    },
    useProgress() {
      return useSyncExternalStore(subscribe, () => current, () => options.empty);
    },
  };
}

/** What the sync needs of a store: the quiz's (in IndexedDB) answers asynchronously, the others at once. */
export interface SyncedStore<P> {
  current(): P | Promise<P>;
  adopt(remote: P): void | Promise<void>;
  onLocalChange(listener: () => void): () => void;
}

/**
 * For a signed-in learner: sends this browser's progress to the account and adopts the merge of every
 * device's, once at start and shortly after each change. Failures wait for the next change.
 */
export function startProgressSync<P>(store: SyncedStore<P>, send: (p: P) => Promise<P>, delayMs = 800): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending = false;
  let again = false;
  let stopped = false;
  async function push() {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    try {
      const merged = await send(await store.current());
      if (!stopped) await store.adopt(merged);
    } catch {
      // offline or signed out meanwhile: the browser keeps everything
    } finally {
      sending = false;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    }
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => void push(), delayMs);
  }
  void push();
  const unsubscribe = store.onLocalChange(schedule);
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
}
