/**
 * The data path, computed packet by packet. A packet from a container goes out of its interface on a
 * network; on the same host it is switched locally (no VXLAN); to another host an overlay packet is
 * wrapped in VXLAN (UDP, the swarm's data-path port, the network's VNI) — or in ESP on an encrypted
 * overlay — between the hosts' underlay addresses, where each host's firewall may drop it, and it only
 * goes where gossip (7946) has told the sender the peer exists. A service VIP is load-balanced by IPVS
 * round-robin over running tasks. Every step is recorded as a hop for traces, animation and capture.
 */
import type { World } from "../engine/world";
import { ingressAddressOf, networkById } from "./networks";
import type { ContainerState, HostState, ServiceState, SwarmState, TaskState } from "../model/state";
import { swarmOf } from "../engine/lookup";
import { findAnyContainer, hostOfContainer } from "./dns";
import { conversationOpen, droppingRule, passes, verdict } from "./firewall";
import { contains, formatIp, parseCidr, parseIp } from "./ipam";
import { gwbridgeAddress, HOST_GATEWAY, hostInterfaces } from "./interfaces";
import type { Network } from "./networks";
import type { Hop } from "../model/packet";

export const GOSSIP_PORT = 7946;

export type { Hop };

export type Failure = "no-route" | "no-endpoint" | "firewall" | "no-peer" | "host-down";

export interface Delivery {
  ok: boolean;
  hops: Hop[];
  /** On failure, why; the packet is lost (a ping sees no reply). */
  reason?: Failure;
  /** Who answered: for a VIP, the task IPVS chose. */
  backend?: { container: ContainerState; host: string; ip: string };
  network?: Network;
  /** Between two hosts' underlay addresses, outside any overlay (a container's ping to another node). */
  underlay?: boolean;
  /**
   * A host's probe to an address whose ARP gets no answer on one of its links (`arpUnanswered`): the host's own
   * address there, from which the kernel reports the probe back as ICMP Host Unreachable when it gives up.
   */
  unreachableFrom?: string;
}

let generation = 0;
/**
 * Tells the path code that tasks have started or stopped, so the running backends it caches behind each
 * VIP (IPVS) are read again. The swarm calls this; the counter belongs to the cache it invalidates.
 */
export function backendsChanged(): void {
  generation++;
}

// Running backends per service and network, rebuilt when tasks have started or stopped since.
const backendCache = new WeakMap<SwarmState, Map<string, { generation: number; tasks: TaskState[] }>>();

function backendsOf(swarm: SwarmState, service: ServiceState, netId: string): TaskState[] {
  let perSwarm = backendCache.get(swarm);
  if (!perSwarm) backendCache.set(swarm, (perSwarm = new Map()));
  const key = `${service.id}/${netId}`;
  const hit = perSwarm.get(key);
  if (hit && hit.generation === generation) return hit.tasks;
  // Tasks in creation order (object insertion order is part of the saved state, so it is deterministic).
  const tasks = Object.values(swarm.tasks).filter((t) => t.serviceId === service.id && t.state === "running" && t.addresses[netId] && t.containerId);
  perSwarm.set(key, { generation, tasks });
  return tasks;
}

function ipvsPick(world: World, swarm: SwarmState, service: ServiceState, netId: string): { ip: string; containerId: string } | null {
  const backends = backendsOf(swarm, service, netId);
  if (backends.length === 0) return null;
  // Round-robin state lives in the world so it survives snapshots and stays deterministic.
  const key = `${service.id}/${netId}`;
  const rr = (world.state.ipvs ??= {});
  const n = rr[key] ?? 0;
  rr[key] = n + 1;
  const t = backends[n % backends.length];
  return { ip: t.addresses[netId], containerId: t.containerId! };
}

