/**
 * Questions the goals ask of the world, in the words of the exercises ("the swarm node-1 manages",
 * "the running tasks of a service and where they run"), over sim-core's plain state.
 */
import type { ContainerState, FirewallRule, HostState, ServiceState, SwarmNetwork, SwarmState, WorldState } from "sim-core";

export type State = Readonly<WorldState>;

/** The swarm a host belongs to (node-1's by default), or null. */
export function swarmOf(state: State, host = "node-1"): SwarmState | null {
  const id = state.hosts[host]?.swarmId;
  return id ? (state.swarms[id] ?? null) : null;
}

/** Hosts in node-1's swarm whose node is ready. */
export function swarmHosts(state: State, host = "node-1"): HostState[] {
  const swarm = swarmOf(state, host);
  if (!swarm) return [];
  return Object.values(state.hosts).filter((h) => h.swarmId === swarm.id && h.nodeId && swarm.nodes[h.nodeId]?.status === "ready");
}

export function roleOf(state: State, host: string): "manager" | "worker" | null {
  const h = state.hosts[host];
  const swarm = swarmOf(state, host);
  return (h?.nodeId && swarm?.nodes[h.nodeId]?.role) || null;
}

/** User-made overlays (not ingress) of node-1's swarm. */
export function overlays(state: State, host = "node-1"): SwarmNetwork[] {
  const swarm = swarmOf(state, host);
  return swarm ? Object.values(swarm.networks).filter((n) => !n.ingress) : [];
}

export function services(state: State): ServiceState[] {
  const swarm = swarmOf(state);
  return swarm ? Object.values(swarm.services) : [];
}

/** The hosts a service's running tasks are on. */
export function taskHosts(state: State, service: ServiceState): string[] {
  const swarm = swarmOf(state)!;
  return Object.values(swarm.tasks)
    .filter((t) => t.serviceId === service.id && t.state === "running" && t.nodeId)
    .map((t) => Object.values(state.hosts).find((h) => h.nodeId === t.nodeId)?.name ?? "?");
}

export function hostByNodeId(state: State, nodeId: string | null): string | null {
  return Object.values(state.hosts).find((h) => h.nodeId === nodeId)?.name ?? null;
}

/** Running standalone containers (not tasks), with their host. */
export function standalone(state: State): { host: string; container: ContainerState }[] {
  return Object.values(state.hosts).flatMap((h) =>
    Object.values(h.containers)
      .filter((c) => !c.taskId)
      .map((container) => ({ host: h.name, container })),
  );
}

/** The network a swarm or local network ID names, as any host knows it. */
export function networkName(state: State, id: string): string | null {
  for (const s of Object.values(state.swarms)) if (s.networks[id]) return s.networks[id].name;
  for (const h of Object.values(state.hosts)) if (h.networks[id]) return h.networks[id].name;
  return null;
}

/** Whether any rule of a host's firewall drops or rejects packets matching `match` in the chain. */
export function blocks(host: HostState, chain: "INPUT" | "OUTPUT", match: (r: FirewallRule) => boolean): boolean {
  // First match wins: a rule that blocks counts only if no ACCEPT for the same traffic comes before it.
  for (const r of host.firewall[chain]) {
    if (!match(r)) continue;
    return r.target !== "ACCEPT";
  }
  return false;
}

/** Whether the host's firewall blocks underlay traffic to/from a port (protocol `udp`/`tcp`), in either chain. */
export function blocksPort(host: HostState, protocol: "udp" | "tcp", port: number): boolean {
  const match = (r: FirewallRule) => (r.protocol === "all" || r.protocol === protocol) && (r.dport === undefined || r.dport === port) && (r.sport === undefined || r.sport === port) && !r.source && !r.destination;
  return blocks(host, "INPUT", match) || blocks(host, "OUTPUT", match);
}

/** Any host whose firewall blocks the port. */
export function hostsBlocking(state: State, protocol: "udp" | "tcp", port: number): string[] {
  return Object.values(state.hosts)
    .filter((h) => blocksPort(h, protocol, port))
    .map((h) => h.name);
}

/** Whether two IPv4 CIDRs overlap. */
export function overlaps(a: string, b: string): boolean {
  const range = (cidr: string) => {
    const [ip, bits] = cidr.split("/");
    const n = ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
    const size = 2 ** (32 - Number(bits));
    const start = n - (n % size);
    return [start, start + size - 1];
  };
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a0 <= b1 && b0 <= a1;
}
