/**
 * The topology the lab draws: hosts, their containers and tasks, the networks they reach, services with
 * their VIPs and published ports, and the firewall rules that drop traffic — projected from sim-core's
 * world state into small keyed records. The worker keeps the records it last sent and, as events come,
 * rebuilds only what they touched and sends the records that changed (`TopologyDiff`), never the world.
 * Pure: no DOM, no worker API, and nothing of sim-core but types, so the page can load it (the worker's
 * side, which reads the world, is `build.ts`).
 */

export interface FirewallDrop {
  chain: "INPUT" | "OUTPUT";
  /** 1-based, as `iptables -L --line-numbers` counts. */
  number: number;
  /** As `iptables -S` prints it. */
  spec: string;
}

export interface TopoHost {
  kind: "host";
  key: string;
  name: string;
  /** Underlay address on eth0. */
  ip: string;
  up: boolean;
  /** Position in the lab (node-1 is 1), for a stable column order. */
  index: number;
  nodeId: string | null;
  role: "leader" | "manager" | "worker" | null;
  status: "ready" | "down" | null;
  availability: "active" | "pause" | "drain" | null;
  drops: FirewallDrop[];
}

export interface TopoNetwork {
  kind: "network";
  key: string;
  id: string;
  name: string;
  driver: string;
  scope: "local" | "swarm";
  subnet: string | null;
  gateway: string | null;
  vni: number | null;
  encrypted: boolean;
  ingress: boolean;
  attachable: boolean;
  internal: boolean;
  /** Hosts the network reaches: a local network's own host; an overlay's hosts with an endpoint on it. */
  hosts: string[];
}

export interface TopoAddress {
  /** Key of the network (`TopoNetwork.key`). */
  net: string;
  ip: string;
  mac: string;
}

export interface TopoEndpoint {
  kind: "endpoint";
  key: string;
  id: string;
  host: string;
  name: string;
  image: string;
  state: "created" | "running" | "exited";
  serviceId: string | null;
  serviceName: string | null;
  slot: number | null;
  taskId: string | null;
  addresses: TopoAddress[];
  /** `docker run -p` bindings: "0.0.0.0:8080->80/tcp". */
  ports: string[];
}

export interface TopoService {
  kind: "service";
  key: string;
  id: string;
  name: string;
  mode: "replicated" | "global";
  replicas: number;
  running: number;
  endpointMode: "vip" | "dnsrr";
  vips: { net: string; ip: string }[];
  /** "8080:80/tcp ingress" as docker service ls prints ports, with the mode. */
  ports: { published: number; target: number; protocol: string; mode: "ingress" | "host" }[];
}

export type TopoEntity = TopoHost | TopoNetwork | TopoEndpoint | TopoService;

export interface TopologyDiff {
  /** Records new or changed since the last diff. */
  set: TopoEntity[];
  /** Keys of records gone. */
  del: string[];
}

export interface Topology {
  hosts: Map<string, TopoHost>;
  networks: Map<string, TopoNetwork>;
  endpoints: Map<string, TopoEndpoint>;
  services: Map<string, TopoService>;
  /**
   * Containers per host name, then per service name ("" for standalone containers), kept by applyDiff as
   * endpoints come, go and move: the aggregated view reads its counts here instead of walking every
   * endpoint on every update (10,000 of them at 100 nodes).
   */
  counts: Map<string, Map<string, number>>;
}

/** node-2 before node-10. */
export const byHostOrder = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

export const emptyTopology = (): Topology => ({ hosts: new Map(), networks: new Map(), endpoints: new Map(), services: new Map(), counts: new Map() });

/** Adds `by` (1 or -1) to the count of the endpoint's host and service; a count that reaches 0 goes. */
function count(t: Topology, e: TopoEndpoint, by: 1 | -1): void {
  let perService = t.counts.get(e.host);
  if (!perService) t.counts.set(e.host, (perService = new Map()));
  const service = e.serviceName ?? "";
  const n = (perService.get(service) ?? 0) + by;
  if (n > 0) perService.set(service, n);
  else perService.delete(service);
  if (perService.size === 0) t.counts.delete(e.host);
}

export const PREFIX = { host: "h:", network: "n:", endpoint: "e:", service: "s:" } as const;
export const keyOf = (kind: keyof typeof PREFIX, id: string) => PREFIX[kind] + id;

/** Docker's MAC for a container address (02:42 and the IPv4 bytes), as sim-core's frames carry it. */
export function macOf(ip: string): string {
  const bytes = ip.split(".").map(Number);
  return ["02", "42", ...bytes.map((b) => b.toString(16).padStart(2, "0"))].join(":");
}

/** The page's side: a diff applied to its maps (in place; answers whether anything changed). */
export function applyDiff(t: Topology, diff: TopologyDiff): boolean {
  for (const key of diff.del) {
    const map = mapFor(t, key);
    if (map === t.endpoints) {
      const gone = t.endpoints.get(key);
      if (gone) count(t, gone, -1);
    }
    map?.delete(key);
  }
  for (const e of diff.set) {
    switch (e.kind) {
      case "host":
        t.hosts.set(e.key, e);
        break;
      case "network":
        t.networks.set(e.key, e);
        break;
      case "endpoint": {
        const before = t.endpoints.get(e.key);
        if (before) count(t, before, -1);
        count(t, e, 1);
        t.endpoints.set(e.key, e);
        break;
      }
      case "service":
        t.services.set(e.key, e);
        break;
    }
  }
  return diff.set.length > 0 || diff.del.length > 0;
}

function mapFor(t: Topology, key: string): Map<string, TopoEntity> | undefined {
  if (key.startsWith(PREFIX.host)) return t.hosts as Map<string, TopoEntity>;
  if (key.startsWith(PREFIX.network)) return t.networks as Map<string, TopoEntity>;
  if (key.startsWith(PREFIX.endpoint)) return t.endpoints as Map<string, TopoEntity>;
  if (key.startsWith(PREFIX.service)) return t.services as Map<string, TopoEntity>;
  return undefined;
}