/** Overlay transport between two hosts: the underlay packets it needs, and whether they pass. */
function crossHost(world: World, swarm: SwarmState, from: HostState, to: HostState, net: Network, inner: Hop["inner"], hops: Hop[]): Failure | null {
  if (!to.up) return "host-down";
  if (!conversationOpen(from, to, "tcp", GOSSIP_PORT) && !conversationOpen(from, to, "udp", GOSSIP_PORT)) {
    hops.push({ host: from.name, action: "drop", inner, detail: `no overlay peer entry for ${to.ip}: gossip on ${GOSSIP_PORT} is blocked` });
    return "no-peer";
  }
  const encrypted = "encrypted" in net.options;
  const vni = net.scope === "swarm" ? net.vni : undefined;
  const outer: Hop["outer"] = encrypted
    ? { protocol: "esp", src: from.ip, dst: to.ip, vni, encrypted }
    : { protocol: "udp", src: from.ip, dst: to.ip, dport: swarm.dataPathPort, vni };
  hops.push({ host: from.name, action: "encap", inner, outer });
  // OUTPUT drops before the wire; INPUT drops after it (tcpdump on the receiver still sees the packet).
  const out = verdict(from, "OUTPUT", outer);
  if (out !== "ACCEPT") {
    hops.push({ host: from.name, action: "drop", inner, outer, detail: `OUTPUT ${out}`, rule: droppingRule(from, "OUTPUT", outer) });
    return "firewall";
  }
  hops.push({ host: from.name, action: "wire", inner, outer });
  const inn = verdict(to, "INPUT", outer);
  if (inn !== "ACCEPT") {
    hops.push({ host: to.name, action: "drop", inner, outer, detail: `INPUT ${inn}`, rule: droppingRule(to, "INPUT", outer) });
    return "firewall";
  }
  hops.push({ host: to.name, action: "decap", inner, outer });
  return null;
}

/**
 * Whether the container has a default route out of its own networks. Docker gives it one through the
 * gateway of a bridge, or through docker_gwbridge for overlay endpoints (ingress included) — but never
 * through an `--internal` network, and a container only on internal networks gets no docker_gwbridge
 * endpoint at all (libnetwork needDefaultGW), so nothing outside those networks is reachable.
 */
export function hasExternalRoute(world: World, hostName: string, container: ContainerState): boolean {
  return Object.keys(container.addresses).some((id) => {
    const net = networkById(world, hostName, id);
    return net !== undefined && !net.internal && net.driver !== "null" && net.driver !== "host";
  });
}

/** Whether `dst` lies on one of the container's own networks (reachable without a default route). */
export function onOwnNetwork(world: World, hostName: string, container: ContainerState, dst: string): boolean {
  const ip = parseIp(dst);
  return Object.keys(container.addresses).some((id) => {
    const c = parseCidr(networkById(world, hostName, id)?.subnet ?? "");
    return ip !== null && c.ok && contains(c.value, ip);
  });
}

/**
 * A ping from a container to an address outside its networks that answers on this cluster: a host's underlay
 * address, or the gateway of one of the container's bridge networks (the host's end of the bridge). It leaves
 * by the default route and is masqueraded to its host's address (Docker's POSTROUTING MASQUERADE); the hosts'
 * firewalls see ICMP between the underlay addresses. Null when the address is no such thing.
 */
export function hostRoundTrip(world: World, fromHost: string, from: ContainerState, dst: string, icmp: { id: number; seq: number }): Delivery | null {
  const a = world.state.hosts[fromHost];
  const gateway = Object.keys(from.addresses).some((id) => {
    const n = networkById(world, fromHost, id);
    return n !== undefined && n.driver === "bridge" && n.gateway === dst;
  });
  const b = gateway ? a : Object.values(world.state.hosts).find((h) => h.ip === dst);
  if (!b) return null;
  const src = Object.values(from.addresses)[0] ?? a.ip;
  return hostToHost(world, a, b, src, dst, icmp, true);
}

/**
 * An ICMP echo from host `a` (a container behind it when `masqueraded`) to an address of host `b`, and the reply.
 * Between two hosts both legs cross the underlay, where each host's firewall sees ICMP between the underlay
 * addresses, and a host that is down answers nothing; within one host nothing is checked.
 */
