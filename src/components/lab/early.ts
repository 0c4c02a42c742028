import { hasLocalCopy, prefetch } from "@/lib/lab/idb";

/**
 * What the lab page starts as its loader's chunk runs, before hydration, for the session under `key`.
 *
 * - A returning learner's session has a localStorage copy, which the lab UI reads synchronously in its first
 *   render and draws the panes from: the worker is not needed for the prompt, so it starts when the UI mounts,
 *   after node-1's terminal is made. Started here, sim-core's loading and boot competed for the CPU with the
 *   page's own scripts, hydration and the first terminal (2 cores, measured: the prompt came later).
 * - Otherwise (a first visit) the lab draws the new cluster's prompts without the worker, but the commands typed
 *   at them wait for its boot: it starts now, and the IndexedDB record (if any) is read meanwhile, so both
 *   overlap the rest of the page's start-up.
 */
export function startEarly(key: string, startWorker: () => unknown): "at-mount" | "now" {
  if (hasLocalCopy(key)) return "at-mount";
  prefetch(key);
  startWorker();
  return "now";
}
