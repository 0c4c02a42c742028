/**
 * Networks: each engine's local ones (bridge, host, none, docker_gwbridge, user bridges) and the swarm's
 * overlays (ingress and user overlays), with Docker's default IPAM, VNIs, lookups and daemon errors.
 */
import { annotationsError } from "../engine/names";
import { naturalOrder } from "../engine/lookup";
import { attachmentTaskId, endpointId, localId, swarmId, truncateId } from "../engine/ids";
import { err, ok, type NetworkConfigProblem, type Result, type SimError } from "../engine/errors";
import { networkRecord, type World } from "../engine/world";
import type { HostState, LocalNetwork, Network, NetworkBase, SwarmNetwork, SwarmState } from "../model/state";
import { requireManager, swarmOf } from "../engine/lookup";
import { AddressSpace, allocateSubnet, claimSubnet, formatCidr, formatIp, GLOBAL_POOLS, LOCAL_POOLS, mask, netipParsePrefix, overlaps, parseCidr, parseIp, type Cidr } from "./ipam";

export type { Network };

/** VXLAN IDs start here (libnetwork overlay manager): ingress 4096, the first user overlay 4097. */
export const VNI_START = 4096;
export const OVERLAY_MTU = 1450;
const PREDEFINED = new Set(["bridge", "host", "none", "default"]);

export interface NetworkSpec {
  name: string;
  driver?: string;
  subnet?: string;
  gateway?: string;
  /** `--ip-range`: a part of the subnet containers get their addresses from. */
  ipRange?: string;
  /** `--aux-address`: name → an address of the subnet IPAM must never hand out. */
  auxAddresses?: Record<string, string>;
  /** `--ipam-driver`: only Docker's built-in "default" exists here. */
  ipamDriver?: string;
  /** `--ipam-opt`; the CLI always sends a map, so a network it creates shows `{}`. */
  ipamOptions?: Record<string, string>;
  /** `--ipv4=false` (absent: enabled). */
  ipv4?: boolean;
  /** `--scope`: "local" or "swarm" (absent: the driver's own). */
  scope?: string;
  attachable?: boolean;
  internal?: boolean;
  ingress?: boolean;
  labels?: Record<string, string>;
  options?: Record<string, string>;
}

/** Drivers the engine models; anything else is a plugin the daemon cannot find (the CLI refuses macvlan and ipvlan first). */
const BUILTIN_DRIVERS = new Set(["bridge", "overlay", "host", "null"]);

/**
 * moby's validateIpamConfig (daemon/network.go), run for every network before anything is created: host
 * bits in the subnet or the range, a range bigger than or outside its subnet. The CLI has already matched
 * the gateway and aux addresses to the subnet.
 */
export function validateIpam(spec: NetworkSpec): Result<null> {
  if (!spec.subnet) return ok(null);
  const subnet = netipParsePrefix(spec.subnet);
  // The engine reads the request's subnet as a netip.Prefix: text that is not one fails to decode.
  if (typeof subnet === "string") return err({ code: "invalid-json", data: { cause: subnet } });
  const problems: NetworkConfigProblem[] = [];
  const masked = { base: (subnet.ip & mask(subnet.prefix)) >>> 0, prefix: subnet.prefix };
  if (masked.base !== subnet.ip) problems.push({ kind: "subnet-host-bits", subnet: spec.subnet, masked: formatCidr(masked) });
  const range = spec.ipRange ? netipParsePrefix(spec.ipRange) : null;
  if (range && typeof range !== "string") {
    const r = { base: (range.ip & mask(range.prefix)) >>> 0, prefix: range.prefix };
    if (range.prefix < subnet.prefix) problems.push({ kind: "range-bigger", range: spec.ipRange!, subnet: spec.subnet });
    if (r.base !== range.ip) problems.push({ kind: "range-host-bits", range: spec.ipRange!, masked: formatCidr(r) });
    if (!overlaps(r, masked)) problems.push({ kind: "range-outside", range: spec.ipRange!, subnet: spec.subnet });
  }
  return problems.length ? err({ code: "invalid-network-config", data: { problems } }) : ok(null);
}

/**
 * The gateway and reserved addresses of a new network (libnetwork ipamAllocate): the given gateway, else the
 * first free address of the range (or the subnet); then each aux address, which must not be taken already.
 */
