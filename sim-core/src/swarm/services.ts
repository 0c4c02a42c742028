/**
 * Services: create, scale and remove (swarmkit's controlapi), a node's availability and a host going up or
 * down. The tasks' lives (tasks.ts), the reconciler (reconcile.ts), restarts (restart.ts) and rolling
 * updates (rollout.ts, update.ts) sit below and beside it; this module only calls down.
 */
import { swarmId } from "../engine/ids";
import { err, ok, type Result } from "../engine/errors";
import { annotationsError } from "../engine/names";
import { pinImage } from "../engine/images";
import type { World } from "../engine/world";
import type { NodeState, PortConfig, RestartPolicy, ServiceResources, ServiceState, SwarmState } from "../model/state";
import { lbBatch } from "../net/lb";
import { allocateEndpoint, findNetwork, releaseEndpoint } from "../net/networks";
import { requireManager } from "./cluster";
import { checkReplicas } from "./limits";
import { reconcile } from "./reconcile";
import { constraintsError } from "./scheduler";
import { DEFAULT_UPDATE_CONFIG, findService, isUp, nextVersion, specOf } from "./spec";
import { ingressOf, stopTask } from "./tasks";
import { hostnameTemplateError } from "./task-template";
import { changeSpec } from "./update";

export { containerName, findService, holdsSlot, isUp, serviceTasks, taskName } from "./spec";
export { startTask, stopTask, taskStarted } from "./tasks";
export { reconcile } from "./reconcile";

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
  /** Ask the registry and pin the image to its digest, as the CLI has the daemon do (not with `--no-resolve-image`). */
  resolveImage?: boolean;
}

/** An image reference with its tag (`nginx` → `nginx:latest`), as the service keeps it. */
const named = (image: string) => (image.slice(image.lastIndexOf("/") + 1).includes(":") || image.includes("@") ? image : `${image}:latest`);

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
    // The daemon pins the image to the digest the registry gives, when asked to resolve it (the CLI asks
    // unless --no-resolve-image; the domain API leaves images as given).
    image: spec.resolveImage ? pinImage(named(spec.image)) : named(spec.image),
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
  lbBatch(world, swarm, () => {
    for (const t of Object.values(swarm.tasks).filter((t) => t.serviceId === found.value.id)) {
      if (isUp(t)) stopTask(world, swarm, t);
      delete swarm.tasks[t.id];
    }
  });
  for (const [netId, vip] of Object.entries(found.value.vips)) releaseEndpoint(swarm.networks[netId], vip);
  delete swarm.services[found.value.id];
  world.announce({ type: "service.removed", serviceId: found.value.id, name: found.value.name });
  return ok(found.value);
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
