/**
 * The orchestrator's reconciler: brings every service of a swarm to its desired state — places missing
 * tasks (pending with the scheduler's reason when nowhere fits), stops the tasks of removed slots (the task
 * reaper deletes them), moves tasks off drained or failed nodes, and keeps a global service on every node.
 */
import type { World } from "../engine/world";
import { lbBatch } from "../net/lb";
import type { NodeState, ServiceState, SwarmState, TaskState } from "../model/state";
import { endTask } from "./rollout";
import { eligibleNodes, loadByNode, pickNode, spreadCandidates } from "./scheduler";
import { holdsSlot, isUp } from "./spec";
import { newTask, startTask, stopTask } from "./tasks";

function pendingTask(world: World, swarm: SwarmState, service: ServiceState, slot: number | null, error: string, inSlot: TaskState[]): void {
  const existing = inSlot.find((t) => t.state === "pending" && t.desiredState === "running");
  if (existing) {
    existing.error = error;
    return;
  }
  const task = newTask(world, service, slot, { nodeId: null, desiredState: "running", state: "pending", error });
  swarm.tasks[task.id] = task;
  world.announce({ type: "task.state", taskId: task.id, serviceId: service.id, nodeId: null, from: null, to: "pending" });
}
/** Brings every service of the swarm to its desired state. Deterministic: services and slots in order. */
export function reconcile(world: World, swarm: SwarmState): void {
  lbBatch(world, swarm, () => reconcileAll(world, swarm));
}

function reconcileAll(world: World, swarm: SwarmState): void {
  const nodesReady = (n: NodeState | undefined) => n && n.status === "ready" && n.availability !== "drain";
  // Tasks on nodes that are down or drained stop; their slots are filled again below.
  for (const t of Object.values(swarm.tasks)) {
    if (t.desiredState === "shutdown" || !isUp(t)) continue;
    if (!nodesReady(swarm.nodes[t.nodeId ?? ""])) endTask(world, swarm, t, swarm.nodes[t.nodeId ?? ""]?.status === "down" ? "failed" : "shutdown");
  }
  const services = Object.values(swarm.services).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const tasksByService = new Map<string, TaskState[]>();
  for (const t of Object.values(swarm.tasks)) {
    if (t.desiredState === "shutdown" && !t.final) continue;
    const list = tasksByService.get(t.serviceId);
    if (list) list.push(t);
    else tasksByService.set(t.serviceId, [t]);
  }
  for (const service of services) {
    const live = tasksByService.get(service.id) ?? [];
    let { eligible, explanation } = eligibleNodes(swarm, service);
    // Reservations and a per-node maximum change as tasks land, so those services are filtered again per task.
    const refilter = Boolean(service.maxReplicas || service.resources?.reservations.memoryBytes || service.resources?.reservations.nanoCPUs);
    // Load is counted once and kept up to date as tasks start, so placing N tasks costs N × nodes.
    const load = loadByNode(swarm, service.id);
    const place = (slot: number | null, node: NodeState) => {
      startTask(world, swarm, service, slot, node);
      load.mine.set(node.id, (load.mine.get(node.id) ?? 0) + 1);
      load.all.set(node.id, (load.all.get(node.id) ?? 0) + 1);
    };
    if (service.mode === "replicated") {
      const bySlot = new Map<number, TaskState[]>();
      let removed = false;
      for (const t of live) {
        // Too many: stop the highest slots (swarmkit sets their desired state to Remove).
        if ((t.slot ?? 0) > service.replicas) {
          stopTask(world, swarm, t);
          removed = true;
          continue;
        }
        const list = bySlot.get(t.slot ?? 0);
        if (list) list.push(t);
        else bySlot.set(t.slot ?? 0, [t]);
      }
      // swarmkit's task reaper then deletes the removed slots' tasks, their history with them.
      if (removed) for (const t of Object.values(swarm.tasks)) if (t.serviceId === service.id && (t.slot ?? 0) > service.replicas && !isUp(t)) delete swarm.tasks[t.id];
      for (let slot = 1; slot <= service.replicas; slot++) {
        const inSlot = bySlot.get(slot) ?? [];
        if (inSlot.some(holdsSlot)) continue;
        if (refilter) ({ eligible, explanation } = eligibleNodes(swarm, service));
        const node = pickNode(service.placementPrefs ? spreadCandidates(service, eligible, load.mine) : eligible, load);
        if (!node) {
          pendingTask(world, swarm, service, slot, explanation, inSlot);
          continue;
        }
        for (const p of inSlot.filter((t) => t.state === "pending")) {
          p.desiredState = "shutdown";
          p.state = "shutdown";
          world.announce({ type: "task.state", taskId: p.id, serviceId: p.serviceId, nodeId: null, from: "pending", to: "shutdown" });
        }
        place(slot, node);
      }
    } else {
      for (const t of live.filter((t) => isUp(t) && !eligible.some((n) => n.id === t.nodeId))) stopTask(world, swarm, t);
      const covered = new Set(live.filter(holdsSlot).map((t) => t.nodeId));
      for (const node of eligible) if (!covered.has(node.id)) place(null, node);
    }
  }
}