function addressPlan(spec: NetworkSpec, subnet: Cidr): Result<Pick<NetworkBase, "gateway" | "ipRange" | "auxAddresses">> {
  const range = spec.ipRange ? parseCidr(spec.ipRange) : null;
  const first = Math.max(subnet.base + 1, range?.ok ? range.value.base : 0);
  const gateway = spec.gateway ?? formatIp(first);
  const aux = spec.auxAddresses ?? {};
  const clash = Object.entries(aux).find(([, ip]) => ip === gateway);
  if (clash) return err({ code: "aux-address-in-use", data: { name: clash[0], ip: clash[1] } });
  return ok({
    gateway,
    ...(range?.ok ? { ipRange: formatCidr(range.value) } : {}),
    ...(Object.keys(aux).length ? { auxAddresses: { ...aux } } : {}),
  });
}

const base = networkRecord;


const localSubnets = (host: HostState): Cidr[] =>
  Object.values(host.networks).flatMap((n) => {
    const c = n.subnet ? parseCidr(n.subnet) : null;
    return c?.ok ? [c.value] : [];
  });

const swarmSubnets = (swarm: SwarmState): Cidr[] =>
  Object.values(swarm.networks).flatMap((n) => {
    const c = n.subnet ? parseCidr(n.subnet) : null;
    return c?.ok ? [c.value] : [];
  });

function poolsOf(swarm: SwarmState) {
  const custom = swarm.defaultAddrPool.filter((p) => p !== "10.0.0.0/8");
  return custom.length ? custom.map((p) => ({ base: p, size: swarm.subnetSize })) : GLOBAL_POOLS.map((p) => ({ ...p, size: swarm.subnetSize }));
}

/** Called when a host joins or starts a swarm: its docker_gwbridge, and (on init) the ingress overlay. */
export function addSwarmNetworks(world: World, host: HostState, swarm: SwarmState, withIngress: boolean): void {
  if (!Object.values(host.networks).some((n) => n.name === "docker_gwbridge")) {
    const subnet = allocateSubnet(LOCAL_POOLS, localSubnets(host), "local");
    if (subnet.ok) {
      const gw: LocalNetwork = { ...base(localId(world.rng), "docker_gwbridge", world.state.now), driver: "bridge", scope: "local" };
      gw.subnet = formatCidr(subnet.value);
      gw.gateway = formatIp(subnet.value.base + 1);
      gw.options = {
        "com.docker.network.bridge.enable_icc": "false",
        "com.docker.network.bridge.enable_ip_masquerade": "true",
        "com.docker.network.bridge.name": "docker_gwbridge",
      };
      host.networks[gw.id] = gw;
      world.announce({ type: "network.created", networkId: gw.id, name: gw.name, driver: gw.driver, host: host.name });
    }
  }
  if (withIngress) {
    const created = createSwarmNetwork(world, swarm, { name: "ingress", ingress: true });
    if (!created.ok) throw new Error("a new swarm must be able to create its ingress network");
  }
  // Every node joins the routing mesh through its "ingress-sbox", which takes an address on ingress.
  const ingress = Object.values(swarm.networks).find((n) => n.ingress);
  if (ingress && host.nodeId && !Object.values(ingress.endpoints).includes(ingressSboxOwner(host.nodeId))) {
    allocateEndpoint(ingress, ingressSboxOwner(host.nodeId));
  }
}

export const ingressSboxOwner = (nodeId: string) => `ingress-sbox:${nodeId}`;

/** A node's address on the ingress network (the source address backends see behind the routing mesh). */
export function ingressAddressOf(swarm: SwarmState, nodeId: string): string | null {
  const ingress = Object.values(swarm.networks).find((n) => n.ingress);
  if (!ingress) return null;
  const owner = ingressSboxOwner(nodeId);
  return Object.entries(ingress.endpoints).find(([, o]) => o === owner)?.[0] ?? null;
}

