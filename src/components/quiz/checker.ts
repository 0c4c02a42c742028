"use client";

/**
 * Command answers are checked in a Web Worker in the learner's browser, not on the server: sim-core is
 * pure TypeScript that runs anywhere, a check takes a few milliseconds, and running it client-side keeps
 * the stateless server free of CPU work a visitor could pile up, while the page stays responsive. The
 * worker (and with it the simulator) is created only when a command question is on screen, so the quiz
 * page's first load carries none of it.
 */
import type { CheckResult, CommandTask } from "@/lib/quiz/check";

let worker: Worker | null = null;
/** The reply's schema, loaded with the worker (not with the page). */
let replies: Promise<typeof import("./checker-reply")> | null = null;
let seq = 0;
const pending = new Map<number, { resolve: (r: CheckResult) => void; reject: (e: Error) => void }>();

function failAll(message: string) {
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
  worker?.terminate();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL("./check.worker.ts", import.meta.url), { type: "module" });
  replies ??= import("./checker-reply");
  const schema = replies;
  worker.onmessage = async (e: MessageEvent) => {
    const reply = (await schema).replySchema.safeParse(e.data);
    if (!reply.success) return;
    const p = pending.get(reply.data.id);
    if (!p) return;
    pending.delete(reply.data.id);
    if (reply.data.result) p.resolve(reply.data.result as CheckResult);
    else p.reject(new Error(reply.data.error ?? "check failed"));
  };
  worker.onerror = () => failAll("the checking worker failed");
  return worker;
}

/** Starts the worker ahead of the first check, so the simulator is loaded by the time the learner submits. */
export function warmUpChecker(): void {
  getWorker();
}

export function checkInWorker(task: CommandTask, input: string): Promise<CheckResult> {
  const id = ++seq;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage({ id, task: { setup: task.setup, goal: task.goal }, input });
  });
}
