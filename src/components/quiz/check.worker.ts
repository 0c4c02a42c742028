/// <reference lib="webworker" />
/**
 * The quiz's command checker, off the main thread (see checker.ts for why it runs in the browser).
 * Every message is validated before anything runs.
 */
import { createLab } from "sim-core";
import { z } from "zod";
import { installFastZeroTimeouts } from "@/lib/lab/fast-timers";
import { answerSchema, checkCommandAnswer } from "@/lib/quiz/check";
import { goalSchema } from "@/lib/quiz/schema";

const requestSchema = z.object({
  id: z.number().int(),
  task: z.object({ setup: z.array(z.string().max(400)).max(10), goal: goalSchema }),
  input: answerSchema,
});

const scope = self as unknown as DedicatedWorkerGlobalScope;
// A service converging steps sim-core's clock through dozens of zero timeouts; clamped to 4 ms each by
// the browser, one check took over 100 ms.
installFastZeroTimeouts(scope);

scope.onmessage = async (e: MessageEvent) => {
  const request = requestSchema.safeParse(e.data);
  if (!request.success) {
    const id = typeof e.data?.id === "number" ? e.data.id : -1;
    scope.postMessage({ id, error: "invalid request" });
    return;
  }
  const { id, task, input } = request.data;
  try {
    scope.postMessage({ id, result: await checkCommandAnswer(task, input, createLab) });
  } catch (error) {
    scope.postMessage({ id, error: (error as Error).message });
  }
};