function createSwarmNetwork(world: World, swarm: SwarmState, spec: NetworkSpec): Result<SwarmNetwork> {
  const existing = Object.values(swarm.networks);
  if (spec.ingress) {
    const ingress = existing.find((n) => n.ingress);
    if (ingress) return err({ code: "ingress-exists", data: { id: ingress.id } });
  }
  let subnet: Cidr;
  if (spec.subnet) {
    const parsed = parseCidr(spec.subnet);
    if (!parsed.ok) return err({ code: "pool-overlap" });
    // Swarmkit does not check overlays for overlap when they are created.
    subnet = parsed.value;
  } else {
    const allocated = allocateSubnet(poolsOf(swarm), swarmSubnets(swarm), "global");
    if (!allocated.ok) return err({ code: "pools-exhausted" });
    subnet = allocated.value;
  }
  // Swarmkit keeps no aux addresses (moby's BasicNetworkCreateToGRPC does not pass them on).
  const plan = addressPlan({ ...spec, auxAddresses: undefined }, subnet);
  if (!plan.ok) return plan;
  const net: SwarmNetwork = {
    ...base(swarmId(world.rng), spec.name, world.state.now),
    driver: "overlay",
    scope: "swarm",
    ingress: spec.ingress ?? false,
    vni: swarm.nextVni++,
    subnet: formatCidr(subnet),
    ...plan.value,
    attachable: spec.attachable ?? false,
    internal: spec.internal ?? false,
    labels: { ...spec.labels },
    options: { ...spec.options, "com.docker.network.driver.overlay.vxlanid_list": String(swarm.nextVni - 1) },
  };
  // Swarmkit's allocator adds its serial-allocation flag to IPAM options the user gave (none: null).
  if (spec.ipamOptions && Object.keys(spec.ipamOptions).length) net.ipamOptions = { ...spec.ipamOptions, "com.docker.network.ipam.serial": "true" };
  swarm.networks[net.id] = net;
  world.announce({ type: "network.created", networkId: net.id, name: net.name, driver: net.driver });
  return ok(net);
}

// Address spaces are derived from the saved endpoints once per network object and then kept in step.
const spaces = new WeakMap<Network, AddressSpace>();
function spaceOf(net: Network): AddressSpace | null {
  let space = spaces.get(net);
  if (!space) {
    const subnet = parseCidr(net.subnet ?? "");
    if (!subnet.ok) return null;
    const taken = [...Object.keys(net.endpoints), ...Object.values(net.auxAddresses ?? {})].map((ip) => parseIp(ip)!);
    const range = net.ipRange ? parseCidr(net.ipRange) : null;
    const cursor = net.nextIp ? (parseIp(net.nextIp) ?? undefined) : undefined;
    space = new AddressSpace(subnet.value, parseIp(net.gateway ?? "") ?? undefined, taken, cursor, range?.ok ? range.value : undefined);
    spaces.set(net, space);
  }
  return space;
}

/** Remembers that this host's engine now has an endpoint on the overlay. */
export function learnOverlay(host: HostState, net: Network): void {
  if (net.scope !== "swarm") return;
  host.overlays ??= [];
  if (!host.overlays.includes(net.id)) host.overlays.push(net.id);
}

/** Takes the next free address on an overlay for `owner` (a service's VIP, a task, a container). */
export function allocateEndpoint(net: Network, owner: string): Result<string> {
  const ip = spaceOf(net)?.allocate();
  if (!ip?.ok) return err({ code: "pools-exhausted" });
  const text = formatIp(ip.value);
  net.endpoints[text] = owner;
  net.nextIp = formatIp(spaceOf(net)!.next);
  return ok(text);
}

/** Takes the address `ip` on the network for `owner` (`--ip`): Docker's "Address already in use" when it is not free. */
export function claimEndpoint(net: Network, owner: string, ip: string): Result<string> {
  const claimed = spaceOf(net)?.claim(parseIp(ip) ?? -1);
  if (!claimed?.ok) return err({ code: "address-in-use" });
  net.endpoints[ip] = owner;
  return ok(ip);
}

export function releaseEndpoint(net: Network | undefined, ip: string | undefined): void {
  if (!net || !ip || !(ip in net.endpoints)) return;
  spaceOf(net)?.release(parseIp(ip)!);
  delete net.endpoints[ip];
}

/** The networks `docker network ls` shows on a host: its own, and the swarm's where the host can see them. */
export function visibleNetworks(world: World, hostName: string): Network[] {
  const host = world.state.hosts[hostName];
  if (!host) return [];
  const swarm = swarmOf(world, hostName);
  const isManager = swarm && host.nodeId && swarm.nodes[host.nodeId]?.role === "manager";
  // A worker lists an overlay while something of its own uses it (a task's since then, a standalone container until it stops); ingress is everywhere.
  const learned = new Set(host.overlays ?? []);
  const overlays = swarm ? Object.values(swarm.networks).filter((n) => isManager || n.ingress || learned.has(n.id)) : [];
  return [...Object.values(host.networks), ...overlays].sort(
    (a, b) => naturalOrder(a.name, b.name) || a.id.localeCompare(b.id),
  );
}

