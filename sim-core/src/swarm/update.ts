/**
 * Service updates and rollbacks, after swarmkit's controlapi UpdateService: a new spec replaces the current
 * one (which becomes the PreviousSpec) and the updater (rollout.ts) replaces the out-of-date tasks. All of
 * it happens in virtual time: `advanceClock` plays the rollout steps and the task timers that fall due as
 * the clock moves, at their own timestamps.
 */
import { err, ok, type Result } from "../engine/errors";
import { pinImage } from "../engine/images";
import type { World } from "../engine/world";
import type { Rollout, ServiceSpecState, ServiceState, SwarmState } from "../model/state";
import { requireManager } from "./cluster";
import { checkReplicas } from "./limits";
import { reconcile } from "./reconcile";
import { nextTaskTimer, playTaskTimer } from "./restart";
import { beginRollout, finishBatch, settle, syncEndpoint, type TaskTimers } from "./rollout";
import { findService, nextVersion, specOf } from "./spec";

export { DEFAULT_UPDATE_CONFIG, nextVersion, specOf, TASK_START_MS, taskSpecKey } from "./spec";
export { taskFailed } from "./rollout";

const TIMERS: TaskTimers = { next: nextTaskTimer, play: playTaskTimer };

/** Moves virtual time to `to`, playing the rollout steps and task timers that fall due on the way at their own times. */
export function advanceClock(world: World, to: number): void {
  for (const swarm of Object.values(world.state.swarms)) settle(world, swarm, to, TIMERS);
  if (to > world.state.now) world.state.now = to;
}

/**
 * A new spec for the service (update, scale): the current one becomes PreviousSpec, the update status is
 * reset as swarmkit resets it, and the out-of-date tasks are replaced.
 */
export function changeSpec(world: World, swarm: SwarmState, service: ServiceState, next: ServiceSpecState): Result<ServiceState> {
  const limited = checkReplicas(swarm, service, next.replicas);
  if (!limited.ok) return limited;
  finishBatch(world, swarm, service);
  service.previousSpec = specOf(service);
  Object.assign(service, structuredClone(next));
  service.version = nextVersion(swarm);
  service.updatedAt = world.state.now;
  delete service.updateStatus;
  delete service.rollout;
  return applySpecChange(world, swarm, service, "update");
}

/** After a spec change: VIPs, tasks for the new replica count, then the rolling replacement of the rest. */
function applySpecChange(world: World, swarm: SwarmState, service: ServiceState, kind: Rollout["kind"]): Result<ServiceState> {
  const vips = syncEndpoint(swarm, service);
  if (!vips.ok) return vips;
  world.announce({ type: "service.updated", serviceId: service.id, name: service.name });
  reconcile(world, swarm);
  beginRollout(world, swarm, service, kind);
  return ok(service);
}

/** `docker service update`: the CLI has built the whole new spec (network IDs resolved), as docker's does. */
export function updateService(world: World, fromHost: string, ref: string, next: ServiceSpecState, resolveImage = false): Result<ServiceState> {
  const m = requireManager(world, fromHost);
  if (!m.ok) return m;
  const swarm = m.value.swarm;
  const found = findService(swarm, ref);
  if (!found.ok) return found;
  const service = found.value;
  if (next.endpointMode === "dnsrr" && next.ports.some((p) => p.publishMode === "ingress")) return err({ code: "ingress-dnsrr" });
  for (const p of next.ports) {
    for (const other of Object.values(swarm.services)) {
      if (other === service) continue;
      const clash = other.ports.find((q) => q.publishedPort === p.publishedPort && q.protocol === p.protocol && (q.publishMode === "ingress" || p.publishMode === "ingress"));
      if (clash) return err({ code: "port-in-use", data: { port: p.publishedPort, service: other.name, id: other.id, mode: clash.publishMode } });
    }
  }
  // A new image is pinned to its digest, as on create (moby daemon/cluster UpdateService).
  const image = resolveImage && next.image !== service.image ? pinImage(next.image) : next.image;
  return changeSpec(world, swarm, service, { ...next, image });
}

/** `docker service rollback` (or `update --rollback`): the previous spec comes back, and the current one becomes previous. */
export function rollbackService(world: World, fromHost: string, ref: string): Result<ServiceState> {
  const m = requireManager(world, fromHost);
  if (!m.ok) return m;
  const swarm = m.value.swarm;
  const found = findService(swarm, ref);
  if (!found.ok) return found;
  const service = found.value;
  if (!service.previousSpec) return err({ code: "no-previous-spec", data: { id: service.id } });
  finishBatch(world, swarm, service);
  const current = specOf(service);
  Object.assign(service, structuredClone(service.previousSpec));
  service.previousSpec = current;
  service.version = nextVersion(swarm);
  service.updatedAt = world.state.now;
  service.updateStatus = { state: "rollback_started", startedAt: world.state.now, completedAt: null, message: "manually requested rollback" };
  delete service.rollout;
  return applySpecChange(world, swarm, service, "rollback");
}
