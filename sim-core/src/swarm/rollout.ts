/**
 * The updater (swarmkit manager/orchestrator/update/updater.go): tasks made from an older spec are "dirty"
 * and are replaced slot by slot, `parallelism` at a time: the old task stops first (or, with start-first,
 * once its replacement runs), the replacement takes TASK_START_MS to come up, `delay` passes before the
 * next batch, and the update completes one monitor period after the last batch. A replacement that fails
 * within the monitor window trips the failure action (pause, continue or rollback).
 *
 * A rollout is plain state (`service.rollout`); `settle` plays the steps that fall due at their own times,
 * and the task timers too when the clock moves (the restart supervisor's, passed in from above).
 */
import { ok, type Result } from "../engine/errors";
import type { World } from "../engine/world";
import type { Rollout, ServiceState, SwarmState, TaskState } from "../model/state";
import { lbBatch } from "../net/lb";
import { allocateEndpoint, releaseEndpoint } from "../net/networks";
import { eligibleNodes, loadByNode, pickNode } from "./scheduler";
import { holdsSlot, nextVersion, TASK_START_MS, taskSpecKey } from "./spec";
import { startTask, stopTask, taskStarted } from "./tasks";

/** The task timers settle plays when the clock moves: when the next is due, and how to play it. */
export interface TaskTimers {
  next(swarm: SwarmState): number | undefined;
  play(world: World, swarm: SwarmState): void;
}

/** swarmkit's IsTaskDirty: a changed constraint alone does not replace a task whose node still satisfies it. */
function isTaskDirty(swarm: SwarmState, service: ServiceState, task: TaskState): boolean {
  if (task.spec !== taskSpecKey(service)) return true;
  if (JSON.stringify(task.constraints ?? []) === JSON.stringify(service.constraints)) return false;
  return !eligibleNodes(swarm, service).eligible.some((n) => n.id === task.nodeId);
}

const slotKey = (t: TaskState) => t.slot ?? t.nodeId ?? "";

/** Slots holding more than one live task, or one that is out of date, in slot (or node) order. */
export function dirtySlots(swarm: SwarmState, service: ServiceState): (number | string)[] {
  const bySlot = new Map<number | string, TaskState[]>();
  for (const t of Object.values(swarm.tasks)) {
    if (t.serviceId !== service.id || !holdsSlot(t)) continue;
    const list = bySlot.get(slotKey(t));
    if (list) list.push(t);
    else bySlot.set(slotKey(t), [t]);
  }
  return [...bySlot.entries()]
    .filter(([, tasks]) => tasks.length > 1 || isTaskDirty(swarm, service, tasks[0]))
    .map(([key]) => key)
    .sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b))));
}

export const configOf = (service: ServiceState, kind: Rollout["kind"]) => (kind === "rollback" ? service.rollbackConfig : service.updateConfig);

/** A VIP on each network the service needs one on (ingress when it publishes through the mesh), none in dnsrr mode. */
export function syncEndpoint(swarm: SwarmState, service: ServiceState): Result<null> {
  const ingress = Object.values(swarm.networks).find((n) => n.ingress);
  const wanted =
    service.endpointMode === "vip" ? [...(ingress && service.ports.some((p) => p.publishMode === "ingress") ? [ingress.id] : []), ...service.networks] : [];
  for (const [netId, vip] of Object.entries(service.vips)) {
    if (wanted.includes(netId)) continue;
    releaseEndpoint(swarm.networks[netId], vip);
    delete service.vips[netId];
  }
  for (const netId of wanted) {
    if (service.vips[netId]) continue;
    const vip = allocateEndpoint(swarm.networks[netId], service.id);
    if (!vip.ok) return vip;
    service.vips[netId] = vip.value;
  }
  return ok(null);
}

