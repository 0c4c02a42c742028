"use client";

/**
 * The learner's progress as an external store over localStorage: every quiz component reads the same
 * copy, a change in another tab arrives through the `storage` event, and the server (and hydration)
 * sees empty progress, so the server-rendered page never depends on what one browser saved.
 */
import { useSyncExternalStore } from "react";
import { emptyProgress, loadProgress, saveProgress, STORAGE_KEY, type Progress } from "@/lib/quiz/progress";

const EMPTY = emptyProgress();
let current: Progress | null = null;
let discarded = false;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: progress lives for this page only
  }
}

function read(): Progress {
  if (current === null) {
    const s = storage();
    const loaded = s ? loadProgress(s) : { progress: emptyProgress(), discarded: false };
    current = loaded.progress;
    discarded = loaded.discarded;
  }
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== STORAGE_KEY) return;
    current = null;
    listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function updateProgress(change: (p: Progress) => Progress): void {
  current = change(read());
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // quota or privacy mode: keep it in memory
  }
  for (const l of listeners) l();
}

export function useProgress(): Progress {
  return useSyncExternalStore(subscribe, read, () => EMPTY);
}

/** True when saved progress existed but failed validation (it is then ignored, not overwritten until a change). */
export function useProgressDiscarded(): boolean {
  return useSyncExternalStore(subscribe, () => (read(), discarded), () => false);
}

export { saveProgress };