function hostToHost(world: World, a: HostState, b: HostState, src: string, dst: string, icmp: { id: number; seq: number }, masqueraded: boolean): Delivery {
  const inner: Hop["inner"] = { src, dst, protocol: "icmp", icmp };
  const hops: Hop[] = [{ host: a.name, action: "send", inner }];
  if (b !== a) {
    if (!b.up) return { ok: false, hops, reason: "host-down" };
    const there = { protocol: "icmp" as const, src: a.ip, dst: b.ip };
    const back = { protocol: "icmp" as const, src: b.ip, dst: a.ip };
    if (!passes(a, b, there).ok || !passes(b, a, back).ok) return { ok: false, hops, reason: "firewall" };
  }
  const arrived = b === a ? inner : { ...inner, src: a.ip };
  hops.push({ host: b.name, action: "deliver", inner: arrived, ...(b !== a && masqueraded ? { detail: `masqueraded to ${a.ip}` } : {}) });
  hops.push({ host: a.name, action: "deliver", inner: { ...inner, src: dst, dst: src }, reply: true });
  for (const hop of hops) world.emit({ type: "packet.hop", at: world.state.now, hop });
  return { ok: true, hops, underlay: b !== a };
}

/**
 * A ping from a host's own network namespace (`node-1$ ping …`), and its reply:
 *
 * - the host's own addresses (eth0, the gateways of its bridges) and the loopback network answer inside the host;
 * - another host's underlay address answers over the wire when that host is up and neither host's firewall
 *   drops the ICMP between them (`underlay` is set);
 * - a running container on one of the host's bridges (docker0, a user-defined bridge, docker_gwbridge, where the
 *   node's ingress-sbox holds .2) answers across the bridge (`backend` and `network` are set).
 *
 * The host's own firewall sees every packet it sends (OUTPUT) and receives (INPUT), loopback included. Anything
 * else gets no answer (`reason` says why): an overlay address lives in the overlay's own network namespace, to
 * which the host has no route, and another host's bridges are private to that host, so such probes leave by the
 * default route and are lost. Where ARP gets no answer on one of the host's links (`arpUnanswered`: a node that
 * is powered off, an address on the link nobody holds) `unreachableFrom` is the host's address on that link: the
 * kernel reports the probe back from there, unless the host's OUTPUT chain drops the probe or its chains drop
 * that report (ICMP from the host to itself).
 */
export function hostPing(world: World, fromHost: string, dst: string, icmp: { id: number; seq: number }): Delivery {
  const a = world.state.hosts[fromHost];
  const bridges = hostBridges(a);
  const own = [...hostInterfaces(world, fromHost).map((i) => i.ip), ...bridges.map((n) => n.gateway!)];
  const local = (src: string, to: string) =>
    passes(a, a, { protocol: "icmp", src, dst: to }).ok && passes(a, a, { protocol: "icmp", src: to, dst: src }).ok;
  if (dst.startsWith("127.") || own.includes(dst)) {
    if (!local(dst, dst)) return { ok: false, hops: [], reason: "firewall" };
    return hostToHost(world, a, a, dst, dst, icmp, false);
  }
  const other = Object.values(world.state.hosts).find((h) => h.ip === dst);
  const unanswered = arpUnanswered(world, fromHost, dst);
  if (unanswered !== null) {
    const probe = { protocol: "icmp" as const, src: unanswered, dst };
    if (verdict(a, "OUTPUT", probe) !== "ACCEPT" || !passes(a, a, { protocol: "icmp", src: unanswered, dst: unanswered }).ok) {
      return { ok: false, hops: [], reason: "firewall" };
    }
    return { ok: false, hops: [], reason: other ? "host-down" : "no-route", unreachableFrom: unanswered };
  }
  if (other) return hostToHost(world, a, other, a.ip, dst, icmp, false);
  const onBridge = bridgeEndpoint(world, fromHost, bridges, dst);
  if (!onBridge) return { ok: false, hops: [], reason: "no-route" };
  const { net, container } = onBridge;
  const src = net.gateway!;
  // The request leaves the host (OUTPUT); the reply comes into it (INPUT).
  if (verdict(a, "OUTPUT", { protocol: "icmp", src, dst }) !== "ACCEPT" || verdict(a, "INPUT", { protocol: "icmp", src: dst, dst: src }) !== "ACCEPT") {
    return { ok: false, hops: [], reason: "firewall" };
  }
  const inner: Hop["inner"] = { src, dst, protocol: "icmp", icmp };
  const hops: Hop[] = [
    { host: fromHost, action: "send", inner },
    { host: fromHost, action: "switch", inner, detail: `bridge ${net.name}` },
    { host: fromHost, action: "deliver", inner },
    { host: fromHost, action: "deliver", inner: { ...inner, src: dst, dst: src }, reply: true },
  ];
  for (const hop of hops) world.emit({ type: "packet.hop", at: world.state.now, hop });
  return { ok: true, hops, backend: container ? { container, host: fromHost, ip: dst } : undefined, network: net };
}