/** Brings the batch now starting up at once, so a new spec or a pause never leaves a task half-started. */
export function finishBatch(world: World, swarm: SwarmState, service: ServiceState): void {
  const r = service.rollout;
  if (!r || r.phase !== "starting") return;
  bringUp(world, swarm, service, r);
}

function bringUp(world: World, swarm: SwarmState, service: ServiceState, r: Rollout): void {
  for (const b of r.batch) {
    const task = swarm.tasks[b.taskId];
    if (!task || task.state !== "starting") continue;
    r.started[task.id] = world.state.now;
    taskStarted(world, swarm, service, task);
    if (configOf(service, r.kind).order === "start-first") {
      for (const id of b.replaces) if (swarm.tasks[id] && holdsSlot(swarm.tasks[id])) stopTask(world, swarm, swarm.tasks[id]);
    }
  }
  r.batch = [];
}

/** Starts replacements for the next `parallelism` dirty slots. */
function startBatch(world: World, swarm: SwarmState, service: ServiceState, r: Rollout): void {
  lbBatch(world, swarm, () => startTasks(world, swarm, service, r));
}

function startTasks(world: World, swarm: SwarmState, service: ServiceState, r: Rollout): void {
  const config = configOf(service, r.kind);
  const keys = r.queue.splice(0, config.parallelism === 0 ? r.queue.length : config.parallelism);
  const { eligible } = eligibleNodes(swarm, service);
  for (const key of keys) {
    const old = Object.values(swarm.tasks).filter((t) => t.serviceId === service.id && holdsSlot(t) && slotKey(t) === key);
    if (config.order === "stop-first") for (const t of old) stopTask(world, swarm, t);
    const global = typeof key === "string";
    const node = global ? eligible.find((n) => n.id === key) : pickNode(eligible, loadByNode(swarm, service.id));
    // No node can take the replacement: the slot keeps (or, stop-first, has lost) its task; the reconciler fills it later.
    if (!node) continue;
    const task = startTask(world, swarm, service, global ? null : key, node, "starting");
    r.batch.push({ taskId: task.id, replaces: old.map((t) => t.id) });
  }
  r.phase = "starting";
  r.at = world.state.now + TASK_START_MS;
}

function complete(swarm: SwarmState, service: ServiceState, at: number): void {
  const status = service.updateStatus;
  if (status && (status.state === "updating" || status.state === "rollback_started")) {
    const rollback = status.state === "rollback_started";
    status.state = rollback ? "rollback_completed" : "completed";
    status.message = rollback ? "rollback completed" : "update completed";
    status.completedAt = at;
    service.version = nextVersion(swarm);
  }
  delete service.rollout;
}

/** One step of a rollout that has fallen due (at `world.state.now`). */
function step(world: World, swarm: SwarmState, service: ServiceState, r: Rollout): void {
  const config = configOf(service, r.kind);
  if (r.phase === "starting") {
    bringUp(world, swarm, service, r);
    r.phase = "delay";
    r.at = world.state.now + config.delay;
  } else if (r.phase === "delay") {
    if (r.queue.length > 0) startBatch(world, swarm, service, r);
    else {
      // swarmkit watches one more monitor period, longer than the delay when the delay is longer.
      r.phase = "monitor";
      r.at = world.state.now + (config.delay >= config.monitor ? config.delay + 1000 : config.monitor);
    }
  } else complete(swarm, service, world.state.now);
}

/** Starts replacing the service's out-of-date tasks; with none, an update in progress is complete at once. */
export function beginRollout(world: World, swarm: SwarmState, service: ServiceState, kind: Rollout["kind"]): void {
  const queue = dirtySlots(swarm, service);
  if (queue.length === 0) {
    delete service.rollout;
    complete(swarm, service, world.state.now);
    return;
  }
  if (!service.updateStatus) {
    service.updateStatus = { state: "updating", startedAt: world.state.now, completedAt: null, message: "update in progress" };
    service.version = nextVersion(swarm);
  }
  service.rollout = { kind, queue, batch: [], phase: "delay", at: world.state.now, started: {}, failures: 0, dirty: queue.length };
  settle(world, swarm);
}

