import { describe, expect, it } from "vitest";
import type { FromWorker, ToWorker } from "@/lib/lab/protocol";
import { WorkerLink } from "./controller";

/** A stand-in Worker: records what the page posts and lets the test answer. */
function fakeWorker() {
  const posted: ToWorker[] = [];
  const worker = {
    onmessage: null as ((e: MessageEvent<FromWorker>) => void) | null,
    postMessage: (m: ToWorker) => posted.push(m),
    terminate: () => undefined,
  };
  const answer = (m: FromWorker) => worker.onmessage?.({ data: m } as MessageEvent<FromWorker>);
  return { worker: worker as unknown as Worker, posted, answer };
}

describe("WorkerLink", () => {
  it("matches answers to requests by id and hands everything else to the listener", async () => {
    const f = fakeWorker();
    const heard: FromWorker[] = [];
    const link = new WorkerLink(f.worker, (m) => heard.push(m));
    const a = link.ask<"completion">({ type: "complete", pane: "node-1", line: "docker se", cursor: 9 });
    const b = link.ask<"resolved">({ type: "resolve", pane: "node-2", line: "<TOKEN>" });
    expect(f.posted).toEqual([
      { type: "complete", pane: "node-1", line: "docker se", cursor: 9, id: 1 },
      { type: "resolve", pane: "node-2", line: "<TOKEN>", id: 2 },
    ]);
    f.answer({ type: "resolved", id: 2, line: "SWMTKN-1-x" });
    f.answer({ type: "output", pane: "node-1", text: "hi" });
    f.answer({ type: "completion", id: 1, start: 7, candidates: ["service"] });
    expect(await a).toEqual({ type: "completion", id: 1, start: 7, candidates: ["service"] });
    expect((await b).line).toBe("SWMTKN-1-x");
    expect(heard).toEqual([{ type: "output", pane: "node-1", text: "hi" }]);
  });
});
