/**
 * The page's end of the worker: requests with answers (completion, files, placeholders) matched by id,
 * everything else handed to the listener. Holds no simulator state.
 */
import type { FromWorker, ToWorker } from "@/lib/lab/protocol";

type Answer = Extract<FromWorker, { id: number }>;
type Request = ToWorker extends infer M ? (M extends { id: number } ? Omit<M, "id"> : never) : never;

export class WorkerLink {
  private nextId = 1;
  private readonly pending = new Map<number, (m: Answer) => void>();

  constructor(
    private readonly worker: Worker,
    private readonly listener: (m: Exclude<FromWorker, { id: number }>) => void,
  ) {
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if ("id" in m) {
        this.pending.get(m.id)?.(m);
        this.pending.delete(m.id);
      } else this.listener(m);
    };
  }

  send(message: ToWorker) {
    this.worker.postMessage(message);
  }

  /** Sends a request and resolves with its answer of the given type. */
  ask<T extends Answer["type"]>(message: Request): Promise<Extract<Answer, { type: T }>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (m: Answer) => void);
      this.worker.postMessage({ ...message, id });
    });
  }
}