/** The host's bridge networks with an address of their own (docker0, docker_gwbridge, user-defined bridges). */
const hostBridges = (host: HostState) => Object.values(host.networks).filter((n) => n.driver === "bridge" && n.subnet && n.gateway);

/** Linux's ARP resolution failing (mcast_solicit 3 probes, retrans_time 1 s apart). */
export const ARP_FAIL_MS = 3_000;

/**
 * The host's own address on the link `dst` lies on (eth0's /24 on the underlay, one of its bridges' subnets),
 * or null when `dst` is beyond them all (the router's side).
 */
export function linkAddressFor(world: World, fromHost: string, dst: string): string | null {
  const ip = parseIp(dst);
  if (ip === null) return null;
  const links = [
    ...hostInterfaces(world, fromHost)
      .filter((i) => i.name !== "lo")
      .map((i) => ({ own: i.ip, cidr: parseCidr(`${i.ip}/${i.prefix}`) })),
    ...hostBridges(world.state.hosts[fromHost]).map((n) => ({ own: n.gateway!, cidr: parseCidr(n.subnet!) })),
  ];
  return links.find((l) => l.cidr.ok && contains(l.cidr.value, ip))?.own ?? null;
}

/**
 * Whether ARP for `dst` gets no answer on one of the host's links, and if so the host's own address on that
 * link (null otherwise): `dst` is the underlay address of a node that is powered off, or lies on such a link
 * where no machine holds it — not the host itself, not the router, not a container on the bridge nor the
 * node's ingress-sbox on docker_gwbridge. An address beyond the links goes to the router, which answers ARP.
 * Linux then gives up after ARP_FAIL_MS; `ssh` and the host's `ping` both ask this.
 */
export function arpUnanswered(world: World, fromHost: string, dst: string): string | null {
  if (dst.startsWith("127.")) return null;
  const own = linkAddressFor(world, fromHost, dst);
  if (own === null || hostInterfaces(world, fromHost).some((i) => i.ip === dst)) return null;
  const a = world.state.hosts[fromHost];
  const bridges = hostBridges(a);
  if (bridges.some((n) => n.gateway === dst)) return null;
  const other = Object.values(world.state.hosts).find((h) => h.ip === dst);
  if (other) return other.up ? null : own;
  if (dst === HOST_GATEWAY) return null;
  const held = Object.values(a.containers).some((c) => bridges.some((n) => c.addresses[n.id] === dst)) || bridgeEndpoint(world, fromHost, bridges, dst) !== null;
  return held ? null : own;
}

/**
 * What holds `dst` on one of the host's bridges: a running container, or on docker_gwbridge the node's
 * ingress-sbox (container null), whose addresses there are derived rather than stored.
 */
function bridgeEndpoint(world: World, hostName: string, bridges: Network[], dst: string): { net: Network; container: ContainerState | null } | null {
  const host = world.state.hosts[hostName];
  const gwbridge = bridges.find((n) => n.name === "docker_gwbridge");
  for (const c of Object.values(host.containers)) {
    if (c.state !== "running") continue;
    const net = bridges.find((n) => c.addresses[n.id] === dst);
    if (net) return { net, container: c };
    if (gwbridge && gwbridgeAddress(world, hostName, c) === dst) return { net: gwbridge, container: c };
  }
  const swarm = swarmOf(world, hostName);
  const sbox = gwbridge && swarm && host.nodeId && ingressAddressOf(swarm, host.nodeId) !== null;
  if (sbox && formatIp(parseIp(gwbridge.gateway!)! + 1) === dst) return { net: gwbridge, container: null };
  return null;
}

