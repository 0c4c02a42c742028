/// <reference lib="webworker" />
/**
 * The lab's simulator thread: sim-core behind the engine. The page posts ToWorker messages and draws
 * the FromWorker messages it gets back; nothing here touches the page.
 */
import { createEngine } from "@/lib/lab/engine";
import { installFastZeroTimeouts } from "@/lib/lab/fast-timers";
import type { ToWorker } from "@/lib/lab/protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
installFastZeroTimeouts(scope);
const engine = createEngine((message, transfer) => scope.postMessage(message, transfer ?? []));
scope.onmessage = (e: MessageEvent<ToWorker>) => {
  void engine.handle(e.data);
};
