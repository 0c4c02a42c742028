/**
 * The network interfaces and routes a container or a host has, as `ip addr` and `ip route` show them and
 * as `docker inspect` and /etc/hosts describe them. Derived from the state on each call (nothing stored):
 *
 * - A container has lo, then one eth per network in the order it joined them. A container whose only
 *   networks are overlays (not all internal) also joins docker_gwbridge for its default route, right after
 *   its first overlay (libnetwork needDefaultGW / setupDefaultGW), so a published task has eth0 on ingress,
 *   eth1 on docker_gwbridge, eth2 on its own overlay.
 * - docker_gwbridge addresses are not allocated in the state: the node's ingress-sbox holds .2, and the
 *   containers that need the bridge take .3, .4, … in creation order.
 * - MACs are 02:42 followed by the IPv4 address (as `docker network inspect` shows them); overlays have
 *   MTU 1450, bridges 1500. The host-side ends of the veth pairs (eth0@ifN) are numbered from 7 up.
 */
import type { World } from "../engine/world";
import { networkById } from "./networks";
import type { ContainerState, HostState } from "../model/state";
import { swarmOf } from "../engine/lookup";
import { formatCidr, formatIp, lastAddress, parseCidr, parseIp } from "./ipam";
import { OVERLAY_MTU, type Network } from "./networks";
import { containerMac, hostMac } from "./pcap";

export interface Interface {
  index: number;
  name: string;
  /** The veth peer's index on the other side (`eth0@if7`), when there is one. */
  peer?: number;
  mtu: number;
  mac: string;
  ip: string;
  prefix: number;
  broadcast: string;
  /** The network behind the interface (absent for lo and a host's own interfaces). */
  network?: Network;
  /** `docker network connect --gw-priority`: the highest among the gateways gives the default route. */
  gwPriority?: number;
}

export interface Route {
  /** "default" or a CIDR. */
  dest: string;
  via?: string;
  dev: string;
  /** The interface's own address for on-link routes. */
  src?: string;
}

const macText = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");

/** The lab's router, the hosts' default gateway (and resolver). */
export const HOST_GATEWAY = "192.168.1.1";

export const LOOPBACK: Interface = { index: 1, name: "lo", mtu: 65536, mac: "00:00:00:00:00:00", ip: "127.0.0.1", prefix: 8, broadcast: "" };

function iface(index: number, name: string, ip: string, subnet: string, mtu: number, mac: string, network?: Network, peer?: number): Interface {
  const cidr = parseCidr(subnet);
  const broadcast = cidr.ok ? formatIp(lastAddress(cidr.value)) : "";
  return { index, name, peer, mtu, mac, ip, prefix: cidr.ok ? cidr.value.prefix : 32, broadcast, network };
}

const gwbridgeOf = (host: HostState) => Object.values(host.networks).find((n) => n.name === "docker_gwbridge");

/** The networks a container is attached to, in the order it joined them (its addresses keep that order). */
export function attachedNetworks(world: World, hostName: string, c: ContainerState): Network[] {
  return Object.keys(c.addresses).flatMap((id) => {
    const n = networkById(world, hostName, id);
    return n ? [n] : [];
  });
}

/** Whether the container joins docker_gwbridge: only overlays, at least one of them not internal. */
function needsGateway(nets: Network[]): boolean {
  return nets.length > 0 && nets.every((n) => n.scope === "swarm") && nets.some((n) => !n.internal);
}

/** The container's address on docker_gwbridge, when it has one. */
export function gwbridgeAddress(world: World, hostName: string, c: ContainerState): string | null {
  const host = world.state.hosts[hostName];
  const gw = gwbridgeOf(host);
  if (!gw?.subnet || !needsGateway(attachedNetworks(world, hostName, c))) return null;
  const users = Object.values(host.containers)
    .filter((x) => x.state === "running" && needsGateway(attachedNetworks(world, hostName, x)))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const base = parseIp(gw.gateway ?? "")!;
  return formatIp(base + 2 + users.findIndex((x) => x.id === c.id));
}

