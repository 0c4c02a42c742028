/**
 * A task's life on its node, as the agent and the dispatcher see it: created with its container and its
 * addresses, started, stopped (its container goes, its log stays with it), and the timers of processes
 * that end (plain state, `swarm.taskTimers`, played by the clock). Nothing here decides what happens next:
 * the reconciler, the restart supervisor and the updater above do.
 */
import { localId, swarmId } from "../engine/ids";
import { knownImage } from "../engine/images";
import { containerLogs } from "../engine/logs";
import { processEnd } from "../engine/process";
import type { World } from "../engine/world";
import type { ContainerState, NodeState, ServiceState, SwarmState, TaskState, TaskTimer } from "../model/state";
import { allocateEndpoint, learnOverlay, releaseEndpoint } from "../net/networks";
import { nodeEndpointsChanged } from "../net/lb";
import { backendsChanged } from "../net/path";
import { containerName, taskSpecKey } from "./spec";
import { expandHostname } from "./task-template";

export function ingressOf(swarm: SwarmState): string {
  return Object.values(swarm.networks).find((n) => n.ingress)!.id;
}

/** Networks a task of the service attaches to: ingress first when it publishes through the mesh. */
function taskNetworks(swarm: SwarmState, service: ServiceState): string[] {
  return [...(service.ports.some((p) => p.publishMode === "ingress") ? [ingressOf(swarm)] : []), ...service.networks];
}

export function hostOfNode(world: World, node: NodeState) {
  return world.state.hosts[node.hostname];
}

/** A task record of `service` in `slot`, as of now, with the spec and constraints it was made from. */
export function newTask(
  world: World,
  service: ServiceState,
  slot: number | null,
  at: Pick<TaskState, "nodeId" | "desiredState" | "state" | "error">,
): TaskState {
  return {
    id: swarmId(world.rng),
    serviceId: service.id,
    slot,
    ...at,
    stateAt: world.state.now,
    containerId: null,
    addresses: {},
    createdAt: world.state.now,
    image: service.image,
    spec: taskSpecKey(service),
    constraints: [...service.constraints],
  };
}

/**
 * A new task on `node`: running at once, "starting" when a rolling update brings it up over time, or
 * "ready" (desired too) when it replaces an ended task and waits out the restart delay.
 */
export function startTask(world: World, swarm: SwarmState, service: ServiceState, slot: number | null, node: NodeState, state: "running" | "starting" | "ready" = "running"): TaskState {
  const task = newTask(world, service, slot, { nodeId: node.id, desiredState: state === "ready" ? "ready" : "running", state, error: null });
  for (const netId of taskNetworks(swarm, service)) {
    const ip = allocateEndpoint(swarm.networks[netId], task.id);
    if (ip.ok) task.addresses[netId] = ip.value;
    learnOverlay(hostOfNode(world, node), swarm.networks[netId]);
  }
  if (!knownImage(task.image ?? service.image)) return prepareUnknownImage(world, swarm, service, task, node);
  const id = localId(world.rng);
  const container: ContainerState = {
    id,
    name: containerName(service, task),
    image: service.image,
    hostname: (service.hostname && expandHostname(service.hostname, service, task, node)) || id.slice(0, 12),
    taskId: task.id,
    state: state === "running" ? "running" : "created",
    addresses: { ...task.addresses },
    createdAt: world.state.now,
    // The service's COMMAND ARGS are the container's command (ContainerSpec.Args; the image's entrypoint stays).
    ...(service.args.length > 0 ? { command: [...service.args] } : {}),
  };
  // Host-mode published ports are the task container's own port bindings on its node (docker ps PORTS).
  const bound = service.ports.filter((p) => p.publishMode === "host" && p.publishedPort > 0 && p.protocol !== "sctp");
  if (bound.length > 0) container.ports = bound.map((p) => ({ hostIp: "0.0.0.0", hostPort: p.publishedPort, containerPort: p.targetPort, protocol: p.protocol as "tcp" | "udp" }));
  hostOfNode(world, node).containers[id] = container;
  task.containerId = id;
  swarm.tasks[task.id] = task;
  backendsChanged();
  world.announce({ type: "task.scheduled", taskId: task.id, serviceId: service.id, nodeId: node.id });
  world.announce({ type: "task.state", taskId: task.id, serviceId: service.id, nodeId: node.id, from: null, to: task.state });
  world.announce({ type: "container.started", host: node.hostname, containerId: id, name: container.name, taskId: task.id });
  if (state === "running") scheduleExit(swarm, service, task, world.state.now);
  nodeEndpointsChanged(world, swarm, node.id);
  return task;
}

