// @ts-check
/**
 * A worker thread that renders Markdown for the pool in render-pool.ts: one job at a time, so the
 * pool can bound each job's time by terminating the thread (micromark is synchronous and has
 * inputs whose cost grows with the square of their size).
 */
import { parentPort } from "node:worker_threads";
import { renderSync } from "./pipeline.mjs";

if (!parentPort) throw new Error("render-worker.mjs runs only as a worker thread.");
const port = parentPort;

port.on("message", (/** @type {{ id: number; markdown: string }} */ job) => {
  try {
    port.postMessage({ id: job.id, ...renderSync(job.markdown) });
  } catch (error) {
    // A stack overflow or anything else unexpected: the caller falls back, nothing is lost.
    port.postMessage({ id: job.id, error: "failed", message: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