/** lo, then eth0, eth1, … as the container sees them. */
export function containerInterfaces(world: World, hostName: string, c: ContainerState): Interface[] {
  const host = world.state.hosts[hostName];
  const nets = attachedNetworks(world, hostName, c);
  const ordered: { net: Network; ip: string }[] = nets.map((net) => ({ net, ip: c.addresses[net.id] }));
  const gwIp = gwbridgeAddress(world, hostName, c);
  const gw = gwbridgeOf(host);
  if (gwIp && gw) ordered.splice(1, 0, { net: gw, ip: gwIp });
  // Host-side veth indexes: a stable, plausible number per container and interface.
  const slot = Object.values(host.containers)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .findIndex((x) => x.id === c.id);
  return [
    LOOPBACK,
    ...ordered.map(({ net, ip }, i) => ({
      ...iface(i + 2, `eth${i}`, ip, net.subnet ?? "", net.driver === "overlay" ? OVERLAY_MTU : 1500, macText(containerMac(ip)), net, 7 + 2 * (slot * 4 + i)),
      ...(c.endpointConfig?.[net.id]?.gwPriority ? { gwPriority: c.endpointConfig[net.id].gwPriority } : {}),
    })),
  ];
}

/**
 * The container's routing table: a default route through the gateway of the network that provides it
 * (docker_gwbridge for overlays, the bridge's gateway for bridges, the highest `--gw-priority` first; internal
 * networks provide none), then
 * one on-link route per interface, in address order as the kernel lists them.
 */
export function containerRoutes(interfaces: Interface[]): Route[] {
  const eths = interfaces.filter((i) => i.network);
  const candidates = eths.filter((i) => i.network!.driver === "bridge" && !i.network!.internal && i.network!.gateway);
  // libnetwork's gateway choice: the highest gw-priority, then the order the networks were joined.
  const gateway = candidates.reduce<Interface | undefined>((best, i) => (!best || (i.gwPriority ?? 0) > (best.gwPriority ?? 0) ? i : best), undefined);
  return [...(gateway ? [{ dest: "default", via: gateway.network!.gateway!, dev: gateway.name }] : []), ...onLinkRoutes(eths)];
}

/** One on-link route per interface, in address order as the kernel lists them. */
export function onLinkRoutes(interfaces: Interface[]): Route[] {
  return interfaces
    .flatMap((i) => {
      const net = parseCidr(`${i.ip}/${i.prefix}`);
      return net.ok ? [{ key: net.value.base, route: { dest: formatCidr(net.value), dev: i.name, src: i.ip } }] : [];
    })
    .sort((a, b) => a.key - b.key)
    .map((x) => x.route);
}

/**
 * A host's interfaces: lo, eth0 on the underlay (a /24), docker0 (the default bridge), and
 * docker_gwbridge once the engine is in a swarm. veth and vxlan interfaces are left out.
 */
export function hostInterfaces(world: World, hostName: string): Interface[] {
  const host = world.state.hosts[hostName];
  const bridge = Object.values(host.networks).find((n) => n.name === "bridge");
  const gw = swarmOf(world, hostName) ? gwbridgeOf(host) : undefined;
  const list = [LOOPBACK, iface(2, "eth0", host.ip, `${host.ip}/24`, 1500, macText(hostMac(host.ip)))];
  for (const [name, net] of [["docker0", bridge], ["docker_gwbridge", gw]] as const) {
    if (net?.gateway && net.subnet) list.push(iface(list.length + 1, name, net.gateway, net.subnet, 1500, macText(containerMac(net.gateway))));
  }
  return list;
}

/**
 * moby's resolveInputIPAddr (daemon/cluster/listen_addr.go) for `--advertise-addr` and `--data-path-addr`: an
 * interface name of the host gives its address, else an IP address as written (not 0.0.0.0); null otherwise.
 */
export function resolveInputAddr(world: World, hostName: string, input: string, unspecifiedValid = false): string | null {
  const named = hostInterfaces(world, hostName).find((i) => i.name === input);
  if (named) return named.ip;
  return parseIp(input) !== null && (unspecifiedValid || input !== "0.0.0.0") ? input : null;
}