/** Docker's lookup (findUniqueNetwork): full ID, then exact name, then a unique ID prefix. */
export function findNetwork(world: World, hostName: string, ref: string): Result<Network> {
  const all = visibleNetworks(world, hostName);
  const byId = all.find((n) => n.id === ref);
  if (byId) return ok(byId);
  const byName = all.filter((n) => n.name === ref);
  if (byName.length === 1) return ok(byName[0]);
  if (byName.length > 1) return err({ code: "network-ambiguous", data: { ref, matches: byName.length, by: "name" } });
  const byPrefix = ref ? all.filter((n) => n.id.startsWith(ref)) : [];
  if (byPrefix.length === 1) return ok(byPrefix[0]);
  if (byPrefix.length > 1) return err({ code: "network-ambiguous", data: { ref, matches: byPrefix.length, by: "id" } });
  return err({ code: "network-not-found", data: { ref } });
}

/**
 * `docker network create` as the daemon handles it: the name checks, moby's IPAM validation, the driver
 * (a plugin it cannot find otherwise), the scope rules of libnetwork's NewNetwork, then the subnet from the
 * request or the default pools, its gateway and reserved addresses.
 */
export function createNetwork(world: World, hostName: string, spec: NetworkSpec): Result<Network> {
  const host = world.host(hostName);
  if (!host.ok) return host;
  const driver = spec.driver ?? "bridge";
  // A swarm-scoped bridge (`--scope swarm -d bridge`) is not modelled: the command refuses it first.
  const swarmScoped = driver === "overlay";

  if (driver === "overlay") {
    // No swarm or a worker: the daemon gives the same refusal either way.
    const m = requireManager(world, hostName);
    if (!m.ok) return err({ code: "not-swarm-manager" });
  }
  if (PREDEFINED.has(spec.name)) return err({ code: "network-predefined-create", data: { name: spec.name, swarm: swarmScoped } });
  if (visibleNetworks(world, hostName).some((n) => n.name === spec.name)) return err({ code: "network-name-taken", data: { name: spec.name } });
  const valid = validateIpam(spec);
  if (!valid.ok) return valid;
  if (!BUILTIN_DRIVERS.has(driver)) return err({ code: "plugin-not-found", data: { name: driver } });
  if (driver === "overlay" && spec.scope === "local") return err({ code: "scope-downgrade", data: { driver } });
  if (swarmScoped) {
    const m = requireManager(world, hostName);
    if (!m.ok) return err({ code: m.error.code === "worker-not-manager" ? "swarm-scope-worker" : "swarm-scope-inactive" });
    if (spec.ipv4 === false) return err({ code: "swarm-ipv4" });
    // swarmkit's validateNetworkSpec: an attachable ingress, the name (validateAnnotations), the drivers;
    // only then does CreateNetwork look for an ingress already there.
    if (spec.ingress && spec.attachable) return err({ code: "ingress-attachable" });
    const badName = annotationsError(spec.name);
    if (badName) return err({ code: "invalid-spec", data: { message: badName } });
    const ipam = spec.ipamDriver ?? "default";
    if (ipam.toLowerCase() !== "default") return err({ code: "swarm-plugin-lookup", data: { name: ipam } });
    return createSwarmNetwork(world, m.value.swarm, spec);
  }
  if (driver === "host" || driver === "null") return err({ code: "only-one-instance", data: { driver } });
  if ((spec.ipamDriver ?? "default") !== "default") return err({ code: "plugin-not-found", data: { name: spec.ipamDriver! } });
  if (spec.ipv4 === false) return err({ code: "ipv4-or-ipv6" });

  let subnet: Cidr;
  if (spec.subnet) {
    const parsed = parseCidr(spec.subnet);
    if (!parsed.ok) return err({ code: "pool-overlap" });
    const claimed = claimSubnet(parsed.value, localSubnets(host.value));
    if (!claimed.ok) return err({ code: "pool-overlap" });
    subnet = claimed.value;
  } else {
    const allocated = allocateSubnet(LOCAL_POOLS, localSubnets(host.value), "local");
    if (!allocated.ok) return err({ code: "pools-exhausted" });
    subnet = allocated.value;
  }
  const plan = addressPlan(spec, subnet);
  if (!plan.ok) return plan;
  const net: LocalNetwork = {
    ...base(localId(world.rng), spec.name, world.state.now),
    driver: "bridge",
    scope: "local",
    subnet: formatCidr(subnet),
    ...plan.value,
    attachable: spec.attachable ?? false,
    internal: spec.internal ?? false,
    labels: { ...spec.labels },
    options: { ...spec.options },
    ...(spec.ipamOptions ? { ipamOptions: { ...spec.ipamOptions } } : {}),
  };
  host.value.networks[net.id] = net;
  world.announce({ type: "network.created", networkId: net.id, name: net.name, driver: net.driver, host: hostName });
  return ok(net);
}