/**
 * Sends one packet from a container to an address and, when it arrives, its reply back. Both legs must
 * pass for the sender to see an answer.
 */
export function roundTrip(
  world: World,
  fromHost: string,
  from: ContainerState,
  dst: string,
  protocol: "icmp" | "tcp" | "udp" = "icmp",
  icmp?: { id: number; seq: number },
): Delivery {
  const delivery = planRoundTrip(world, fromHost, from, dst, protocol, icmp);
  for (const hop of delivery.hops) world.emit({ type: "packet.hop", at: world.state.now, hop });
  return delivery;
}

/** The way a packet and its reply would take, without announcing it (for exchanges of many segments). */
export function planRoundTrip(
  world: World,
  fromHost: string,
  from: ContainerState,
  dst: string,
  protocol: "icmp" | "tcp" | "udp",
  icmp?: { id: number; seq: number },
): Delivery {
  const hops: Hop[] = [];
  const swarm = swarmOf(world, fromHost);
  const target = parseIp(dst);
  const netId = Object.keys(from.addresses).find((id) => {
    const n = networkById(world, fromHost, id);
    const c = n?.subnet ? parseCidr(n.subnet) : null;
    return target !== null && c?.ok && contains(c.value, target);
  });
  const net = netId ? networkById(world, fromHost, netId) : undefined;
  if (!net || !netId) return { ok: false, hops, reason: "no-route" };
  const src = from.addresses[netId];
  let inner: Hop["inner"] = { src, dst, protocol, ...(icmp ? { icmp } : {}) };
  hops.push({ host: fromHost, action: "send", inner });

  // The address's owner: a service VIP (IPVS picks a task), a task, or a container.
  const owner = net.endpoints[dst];
  let backendIp = dst;
  let backendContainer: ContainerState | null = null;
  const service = owner && swarm?.services[owner];
  if (service && swarm) {
    const pick = ipvsPick(world, swarm, service, netId);
    if (!pick) return { ok: false, hops, reason: "no-endpoint", network: net };
    backendIp = pick.ip;
    backendContainer = findAnyContainer(world, pick.containerId, () => null);
    inner = { ...inner, dst: backendIp };
    hops.push({ host: fromHost, action: "ipvs", inner, detail: `${dst} → ${backendIp}` });
  } else if (owner) {
    backendContainer = findAnyContainer(world, owner, (id) => swarm?.tasks[id]?.containerId ?? null);
  }
  const toHost = backendContainer ? hostOfContainer(world, backendContainer.id) : null;
  if (!backendContainer || !toHost || backendContainer.state !== "running") return { ok: false, hops, reason: "no-endpoint", network: net };

  const a = world.state.hosts[fromHost];
  const b = world.state.hosts[toHost];
  if (toHost === fromHost) {
    hops.push({ host: fromHost, action: "switch", inner, detail: net.scope === "swarm" ? `overlay ${net.name}, same host: no VXLAN` : `bridge ${net.name}` });
  } else {
    if (net.scope !== "swarm" || !swarm) return { ok: false, hops, reason: "no-route", network: net };
    const failed = crossHost(world, swarm, a, b, net, inner, hops);
    if (failed) return { ok: false, hops, reason: failed, network: net };
  }
  hops.push({ host: toHost, action: "deliver", inner });

  // The reply: same way back (the sender sees it come from the address it asked, e.g. the VIP).
  const reply: Hop["inner"] = { ...inner, src: backendIp, dst: src };
  if (toHost !== fromHost && swarm) {
    const back: Hop[] = [];
    const failed = crossHost(world, swarm, b, a, net, reply, back);
    hops.push(...back.map((h) => ({ ...h, reply: true })));
    if (failed) return { ok: false, hops, reason: failed, network: net };
  }
  hops.push({ host: fromHost, action: "deliver", inner: { ...reply, src: dst }, reply: true });
  return { ok: true, hops, backend: { container: backendContainer, host: toHost, ip: backendIp }, network: net };
}
