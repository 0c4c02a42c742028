/**
 * The page's one simulator worker. The loader starts it as soon as the page is interactive, so sim-core
 * downloads and starts while xterm.js loads; the lab UI picks up the same worker when it mounts.
 */
let current: Worker | null = null;

export function labWorker(): Worker {
  current ??= new Worker(new URL("./lab.worker.ts", import.meta.url), { type: "module" });
  return current;
}

export function stopLabWorker() {
  current?.terminate();
  current = null;
}
