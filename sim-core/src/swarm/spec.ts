/**
 * The lowest floor of the swarm: what a service's spec and its tasks are, without changing anything —
 * the spec fields and the key that makes a task out of date, swarmkit's defaults, the store version,
 * Docker's lookup and naming of services and tasks, and which tasks hold a slot.
 */
import { err, ok, type Result } from "../engine/errors";
import type { ServiceSpecState, ServiceState, SwarmState, TaskState, UpdateConfig } from "../model/state";

/** swarmkit's defaults (api/defaults): one task at a time, no delay, pause on failure, 5 s monitor, stop-first. */
export const DEFAULT_UPDATE_CONFIG: UpdateConfig = { parallelism: 1, delay: 0, failureAction: "pause", monitor: 5000, maxFailureRatio: 0, order: "stop-first" };

/** From created to running for a replacement task whose image is already pulled (preparing, starting). */
export const TASK_START_MS = 1000;

const SPEC_FIELDS = [
  "image", "replicas", "networks", "ports", "endpointMode", "constraints", "env", "labels", "args", "forceUpdate", "updateConfig", "rollbackConfig",
  "hostname", "containerLabels", "resources", "restartPolicy", "placementPrefs", "maxReplicas", "aliases",
] as const;

export function specOf(service: ServiceState): ServiceSpecState {
  return structuredClone(Object.fromEntries(SPEC_FIELDS.map((k) => [k, service[k]]))) as ServiceSpecState;
}

/**
 * What makes a task out of date: the task template and endpoint (image, env, args, networks, ports,
 * endpoint mode, force counter, and the container settings create may add). Replicas, labels and the
 * update configs are not part of it, so changing them alone replaces nothing. Constraints are compared
 * separately (see `isTaskDirty`).
 */
export function taskSpecKey(service: ServiceState): string {
  const key: unknown[] = [service.image, service.env, service.args, service.networks, service.forceUpdate, service.ports, service.endpointMode];
  const extra = [service.hostname, service.containerLabels, service.resources, service.restartPolicy, service.placementPrefs, service.maxReplicas, service.aliases];
  // Only when set, so tasks of services without them keep the key they were made with.
  if (extra.some((v) => v !== undefined)) key.push(extra);
  return JSON.stringify(key);
}

export function nextVersion(swarm: SwarmState): number {
  swarm.storeVersion = (swarm.storeVersion ?? 10) + 1;
  return swarm.storeVersion;
}
/** Docker's naming: `<service>.<slot>.<taskID>` (global services use the node ID instead of a slot). */
export const taskName = (service: ServiceState, task: TaskState) => `${service.name}.${task.slot ?? task.nodeId}`;

export const containerName = (service: ServiceState, task: TaskState) => `${taskName(service, task)}.${task.id}`;

/** Docker's lookup for a service argument: full ID, then name, then a unique ID prefix. */
export function findService(swarm: SwarmState, ref: string): Result<ServiceState> {
  const all = Object.values(swarm.services);
  const hit = all.find((s) => s.id === ref) ?? all.find((s) => s.name === ref);
  if (hit) return ok(hit);
  const byPrefix = ref ? all.filter((s) => s.id.startsWith(ref)) : [];
  if (byPrefix.length === 1) return ok(byPrefix[0]);
  return err({ code: "service-not-found", data: { ref } });
}

/** A task that holds its slot: running, starting as a rolling update's replacement, or ready as a restart's. */
export const isUp = (t: TaskState) => t.state === "running" || t.state === "starting" || t.state === "ready";

/** What the orchestrator counts as a slot's task: a live one that is up, or an ended one not to be restarted. */
export const holdsSlot = (t: TaskState) => (t.desiredState !== "shutdown" && isUp(t)) || t.final === true;

/** Tasks of a service as `docker service ps` lists them: by slot (or node), newest first within a slot. */
export function serviceTasks(swarm: SwarmState, serviceId: string): TaskState[] {
  return Object.values(swarm.tasks)
    .filter((t) => t.serviceId === serviceId)
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || (a.nodeId ?? "").localeCompare(b.nodeId ?? "") || b.createdAt - a.createdAt || (a.desiredState === "running" ? -1 : 1));
}
