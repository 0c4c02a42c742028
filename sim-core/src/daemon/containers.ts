/**
 * Standalone containers (`docker run`): on the default bridge, user bridges, or attachable overlays of
 * the host's swarm; Docker's name and lookup rules; start failure on a non-attachable overlay.
 */
import { endpointId, localId } from "../engine/ids";
import { stopExitCode } from "../engine/images";
import { nodeOf, swarmOf } from "../engine/lookup";
import { VALID_CONTAINER_NAME } from "../engine/names";
import { err, ok, type EndpointProblem, type Result } from "../engine/errors";
import type { World } from "../engine/world";
import type { ContainerPort, ContainerState, EndpointConfig } from "../model/state";
import { contains, parseCidr, parseIp } from "../net/ipam";
import { nodeEndpointsChanged } from "../net/lb";
import { allocateEndpoint, claimEndpoint, joinable, learnOverlay, networkById, releaseEndpoint, type Network } from "../net/networks";

export { networkById };

export interface RunSpec {
  name?: string;
  image: string;
  /** Network names or IDs; the default bridge when empty. */
  networks?: string[];
  hostname?: string;
  command?: string[];
  env?: string[];
  labels?: Record<string, string>;
  ports?: ContainerPort[];
}

/** A standalone container joined or left overlays: the node's load-balancer endpoints follow (net/lb). */
function overlaysChanged(world: World, hostName: string, networkIds: readonly string[]): void {
  const swarm = swarmOf(world, hostName);
  const node = nodeOf(world, hostName);
  if (swarm && node && networkIds.some((id) => swarm.networks[id])) nodeEndpointsChanged(world, swarm, node.id);
}

const ADJECTIVES = ["admiring", "bold", "clever", "dazzling", "elegant", "festive", "gallant", "happy"];
const NAMES = ["bell", "curie", "dijkstra", "euler", "feynman", "gauss", "hamilton", "kepler"];

function resolveNetwork(world: World, hostName: string, ref: string): Result<Network> {
  const all = joinable(world, hostName);
  const hit = all.find((n) => n.id === ref) ?? all.find((n) => n.name === ref) ?? all.filter((n) => ref && n.id.startsWith(ref)).at(0);
  return hit ? ok(hit) : err({ code: "network-not-found", data: { ref } });
}

