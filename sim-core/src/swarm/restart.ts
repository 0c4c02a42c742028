/**
 * Tasks whose main process ends, and swarmkit's restart supervisor (manager/orchestrator/restart). A
 * task's process is judged as `docker run` judges a container's (engine/process.ts); one that ends does
 * so at a time fixed when the task starts running. The task then goes to `complete` (exit 0) or `failed`
 * ("task: non-zero exit (N)") with desired state shutdown, and, when the restart policy allows, a
 * replacement in the same slot waits `ready` for the restart delay before it runs. Older tasks of a slot
 * beyond the task history limit are pruned, as swarmkit's task reaper does.
 *
 * The timers are plain state (`swarm.taskTimers`) that the clock plays at their own times (update.ts
 * `advanceClock`); tasks that never end set none, so long-running services cost nothing per tick.
 */
import { missingImageRef } from "../engine/images";
import type { World } from "../engine/world";
import type { ServiceState, SwarmState, TaskState } from "../model/state";
import { reconcile } from "./reconcile";
import { endTask, taskFailed } from "./rollout";
import { eligibleNodes, loadByNode, pickNode } from "./scheduler";
import { settingsOf } from "./settings";
import { addTimer, startTask, taskStarted } from "./tasks";

export { nextTaskTimer, scheduleExit } from "./tasks";

/** swarmkit's default restart delay (api/defaults). */
export const DEFAULT_RESTART_DELAY_MS = 5000;

/** Plays the earliest task timer (the clock is already at its time). */
export function playTaskTimer(world: World, swarm: SwarmState): void {
  const timer = swarm.taskTimers!.shift()!;
  if (swarm.taskTimers!.length === 0) delete swarm.taskTimers;
  const task = swarm.tasks[timer.taskId];
  const service = task && swarm.services[task.serviceId];
  // A task stopped or replaced meanwhile (an update, a drained node) has nothing left to do.
  if (!service) return;
  if (timer.kind === "start") {
    if (task.desiredState === "ready" && task.state === "ready") taskStarted(world, swarm, service, task);
  } else if (timer.kind === "reject") {
    if (task.desiredState === "running" && task.state === "assigned") rejected(world, swarm, service, task);
  } else if (task.desiredState === "running" && task.state === "running") exited(world, swarm, service, task, timer.code ?? 0);
}

/**
 * A task's container ended from outside (`docker stop`: the stop signal's exit code; `docker rm -f`:
 * SIGKILL, 137): the task ends as if its process had, and the restart policy decides what comes next.
 */
export function taskContainerEnded(world: World, taskId: string, code: number): boolean {
  for (const swarm of Object.values(world.state.swarms)) {
    const task = swarm.tasks[taskId];
    const service = task && swarm.services[task.serviceId];
    if (!service || task.state !== "running") continue;
    exited(world, swarm, service, task, code);
    return true;
  }
  return false;
}

/** The tasks that share a slot (or, for a global service, a node) with `task`, itself included. */
function slotTasks(swarm: SwarmState, task: TaskState): TaskState[] {
  return Object.values(swarm.tasks).filter((t) => t.serviceId === task.serviceId && (task.slot === null ? t.slot === null && t.nodeId === task.nodeId : t.slot === task.slot));
}
function exited(world: World, swarm: SwarmState, service: ServiceState, task: TaskState, code: number): void {
  if (code !== 0) task.error = `task: non-zero exit (${code})`;
  endTask(world, swarm, task, code === 0 ? "complete" : "failed");
  // The updater counts any early end of a task it started, a clean exit too ("failure or early termination").
  if (code === 0) taskFailed(world, swarm, task);
  if (shouldRestart(swarm, service, task, code, world.state.now)) restart(world, swarm, service, task);
  else task.final = true;
  prune(swarm, service, task);
}

/**
 * The node could not get the task's image: the task is rejected with the daemon's error, counts as a failure
 * for a rollout, and the restart supervisor replaces it (any condition but `none` restarts a rejected task).
 */
function rejected(world: World, swarm: SwarmState, service: ServiceState, task: TaskState): void {
  task.error = `No such image: ${missingImageRef(task.image ?? service.image)}`;
  endTask(world, swarm, task, "rejected");
  taskFailed(world, swarm, task);
  if (shouldRestart(swarm, service, task, 1, world.state.now)) restart(world, swarm, service, task);
  else task.final = true;
  prune(swarm, service, task);
}

/** swarmkit's shouldRestart: the condition, then max attempts counted within the window (all time without one). */
function shouldRestart(swarm: SwarmState, service: ServiceState, task: TaskState, code: number, now: number): boolean {
  const policy = service.restartPolicy;
  const condition = policy?.condition ?? "any";
  if (condition === "none" || (condition === "on-failure" && code === 0)) return false;
  if (!policy?.maxAttempts) return true;
  const since = policy.window ? now - policy.window : -Infinity;
  const restarts = slotTasks(swarm, task).filter((t) => t.restartedAt !== undefined && t.restartedAt > since && t.spec === task.spec).length;
  return restarts < policy.maxAttempts;
}

/** A new task for the slot (a global one stays on its node), `ready` until the restart delay is over. */
function restart(world: World, swarm: SwarmState, service: ServiceState, old: TaskState): void {
  const { eligible } = eligibleNodes(swarm, service);
  const node = old.slot === null ? eligible.find((n) => n.id === old.nodeId) : pickNode(eligible, loadByNode(swarm, service.id));
  if (!node) {
    // Nowhere to run it: the orchestrator's usual path leaves the slot pending with the scheduler's reason.
    reconcile(world, swarm);
    return;
  }
  const task = startTask(world, swarm, service, old.slot, node, "ready");
  task.restartedAt = world.state.now;
  addTimer(swarm, { at: world.state.now + (service.restartPolicy?.delay ?? DEFAULT_RESTART_DELAY_MS), taskId: task.id, kind: "start" });
}

/**
 * The task reaper: a slot keeps at most the task history limit of tasks (max attempts + 1 when the restart
 * policy has them), the oldest ended ones going first.
 */
function prune(swarm: SwarmState, service: ServiceState, task: TaskState): void {
  const limit = service.restartPolicy?.maxAttempts ? service.restartPolicy.maxAttempts + 1 : settingsOf(swarm).taskHistoryLimit;
  if (limit < 0) return;
  const tasks = slotTasks(swarm, task);
  let excess = tasks.length - limit;
  if (excess <= 0) return;
  tasks.sort((a, b) => a.stateAt - b.stateAt || a.createdAt - b.createdAt);
  for (const t of tasks) {
    if (excess === 0) break;
    if (t.final || t.desiredState !== "shutdown" || (t.state !== "complete" && t.state !== "failed" && t.state !== "shutdown" && t.state !== "rejected")) continue;
    delete swarm.tasks[t.id];
    excess--;
  }
}
