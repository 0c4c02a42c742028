// @ts-check
/**
 * A worker thread that renders Markdown for the pool in render-pool.ts: one job at a time, so the
 * pool can bound each job's time by terminating the thread (rendering is synchronous: a text that
 * took too long could be stopped no other way).
 */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { renderSync } from "./pipeline.mjs";

// Rendering yields the CPU to the threads that answer requests: on Linux a thread has its own nice
// value, and /proc/thread-self names this thread's id. Elsewhere the thread keeps normal priority.
/** This thread's id on Linux (the pool reads its CPU time from /proc), or null. */
let tid = null;
try {
  tid = Number(readlinkSync("/proc/thread-self").split("/").pop()) || null;
  if (tid) setPriority(tid, 19);
} catch {
  // not Linux, or not permitted: rendering still runs under its (wall-clock) budget
}

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
port.postMessage({ ready: true, tid });