let settling = false;
/**
 * Plays every rollout step and task timer (processes ending, restarts) due by `until`, earliest first:
 * services in creation order on ties, a rollout step before a task timer of the same instant. Task timers
 * play only as the clock moves (`timers`), so a command never sees a process end that it has just started.
 */
export function settle(world: World, swarm: SwarmState, until = world.state.now, timers?: TaskTimers): void {
  if (settling) return;
  settling = true;
  try {
    lbBatch(world, swarm, () => settleAll(world, swarm, until, timers));
  } finally {
    settling = false;
  }
}

function settleAll(world: World, swarm: SwarmState, until: number, timers?: TaskTimers): void {
  {
    for (;;) {
      let due: ServiceState | null = null;
      for (const s of Object.values(swarm.services)) {
        if (s.rollout && s.rollout.at <= until && (!due || s.rollout.at < due.rollout!.at || (s.rollout.at === due.rollout!.at && s.createdAt < due.createdAt))) due = s;
      }
      const timer = timers?.next(swarm);
      if (timer !== undefined && timer <= until && (!due || timer < due.rollout!.at)) {
        if (timer > world.state.now) world.state.now = timer;
        timers!.play(world, swarm);
        continue;
      }
      if (!due) return;
      if (due.rollout!.at > world.state.now) world.state.now = due.rollout!.at;
      step(world, swarm, due, due.rollout!);
    }
  }
}

/**
 * A task failed. If the rollout in progress started it (and it failed within the monitor window), it counts
 * against the failure ratio; past it, the failure action applies: pause, or roll back to the previous spec.
 */
export function taskFailed(world: World, swarm: SwarmState, task: TaskState): void {
  const service = swarm.services[task.serviceId];
  const r = service?.rollout;
  if (!r) return;
  const config = configOf(service, r.kind);
  const startedAt = r.started[task.id];
  const ours = r.batch.some((b) => b.taskId === task.id) || (startedAt !== undefined && world.state.now - startedAt <= config.monitor);
  if (!ours || config.failureAction === "continue") return;
  r.failures++;
  if (r.failures / r.dirty <= config.maxFailureRatio) return;
  const status = service.updateStatus;
  if (config.failureAction === "pause" || r.kind === "rollback") {
    finishBatch(world, swarm, service);
    delete service.rollout;
    if (status) {
      status.state = r.kind === "rollback" ? "rollback_paused" : "paused";
      status.message = `${r.kind === "rollback" ? "rollback" : "update"} paused due to failure or early termination of task ${task.id}`;
    }
    service.version = nextVersion(swarm);
    return;
  }
  if (!service.previousSpec) return;
  finishBatch(world, swarm, service);
  Object.assign(service, structuredClone(service.previousSpec));
  delete service.previousSpec;
  service.version = nextVersion(swarm);
  service.updateStatus = {
    state: "rollback_started",
    startedAt: status?.startedAt ?? world.state.now,
    completedAt: null,
    message: `update rolled back due to failure or early termination of task ${task.id}`,
  };
  // Queue the rollback; the failed task's own reconcile places its replacement first.
  service.rollout = { kind: "rollback", queue: [], batch: [], phase: "delay", at: world.state.now, started: {}, failures: 0, dirty: 0 };
  syncEndpoint(swarm, service);
  service.rollout.queue = dirtySlots(swarm, service);
  service.rollout.dirty = service.rollout.queue.length;
}

/** A task ends (stopTask) and, when it failed, the rollout in progress counts it. */
export function endTask(world: World, swarm: SwarmState, task: TaskState, reason: "shutdown" | "complete" | "failed" | "rejected" = "shutdown"): void {
  stopTask(world, swarm, task, reason);
  if (reason === "failed") taskFailed(world, swarm, task);
}
