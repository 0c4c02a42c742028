"use client";

/**
 * The learner's progress as an external store over localStorage: every quiz component reads the same
 * copy, a change in another tab arrives through the `storage` event, and the server (and hydration)
 * sees empty progress, so the server-rendered page never depends on what one browser saved.
 *
 * Saved progress is read (and zod-validated) once the page is interactive: the validating module is
 * imported then, which keeps zod out of the page's first-load script. A change made before that read
 * finishes waits for it, so it is applied to the saved progress, never to an empty copy.
 */
import { useSyncExternalStore } from "react";
import { emptyProgress, mergeProgress, STORAGE_KEY, type Progress } from "@/lib/quiz/progress";

const EMPTY = emptyProgress();
let current: Progress = EMPTY;
let discarded = false;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();
/** Told about the learner's own changes only (not about progress adopted from the account), for syncing. */
const changeListeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: progress lives for this page only
  }
}

function load(): Promise<void> {
  loading ??= import("@/lib/quiz/progress-schema").then(({ loadProgress }) => {
    const s = storage();
    const loaded = s ? loadProgress(s) : { progress: emptyProgress(), discarded: false };
    current = loaded.progress;
    discarded = loaded.discarded;
    notify();
  });
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  void load();
  const onStorage = (e: StorageEvent) => {
    if (e.key !== STORAGE_KEY) return;
    loading = null;
    void load();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

function save() {
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // quota or privacy mode: keep it in memory
  }
}

export async function updateProgress(change: (p: Progress) => Progress): Promise<void> {
  await load();
  current = change(current);
  save();
  notify();
  for (const l of changeListeners) l();
}

/** The account's merged progress, merged again with this browser's (a change made meanwhile survives). */
export async function adoptProgress(remote: Progress): Promise<void> {
  await load();
  current = mergeProgress(current, remote);
  save();
  notify();
}

export async function currentProgress(): Promise<Progress> {
  await load();
  return current;
}

export function onLocalChange(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => void changeListeners.delete(listener);
}

export function useProgress(): Progress {
  return useSyncExternalStore(subscribe, () => current, () => EMPTY);
}

/** True when saved progress existed but failed validation (it is then ignored, not overwritten until a change). */
export function useProgressDiscarded(): boolean {
  return useSyncExternalStore(subscribe, () => discarded, () => false);
}