/** How long a node tries to pull an image no registry has before it gives the task up. */
export const PULL_ATTEMPT_MS = 1000;

/**
 * A task whose image the node cannot get (none of the lab's registry's images): it is assigned, the node
 * tries to pull and then to create its container, and the agent rejects it with the daemon's
 * `No such image: …` (moby executor controller Prepare → ErrImageDoesNotExist); no container is made.
 */
function prepareUnknownImage(world: World, swarm: SwarmState, service: ServiceState, task: TaskState, node: NodeState): TaskState {
  // A task a rollout brings up (`starting`) or a restart's replacement (`ready`) gets there first (taskStarted).
  if (task.state === "running") task.state = "assigned";
  swarm.tasks[task.id] = task;
  world.announce({ type: "task.scheduled", taskId: task.id, serviceId: service.id, nodeId: node.id });
  world.announce({ type: "task.state", taskId: task.id, serviceId: service.id, nodeId: node.id, from: null, to: task.state });
  if (task.state === "assigned") addTimer(swarm, { at: world.state.now + PULL_ATTEMPT_MS, taskId: task.id, kind: "reject" });
  nodeEndpointsChanged(world, swarm, node.id);
  return task;
}

/** A starting (rolling update) or ready (restart delay over) task runs; a process that ends has its end timed. */
export function taskStarted(world: World, swarm: SwarmState, service: ServiceState, task: TaskState): void {
  if (!task.containerId && !knownImage(task.image ?? service.image)) {
    const from = task.state;
    task.desiredState = "running";
    task.state = "assigned";
    task.stateAt = world.state.now;
    world.announce({ type: "task.state", taskId: task.id, serviceId: service.id, nodeId: task.nodeId, from, to: "assigned" });
    addTimer(swarm, { at: world.state.now + PULL_ATTEMPT_MS, taskId: task.id, kind: "reject" });
    return;
  }
  const from = task.state;
  task.desiredState = "running";
  task.state = "running";
  task.stateAt = world.state.now;
  backendsChanged();
  const host = world.state.hosts[swarm.nodes[task.nodeId ?? ""]?.hostname ?? ""];
  const container = task.containerId ? host?.containers[task.containerId] : undefined;
  if (container) container.state = "running";
  world.announce({ type: "task.state", taskId: task.id, serviceId: service.id, nodeId: task.nodeId, from, to: "running" });
  if (container && host) world.announce({ type: "container.started", host: host.name, containerId: container.id, name: container.name, taskId: task.id });
  scheduleExit(swarm, service, task, world.state.now);
}
/** A task stops (or its process ended: "complete", "failed"); its container goes, keeping its log with the task. */
export function stopTask(world: World, swarm: SwarmState, task: TaskState, reason: "shutdown" | "complete" | "failed" | "rejected" = "shutdown"): void {
  // An ended task that held its slot only lets go of it.
  if (task.final) {
    delete task.final;
    return;
  }
  backendsChanged();
  const from = task.state;
  task.desiredState = "shutdown";
  task.state = reason;
  task.stateAt = world.state.now;
  for (const [netId, ip] of Object.entries(task.addresses)) releaseEndpoint(swarm.networks[netId], ip);
  const node = task.nodeId ? swarm.nodes[task.nodeId] : null;
  const container = node && task.containerId ? hostOfNode(world, node).containers[task.containerId] : undefined;
  if (node && container) {
    task.logs = containerLogs(container);
    delete hostOfNode(world, node).containers[container.id];
    world.announce({ type: "container.stopped", host: node.hostname, containerId: container.id, name: container.name, taskId: task.id });
  }
  world.announce({ type: "task.state", taskId: task.id, serviceId: task.serviceId, nodeId: task.nodeId, from, to: reason });
  nodeEndpointsChanged(world, swarm, task.nodeId);
}

export function addTimer(swarm: SwarmState, timer: TaskTimer): void {
  const timers = (swarm.taskTimers ??= []);
  let i = timers.length;
  while (i > 0 && timers[i - 1].at > timer.at) i--;
  timers.splice(i, 0, timer);
}

/** A task's process has just started: if it is one that ends, its end is timed. */
export function scheduleExit(swarm: SwarmState, service: ServiceState, task: TaskState, now: number): void {
  const end = processEnd(task.image ?? service.image, service.args);
  if (end) addTimer(swarm, { at: now + end.afterMs, taskId: task.id, kind: "exit", code: end.code });
}

/** When the next task timer of the swarm falls due, if any is set. */
export const nextTaskTimer = (swarm: SwarmState): number | undefined => swarm.taskTimers?.[0]?.at;
