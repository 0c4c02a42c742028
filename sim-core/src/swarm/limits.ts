/**
 * The model's own limits, stated in one clear line when a command would cross them (as the shell states
 * its own), so that no line can keep the lab busy for minutes: a real swarm would try, a lab answers.
 */
import { err, type Result } from "../engine/errors";
import type { ServiceState, SwarmState } from "../model/state";

/** Tasks (desired replicas, over every replicated service) one swarm may ask for; the benchmarks run 10,000. */
export const MAX_TASKS = 10_000;

/** Whether `service` (new, or changed to `replicas`) keeps the swarm within MAX_TASKS. */
export function checkReplicas(swarm: SwarmState, service: Pick<ServiceState, "id" | "mode">, replicas: number): Result<null> {
  if (service.mode !== "replicated") return { ok: true, value: null };
  let others = 0;
  for (const s of Object.values(swarm.services)) if (s.id !== service.id && s.mode === "replicated") others += s.replicas;
  if (others + replicas <= MAX_TASKS) return { ok: true, value: null };
  return err({ code: "lab-limit", data: { limit: MAX_TASKS, replicas, others } });
}