/** Docker's container lookup: full ID, exact name, then a unique ID prefix. */
export function findContainer(world: World, hostName: string, ref: string): Result<ContainerState> {
  const all = Object.values(world.state.hosts[hostName]?.containers ?? {});
  const hit = all.find((c) => c.id === ref) ?? all.find((c) => c.name === ref || c.name === ref.replace(/^\//, ""));
  if (hit) return ok(hit);
  const byPrefix = ref ? all.filter((c) => c.id.startsWith(ref)) : [];
  if (byPrefix.length === 1) return ok(byPrefix[0]);
  return err({ code: "no-such-container", data: { ref } });
}

/**
 * Creates and starts a container. When it cannot start (a non-attachable overlay), it stays "created",
 * as Docker leaves it, and the error says why.
 */
export function runContainer(world: World, hostName: string, spec: RunSpec): Result<ContainerState> {
  const host = world.host(hostName);
  if (!host.ok) return host;
  const containers = Object.values(host.value.containers);
  // moby's reserveName: the name as given (a leading `/` allowed) against RestrictedNamePattern.
  if (spec.name !== undefined && !VALID_CONTAINER_NAME.test(spec.name)) return err({ code: "container-name-invalid", data: { name: spec.name } });
  const name = spec.name?.replace(/^\//, "") ?? `${ADJECTIVES[world.rng.int(ADJECTIVES.length)]}_${NAMES[world.rng.int(NAMES.length)]}`;
  const clash = containers.find((c) => c.name === name);
  if (clash) return err({ code: "container-name-taken", data: { name, id: clash.id } });

  const nets: Network[] = [];
  for (const ref of spec.networks?.length ? spec.networks : ["bridge"]) {
    const net = resolveNetwork(world, hostName, ref);
    if (!net.ok) return net;
    nets.push(net.value);
  }
  const id = localId(world.rng);
  const container: ContainerState = {
    id,
    name,
    image: spec.image.includes(":") ? spec.image : `${spec.image}:latest`,
    hostname: id.slice(0, 12),
    taskId: null,
    state: "created",
    addresses: {},
    createdAt: world.state.now,
  };
  container.networks = nets.map((n) => n.id);
  if (spec.hostname) container.hostname = spec.hostname;
  if (spec.command?.length) container.command = spec.command;
  if (spec.env?.length) container.env = spec.env;
  if (spec.labels && Object.keys(spec.labels).length) container.labels = spec.labels;
  host.value.containers[id] = container;
  if (spec.ports?.length) {
    // A host port is bound once per address (0.0.0.0 covers them all); the container is created but not started.
    for (const p of spec.ports) {
      const taken = containers.some((c) => c.state === "running" && c.ports?.some((q) => q.hostPort === p.hostPort && q.protocol === p.protocol && (q.hostIp === p.hostIp || q.hostIp === "0.0.0.0" || p.hostIp === "0.0.0.0")));
      if (taken) return err({ code: "port-allocated", data: { name, endpoint: endpointId("bridge", id), hostIp: p.hostIp, hostPort: p.hostPort } });
    }
    container.ports = spec.ports;
  }
  const blocked = nets.find((n) => n.scope === "swarm" && !n.attachable);
  if (blocked) return err({ code: "not-attachable", data: { network: blocked.name } });
  for (const net of nets) {
    if (net.driver === "host" || net.driver === "null") continue;
    const ip = allocateEndpoint(net, id);
    if (!ip.ok) return ip;
    container.addresses[net.id] = ip.value;
    learnOverlay(host.value, net);
  }
  container.state = "running";
  overlaysChanged(world, hostName, Object.keys(container.addresses));
  world.announce({ type: "container.started", host: hostName, containerId: id, name, taskId: null });
  return ok(container);
}

/** Starts a stopped standalone container again on the networks it was created with. */
export function startContainer(world: World, hostName: string, ref: string): Result<ContainerState> {
  const found = findContainer(world, hostName, ref);
  if (!found.ok) return found;
  const c = found.value;
  if (c.state === "running") return ok(c);
  for (const netId of c.networks ?? []) {
    const net = networkById(world, hostName, netId);
    if (!net) return err({ code: "network-not-found", data: { ref: netId } });
    if (net.scope === "swarm" && !net.attachable) return err({ code: "not-attachable", data: { network: net.name } });
  }
  for (const netId of c.networks ?? []) {
    const net = networkById(world, hostName, netId)!;
    if (net.driver === "host" || net.driver === "null") continue;
    const ip = endpointAddress(net, c);
    if (!ip.ok) return ip;
    c.addresses[net.id] = ip.value;
    learnOverlay(world.state.hosts[hostName], net);
  }
  c.state = "running";
  if (!c.taskId) overlaysChanged(world, hostName, Object.keys(c.addresses));
  delete c.exitCode;
  delete c.finishedAt;
  world.announce({ type: "container.started", host: hostName, containerId: c.id, name: c.name, taskId: c.taskId });
  return ok(c);
}

/**
 * The overlay tutorial's "stop alpine2 … test-net was removed" on host2: a worker drops an attachable
 * overlay once its last standalone container there leaves it and nothing else on the host uses it.
 */
function forgetUnusedOverlays(world: World, hostName: string, networkIds: string[]): void {
  const host = world.state.hosts[hostName];
  const node = nodeOf(world, hostName);
  if (!host.overlays || !node || node.role === "manager") return;
  const inUse = new Set(Object.values(host.containers).flatMap((x) => Object.keys(x.addresses)));
  host.overlays = host.overlays.filter((id) => !networkIds.includes(id) || inUse.has(id));
}

/**
 * The main processes that run in the background of the simulator (a detached `docker run`'s command), by
 * container: the daemon ends one when its container stops or goes. Not state: a restored world has none.
 */
const processes = new WeakMap<ContainerState, AbortController>();

/** Whether a main process runs for the container in the simulator (none after a restore until resumed). */
export const hasProcess = (container: ContainerState): boolean => processes.has(container);

/** Ties a running main process to its container: stopping or removing the container aborts it. */
export function attachProcess(container: ContainerState, process: AbortController): void {
  processes.get(container)?.abort("SIGKILL");
  processes.set(container, process);
}

export function stopContainer(world: World, hostName: string, ref: string): Result<ContainerState> {
  const found = findContainer(world, hostName, ref);
  if (!found.ok) return found;
  const c = found.value;
  const process = processes.get(c);
  if (process) {
    processes.delete(c);
    process.abort("SIGKILL");
  }
  const left = Object.keys(c.addresses);
  for (const [netId, ip] of Object.entries(c.addresses)) releaseEndpoint(networkById(world, hostName, netId), ip);
  c.addresses = {};
  if (!c.taskId) forgetUnusedOverlays(world, hostName, left);
  if (!c.taskId) overlaysChanged(world, hostName, left);
  if (c.state === "running") {
    world.announce({ type: "container.stopped", host: hostName, containerId: c.id, name: c.name, taskId: c.taskId });
    c.exitCode = stopExitCode(c.image, "stop");
    c.finishedAt = world.state.now;
  }
  c.state = "exited";
  return ok(c);
}

/** The container's main process ended (a one-shot command, or a shell without a terminal): it exits with its code. */
export function exitContainer(world: World, hostName: string, id: string, code: number): ContainerState | null {
  const c = world.state.hosts[hostName]?.containers[id];
  if (!c) return null;
  stopContainer(world, hostName, id);
  c.exitCode = code;
  c.finishedAt = world.state.now;
  return c;
}

export function removeContainer(world: World, hostName: string, ref: string): Result<ContainerState> {
  const stopped = stopContainer(world, hostName, ref);
  if (!stopped.ok) return stopped;
  delete world.state.hosts[hostName].containers[stopped.value.id];
  return ok(stopped.value);
}

/** `docker network connect`: a running container joins one more network (overlays must be attachable). */
/** A container's address on a network: the one it asked for with `--ip`, else the next free one. */
function endpointAddress(net: Network, c: ContainerState): Result<string> {
  const wanted = c.endpointConfig?.[net.id]?.ipv4;
  return wanted ? claimEndpoint(net, c.id, wanted) : allocateEndpoint(net, c.id);
}

/** moby's validateEndpointSettings: static addresses and aliases need a user-defined network, `--ip` its subnet. */
function endpointProblems(net: Network, config: EndpointConfig): EndpointProblem[] {
  const problems: EndpointProblem[] = [];
  if (["bridge", "host", "none"].includes(net.name) && net.scope === "local") {
    if (config.ipv4) problems.push({ kind: "ip-predefined" });
    if (config.aliases?.length) problems.push({ kind: "alias-predefined" });
  }
  const subnet = parseCidr(net.subnet ?? "");
  const ip = config.ipv4 ? parseIp(config.ipv4) : null;
  if (config.ipv4 && (!subnet.ok || ip === null || !contains(subnet.value, ip))) problems.push({ kind: "ip-outside", ip: config.ipv4 });
  return problems;
}

/** `docker network connect [--ip] [--alias] [--gw-priority]`: a stopped container takes it up when it starts. */
export function connectContainer(world: World, hostName: string, networkRef: string, containerRef: string, config: EndpointConfig = {}): Result<ContainerState> {
  const net = resolveNetwork(world, hostName, networkRef);
  if (!net.ok) return net;
  const found = findContainer(world, hostName, containerRef);
  if (!found.ok) return found;
  const c = found.value;
  const problems = endpointProblems(net.value, config);
  if (problems.length) return err({ code: "invalid-endpoint-settings", data: { problems } });
  if (c.networks?.includes(net.value.id)) return err({ code: "endpoint-exists", data: { container: c.name, network: net.value.name } });
  if (net.value.scope === "swarm" && !net.value.attachable) return err({ code: "not-attachable", data: { network: net.value.name } });
  if (config.aliases?.length || config.ipv4 || config.gwPriority) c.endpointConfig = { ...c.endpointConfig, [net.value.id]: config };
  if (c.state === "running" && net.value.driver !== "host" && net.value.driver !== "null") {
    const ip = endpointAddress(net.value, c);
    if (!ip.ok) {
      if (c.endpointConfig) delete c.endpointConfig[net.value.id];
      return ip;
    }
    c.addresses[net.value.id] = ip.value;
    learnOverlay(world.state.hosts[hostName], net.value);
    if (!c.taskId) overlaysChanged(world, hostName, [net.value.id]);
  }
  c.networks = [...(c.networks ?? []), net.value.id];
  return ok(c);
}

export function disconnectContainer(world: World, hostName: string, networkRef: string, containerRef: string): Result<ContainerState> {
  const net = resolveNetwork(world, hostName, networkRef);
  if (!net.ok) return net;
  const found = findContainer(world, hostName, containerRef);
  if (!found.ok) return found;
  const c = found.value;
  if (!c.networks?.includes(net.value.id)) return err({ code: "not-connected", data: { id: c.id, network: net.value.name } });
  releaseEndpoint(net.value, c.addresses[net.value.id]);
  delete c.addresses[net.value.id];
  if (c.endpointConfig) delete c.endpointConfig[net.value.id];
  c.networks = c.networks.filter((id) => id !== net.value.id);
  if (!c.taskId) overlaysChanged(world, hostName, [net.value.id]);
  return ok(c);
}

/**
 * `docker rename` (moby daemon/rename.go): the name is the embedded DNS name too, so the container
 * answers to its new name at once. Task containers may be renamed as well; the swarm keeps them by ID.
 */
export function renameContainer(world: World, hostName: string, ref: string, newName: string): Result<ContainerState> {
  const found = findContainer(world, hostName, ref.trim());
  if (!found.ok) return found;
  const c = found.value;
  const name = newName.trim().replace(/^\//, "");
  if (name === c.name) return err({ code: "container-rename-same" });
  if (!VALID_CONTAINER_NAME.test(name)) return err({ code: "container-rename-invalid", data: { name: `/${name}` } });
  const clash = Object.values(world.state.hosts[hostName].containers).find((x) => x.name === name);
  if (clash) return err({ code: "container-rename-taken", data: { name, id: clash.id } });
  c.name = name;
  return ok(c);
}
