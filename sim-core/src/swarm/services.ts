/**
 * Services and their tasks: create, scale, remove, and the reconciler that keeps every service at its
 * desired state — placing missing tasks, moving tasks off drained or failed nodes, and giving each task a
 * container with an address on every network the service uses.
 */
import { localId, swarmId } from "../engine/ids";
import { err, ok, type Result } from "../engine/errors";
import { containerLogs } from "../engine/logs";
import type { World } from "../engine/world";
import type { ContainerState, NodeState, PortConfig, RestartPolicy, ServiceResources, ServiceState, SwarmState, TaskState } from "../model/state";
import { allocateEndpoint, findNetwork, learnOverlay, releaseEndpoint } from "../net/networks";
import { backendsChanged } from "../net/path";
import { requireManager } from "./cluster";
import { constraintsError, eligibleNodes, loadByNode, pickNode, spreadCandidates } from "./scheduler";
import { scheduleExit } from "./restart";
import { annotationsError } from "../engine/names";
import { checkReplicas } from "./limits";
import { expandHostname, hostnameTemplateError } from "./task-template";
import { changeSpec, DEFAULT_UPDATE_CONFIG, nextVersion, specOf, taskFailed, taskSpecKey } from "./update";

export interface ServiceSpec {
  name?: string;
  image: string;
  mode?: "replicated" | "global";
  replicas?: number;
  networks?: string[];
  ports?: PortConfig[];
  endpointMode?: "vip" | "dnsrr";
  constraints?: string[];
  env?: string[];
  labels?: Record<string, string>;
  args?: string[];
  hostname?: string;
  containerLabels?: Record<string, string>;
  resources?: ServiceResources;
  restartPolicy?: RestartPolicy;
  placementPrefs?: string[];
  maxReplicas?: number;
  /** Network reference (as given in `networks`) → aliases on it. */
  aliases?: Record<string, string[]>;
  updateConfig?: ServiceState["updateConfig"];
  rollbackConfig?: ServiceState["rollbackConfig"];
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

const NAMES = ["brave", "calm", "eager", "keen", "quirky", "sharp", "vivid", "zen"];
const SURNAMES = ["babbage", "hopper", "lamport", "liskov", "lovelace", "ritchie", "thompson", "turing"];

export function createService(world: World, fromHost: string, spec: ServiceSpec): Result<ServiceState> {
  const m = requireManager(world, fromHost);
  if (!m.ok) return m;
  const swarm = m.value.swarm;
  const name = spec.name ?? `${NAMES[world.rng.int(NAMES.length)]}_${SURNAMES[world.rng.int(SURNAMES.length)]}`;
  const networkIds: string[] = [];
  const aliases: Record<string, string[]> = {};
  let hostNetwork: "host" | "none" | undefined;
  for (const ref of spec.networks ?? []) {
    const net = findNetwork(world, fromHost, ref);
    if (!net.ok) return net;
    // moby's populateNetworkID: a predefined local network stands for the swarm's predefined one of that name.
    if (net.value.scope === "local" && (net.value.name === "host" || net.value.name === "none")) {
      hostNetwork = net.value.name;
      continue;
    }
    if (net.value.scope === "local" && net.value.name === "bridge") {
      return err({ code: "lab-unsupported", data: { message: "--network bridge for a service is not supported in this simulator (it models overlay networks, host and none)" } });
    }
    if (net.value.scope !== "swarm") return err({ code: "service-local-network", data: { name: ref } });
    networkIds.push(net.value.id);
    if (spec.aliases?.[ref]?.length) aliases[net.value.id] = spec.aliases[ref];
  }
  // swarmkit's validateServiceSpec order: the name (validateAnnotations), resources, placement, the container
  // spec (hostname template), endpoint; then the name's uniqueness.
  const badName = annotationsError(name);
  if (badName) return err({ code: "invalid-spec", data: { message: badName } });
  for (const r of [spec.resources?.limits, spec.resources?.reservations]) {
    if (r?.nanoCPUs && r.nanoCPUs < 1e6) return err({ code: "invalid-cpu-value", data: { cpus: r.nanoCPUs / 1e9 } });
    if (r?.memoryBytes && r.memoryBytes < 4 * 1024 * 1024) return err({ code: "invalid-memory-value", data: { bytes: r.memoryBytes } });
  }
  if ((spec.restartPolicy?.delay ?? 0) < 0) return err({ code: "invalid-spec", data: { message: "TaskSpec: restart-delay cannot be negative" } });
  if ((spec.restartPolicy?.window ?? 0) < 0) return err({ code: "invalid-spec", data: { message: "TaskSpec: restart-window cannot be negative" } });
  const badConstraint = constraintsError(spec.constraints ?? []);
  if (badConstraint) return err(badConstraint);
  const badHostname = spec.hostname ? hostnameTemplateError(spec.hostname) : null;
  if (badHostname) return err({ code: "invalid-spec", data: { message: badHostname } });
  const badUpdate = spec.updateConfig && updateConfigError(spec.updateConfig);
  if (badUpdate) return err({ code: "invalid-spec", data: { message: badUpdate } });
  const endpointMode = spec.endpointMode ?? "vip";
  const given = spec.ports ?? [];
  if (endpointMode === "dnsrr" && given.some((p) => p.publishMode === "ingress")) return err({ code: "ingress-dnsrr" });
  const mode = spec.mode ?? "replicated";
  const limited = checkReplicas(swarm, { id: "", mode }, spec.replicas ?? 1);
  if (!limited.ok) return limited;
  if (Object.values(swarm.services).some((s) => s.name === name)) return err({ code: "service-name-taken", data: { name } });
  for (const p of given) {
    if (p.publishedPort === 0) continue;
    for (const other of Object.values(swarm.services)) {
      const clash = other.ports.find((q) => q.publishedPort === p.publishedPort && q.protocol === p.protocol && (q.publishMode === "ingress" || p.publishMode === "ingress"));
      if (clash) return err({ code: "port-in-use", data: { port: p.publishedPort, service: other.name, id: other.id, mode: clash.publishMode } });
    }
  }
  const ports = assignPublishedPorts(swarm, given);

  const service: ServiceState = {
    id: swarmId(world.rng),
    name,
    image: spec.image.includes(":") ? spec.image : `${spec.image}:latest`,
    mode: spec.mode ?? "replicated",
    replicas: spec.mode === "global" ? 0 : (spec.replicas ?? 1),
    networks: networkIds,
    ...(hostNetwork ? { hostNetwork } : {}),
    ports,
    endpointMode,
    constraints: spec.constraints ?? [],
    env: spec.env ?? [],
    labels: spec.labels ?? {},
    args: spec.args ?? [],
    ...(spec.hostname ? { hostname: spec.hostname } : {}),
    ...(spec.containerLabels && Object.keys(spec.containerLabels).length ? { containerLabels: spec.containerLabels } : {}),
    ...(spec.resources ? { resources: spec.resources } : {}),
    ...(spec.restartPolicy ? { restartPolicy: spec.restartPolicy } : {}),
    ...(spec.placementPrefs?.length ? { placementPrefs: spec.placementPrefs } : {}),
    ...(spec.maxReplicas ? { maxReplicas: spec.maxReplicas } : {}),
    ...(Object.keys(aliases).length ? { aliases } : {}),
    forceUpdate: 0,
    updateConfig: { ...(spec.updateConfig ?? DEFAULT_UPDATE_CONFIG) },
    rollbackConfig: { ...(spec.rollbackConfig ?? DEFAULT_UPDATE_CONFIG) },
    vips: {},
    createdAt: world.state.now,
    updatedAt: world.state.now,
    version: nextVersion(swarm),
  };
  // A VIP per network in vip mode, and on ingress when a port is published through the routing mesh.
  const vipNetworks = [...(ports.some((p) => p.publishMode === "ingress") ? [ingressOf(swarm)] : []), ...networkIds];
  if (endpointMode === "vip") {
    for (const netId of vipNetworks) {
      const vip = allocateEndpoint(swarm.networks[netId], service.id);
      if (!vip.ok) return vip;
      service.vips[netId] = vip.value;
    }
  }
  swarm.services[service.id] = service;
  world.announce({ type: "service.created", serviceId: service.id, name: service.name });
  reconcile(world, swarm);
  return ok(service);
}

/** swarmkit's validateUpdate (only the update config is checked, not the rollback one). */
function updateConfigError(c: ServiceState["updateConfig"]): string | null {
  if (c.delay < 0) return "TaskSpec: update-delay cannot be negative";
  if (c.monitor < 0) return "TaskSpec: update-monitor cannot be negative";
  if (c.maxFailureRatio < 0 || c.maxFailureRatio > 1) return "TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1";
  return null;
}

/** swarmkit's port allocator: an ingress port published as 0 gets the first free one from 30000 (to 32767). */
function assignPublishedPorts(swarm: SwarmState, ports: PortConfig[]): PortConfig[] {
  const used = new Set(Object.values(swarm.services).flatMap((s) => s.ports.map((p) => `${p.protocol}/${p.publishedPort}`)));
  for (const p of ports) used.add(`${p.protocol}/${p.publishedPort}`);
  return ports.map((p) => {
    if (p.publishedPort !== 0 || p.publishMode !== "ingress") return p;
    let port = 30000;
    while (used.has(`${p.protocol}/${port}`) && port < 32767) port++;
    used.add(`${p.protocol}/${port}`);
    return { ...p, publishedPort: port };
  });
}

function ingressOf(swarm: SwarmState): string {
  return Object.values(swarm.networks).find((n) => n.ingress)!.id;
}

/** Networks a task of the service attaches to: ingress first when it publishes through the mesh. */
function taskNetworks(swarm: SwarmState, service: ServiceState): string[] {
  return [...(service.ports.some((p) => p.publishMode === "ingress") ? [ingressOf(swarm)] : []), ...service.networks];
}

function hostOfNode(world: World, node: NodeState) {
  return world.state.hosts[node.hostname];
}

/**
 * A new task on `node`: running at once, "starting" when a rolling update brings it up over time, or
 * "ready" (desired too) when it replaces an ended task and waits out the restart delay.
 */
export function startTask(world: World, swarm: SwarmState, service: ServiceState, slot: number | null, node: NodeState, state: "running" | "starting" | "ready" = "running"): TaskState {
  const task: TaskState = {
    id: swarmId(world.rng),
    serviceId: service.id,
    slot,
    nodeId: node.id,
    desiredState: state === "ready" ? "ready" : "running",
    state,
    stateAt: world.state.now,
    error: null,
    containerId: null,
    addresses: {},
    createdAt: world.state.now,
    image: service.image,
    spec: taskSpecKey(service),
    constraints: [...service.constraints],
  };
  for (const netId of taskNetworks(swarm, service)) {
    const ip = allocateEndpoint(swarm.networks[netId], task.id);
    if (ip.ok) task.addresses[netId] = ip.value;
    learnOverlay(hostOfNode(world, node), swarm.networks[netId]);
  }
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
  hostOfNode(world, node).containers[id] = container;
  task.containerId = id;
  swarm.tasks[task.id] = task;
  backendsChanged();
  world.announce({ type: "task.scheduled", taskId: task.id, serviceId: service.id, nodeId: node.id });
  world.announce({ type: "task.state", taskId: task.id, serviceId: service.id, nodeId: node.id, from: null, to: task.state });
  world.announce({ type: "container.started", host: node.hostname, containerId: id, name: container.name, taskId: task.id });
  if (state === "running") scheduleExit(swarm, service, task, world.state.now);
  return task;
}

/** A starting (rolling update) or ready (restart delay over) task runs; a process that ends has its end timed. */
export function taskStarted(world: World, swarm: SwarmState, service: ServiceState, task: TaskState): void {
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
  if (reason === "failed") taskFailed(world, swarm, task);
}

function pendingTask(world: World, swarm: SwarmState, service: ServiceState, slot: number | null, error: string, inSlot: TaskState[]): void {
  const existing = inSlot.find((t) => t.state === "pending" && t.desiredState === "running");
  if (existing) {
    existing.error = error;
    return;
  }
  const task: TaskState = {
    id: swarmId(world.rng),
    serviceId: service.id,
    slot,
    nodeId: null,
    desiredState: "running",
    state: "pending",
    stateAt: world.state.now,
    error,
    containerId: null,
    addresses: {},
    createdAt: world.state.now,
    image: service.image,
    spec: taskSpecKey(service),
    constraints: [...service.constraints],
  };
  swarm.tasks[task.id] = task;
  world.announce({ type: "task.state", taskId: task.id, serviceId: service.id, nodeId: null, from: null, to: "pending" });
}

/** A task that holds its slot: running, starting as a rolling update's replacement, or ready as a restart's. */
export const isUp = (t: TaskState) => t.state === "running" || t.state === "starting" || t.state === "ready";

/** What the orchestrator counts as a slot's task: a live one that is up, or an ended one not to be restarted. */
export const holdsSlot = (t: TaskState) => (t.desiredState !== "shutdown" && isUp(t)) || t.final === true;

/** Brings every service of the swarm to its desired state. Deterministic: services and slots in order. */
export function reconcile(world: World, swarm: SwarmState): void {
  const nodesReady = (n: NodeState | undefined) => n && n.status === "ready" && n.availability !== "drain";
  // Tasks on nodes that are down or drained stop; their slots are filled again below.
  for (const t of Object.values(swarm.tasks)) {
    if (t.desiredState === "shutdown" || !isUp(t)) continue;
    if (!nodesReady(swarm.nodes[t.nodeId ?? ""])) stopTask(world, swarm, t, swarm.nodes[t.nodeId ?? ""]?.status === "down" ? "failed" : "shutdown");
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

export function scaleService(world: World, fromHost: string, ref: string, replicas: number): Result<ServiceState> {
  const m = requireManager(world, fromHost);
  if (!m.ok) return m;
  const found = findService(m.value.swarm, ref);
  if (!found.ok) return found;
  // `docker service scale` sends a whole new spec, so a rollback afterwards restores the old count.
  return changeSpec(world, m.value.swarm, found.value, { ...specOf(found.value), replicas });
}

export function removeService(world: World, fromHost: string, ref: string): Result<ServiceState> {
  const m = requireManager(world, fromHost);
  if (!m.ok) return m;
  const swarm = m.value.swarm;
  const found = findService(swarm, ref);
  if (!found.ok) return found;
  for (const t of Object.values(swarm.tasks).filter((t) => t.serviceId === found.value.id)) {
    if (isUp(t)) stopTask(world, swarm, t);
    delete swarm.tasks[t.id];
  }
  for (const [netId, vip] of Object.entries(found.value.vips)) releaseEndpoint(swarm.networks[netId], vip);
  delete swarm.services[found.value.id];
  world.announce({ type: "service.removed", serviceId: found.value.id, name: found.value.name });
  return ok(found.value);
}

/** Tasks of a service as `docker service ps` lists them: by slot (or node), newest first within a slot. */
export function serviceTasks(swarm: SwarmState, serviceId: string): TaskState[] {
  return Object.values(swarm.tasks)
    .filter((t) => t.serviceId === serviceId)
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || (a.nodeId ?? "").localeCompare(b.nodeId ?? "") || b.createdAt - a.createdAt || (a.desiredState === "running" ? -1 : 1));
}

export function setAvailability(world: World, fromHost: string, ref: string, availability: NodeState["availability"]): Result<NodeState> {
  const m = requireManager(world, fromHost);
  if (!m.ok) return m;
  const node = Object.values(m.value.swarm.nodes).find((n) => n.id === ref || n.hostname === ref);
  if (!node) return err({ code: "node-not-found", data: { ref } });
  if (node.availability !== availability) {
    node.availability = availability;
    world.announce({ type: "node.availability", nodeId: node.id, hostname: node.hostname, availability });
  }
  reconcile(world, m.value.swarm);
  return ok(node);
}

/** A host losing power (or its engine): its node goes Down and its tasks are rescheduled elsewhere. */
export function setHostUp(world: World, hostName: string, up: boolean): Result<null> {
  const host = world.host(hostName);
  if (!host.ok) return host;
  host.value.up = up;
  for (const swarm of Object.values(world.state.swarms)) {
    const node = host.value.nodeId ? swarm.nodes[host.value.nodeId] : undefined;
    if (!node) continue;
    const status = up ? "ready" : "down";
    if (node.status !== status) {
      node.status = status;
      world.announce({ type: "node.state", nodeId: node.id, hostname: node.hostname, state: status });
    }
    if (!up && node.leader) {
      node.leader = false;
      const next = Object.values(swarm.nodes).find((n) => n.role === "manager" && n.status === "ready");
      if (next) next.leader = true;
    }
    reconcile(world, swarm);
  }
  return ok(null);
}