/**
 * What keeps swarmkit from removing a swarm network (controlapi/network.go): for ingress, a service that
 * publishes through the routing mesh; otherwise a service that refers to it, then a running task on it —
 * here the attachment of a running standalone container. The store lists them by ID, so the smallest ID.
 */
function swarmNetworkUse(world: World, swarm: SwarmState, net: SwarmNetwork): SimError | null {
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const services = Object.values(swarm.services).sort((a, b) => byId(a.id, b.id));
  if (net.ingress) {
    const needs = services.find((s) => s.ports.some((p) => p.publishMode === "ingress"));
    return needs ? { code: "ingress-in-use", data: { service: needs.id } } : null;
  }
  const service = services.find((s) => s.networks.includes(net.id));
  if (service) return { code: "network-in-use", data: { id: net.id, by: "service", ref: service.id } };
  const tasks: string[] = [];
  for (const h of Object.values(world.state.hosts)) {
    if (h.swarmId !== swarm.id) continue;
    for (const c of Object.values(h.containers)) {
      if (!c.taskId && c.state === "running" && c.addresses[net.id] !== undefined) tasks.push(attachmentTaskId(c.id, net.id));
    }
  }
  tasks.sort(byId);
  return tasks.length > 0 ? { code: "network-in-use", data: { id: net.id, by: "task", ref: tasks[0] } } : null;
}

export function removeNetwork(world: World, hostName: string, ref: string): Result<Network> {
  const found = findNetwork(world, hostName, ref);
  if (!found.ok) return found;
  const net = found.value;
  if (net.scope === "local") {
    if (PREDEFINED.has(net.name)) return err({ code: "network-predefined-remove", data: { name: net.name } });
    // libnetwork refuses while running containers have endpoints on it (a stopped one has none).
    const endpoints = Object.values(world.state.hosts[hostName].containers)
      .filter((c) => c.state === "running" && c.addresses[net.id] !== undefined)
      .sort((a, b) => a.createdAt - b.createdAt || naturalOrder(a.name, b.name))
      .map((c) => ({ name: c.name, id: truncateId(endpointId(net.id, c.id)) }));
    if (endpoints.length > 0) return err({ code: "network-active-endpoints", data: { name: net.name, endpoints } });
    delete world.state.hosts[hostName].networks[net.id];
    world.announce({ type: "network.removed", networkId: net.id, name: net.name, driver: net.driver, host: hostName });
    return ok(net);
  }
  const m = requireManager(world, hostName);
  if (!m.ok) return m;
  const inUse = swarmNetworkUse(world, m.value.swarm, net as SwarmNetwork);
  if (inUse) return err(inUse);
  delete m.value.swarm.networks[net.id];
  world.announce({ type: "network.removed", networkId: net.id, name: net.name, driver: net.driver });
  return ok(net);
}

/** Networks a container on this host can join: its own, and every overlay of its swarm. */
export function joinable(world: World, hostName: string): Network[] {
  const host = world.state.hosts[hostName];
  const swarm = swarmOf(world, hostName);
  return [...Object.values(host.networks), ...(swarm ? Object.values(swarm.networks) : [])];
}

/** A network a container on this host can be on, by ID. */
export function networkById(world: World, hostName: string, id: string): Network | undefined {
  return joinable(world, hostName).find((n) => n.id === id);
}

