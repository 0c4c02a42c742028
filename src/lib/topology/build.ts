/**
 * The worker's side of the topology: records projected from sim-core's world state, and the tracker that
 * sends only what changed. The page's side (types, applying a diff) is `model.ts`.
 */
import { ruleSpec, type ContainerState, type HostState, type Network, type SimEvent, type SwarmState, type WorldState } from "sim-core";
import { byHostOrder, keyOf, macOf, PREFIX, type FirewallDrop, type TopoAddress, type TopoEndpoint, type TopoEntity, type TopoHost, type TopoNetwork, type TopoService, type TopologyDiff } from "./model";

/** The one swarm of the lab's hosts (a host that ran its own `swarm init` elsewhere starts another: the first wins). */
function swarmFor(state: Readonly<WorldState>, host: HostState): SwarmState | null {
  return host.swarmId ? (state.swarms[host.swarmId] ?? null) : null;
}

function networkKey(net: Network, host: string): string {
  return net.scope === "swarm" ? keyOf("network", net.id) : keyOf("network", `${host}/${net.id}`);
}

/** Where a container's network ID lives: the host's local networks or its swarm's overlays. */
function lookupNetwork(state: Readonly<WorldState>, host: HostState, id: string): Network | undefined {
  return host.networks[id] ?? swarmFor(state, host)?.networks[id];
}

function buildHost(state: Readonly<WorldState>, host: HostState, index: number): TopoHost {
  const swarm = swarmFor(state, host);
  const node = swarm && host.nodeId ? swarm.nodes[host.nodeId] : undefined;
  const drops: FirewallDrop[] = [];
  for (const chain of ["INPUT", "OUTPUT"] as const) {
    host.firewall[chain].forEach((r, i) => {
      if (r.target !== "ACCEPT") drops.push({ chain, number: i + 1, spec: ruleSpec(chain, r) });
    });
  }
  return {
    kind: "host",
    key: keyOf("host", host.name),
    name: host.name,
    ip: host.ip,
    up: host.up,
    index,
    nodeId: node?.id ?? null,
    role: node ? (node.leader ? "leader" : node.role) : null,
    status: node?.status ?? null,
    availability: node?.availability ?? null,
    drops,
  };
}

function buildEndpoint(state: Readonly<WorldState>, host: HostState, c: ContainerState): TopoEndpoint {
  const swarm = swarmFor(state, host);
  const task = c.taskId && swarm ? swarm.tasks[c.taskId] : undefined;
  const service = task && swarm ? swarm.services[task.serviceId] : undefined;
  const addresses: TopoAddress[] = [];
  for (const [netId, ip] of Object.entries(c.addresses)) {
    const net = lookupNetwork(state, host, netId);
    if (net) addresses.push({ net: networkKey(net, host.name), ip, mac: macOf(ip) });
  }
  return {
    kind: "endpoint",
    key: keyOf("endpoint", c.id),
    id: c.id,
    host: host.name,
    name: c.name,
    image: c.image,
    state: c.state,
    serviceId: service?.id ?? null,
    serviceName: service?.name ?? null,
    slot: task?.slot ?? null,
    taskId: task?.id ?? null,
    addresses,
    ports: (c.ports ?? []).map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.protocol}`),
  };
}

/** Containers shown: running ones, and ones `docker run` made but could not start. Stopped ones leave the drawing. */
const shown = (c: ContainerState) => c.state !== "exited";

function buildNetworks(state: Readonly<WorldState>): TopoNetwork[] {
  const out: TopoNetwork[] = [];
  const overlays = new Map<string, { net: Network; hosts: Set<string> }>();
  for (const host of Object.values(state.hosts)) {
    const swarm = swarmFor(state, host);
    const used = new Set<string>();
    for (const c of Object.values(host.containers)) if (shown(c)) for (const id of Object.keys(c.addresses)) used.add(id);
    for (const net of Object.values(host.networks)) {
      // A local network is drawn where something uses it, and docker_gwbridge (the overlays' way out) always.
      if (net.driver !== "bridge" || (!used.has(net.id) && net.name !== "docker_gwbridge")) continue;
      out.push(networkRecord(net, networkKey(net, host.name), [host.name]));
    }
    if (!swarm || !host.up) continue;
    for (const net of Object.values(swarm.networks)) {
      // Every node of a swarm has an ingress sandbox; other overlays reach where an endpoint uses them.
      const reaches = net.ingress || used.has(net.id) || (host.overlays ?? []).includes(net.id);
      const entry = overlays.get(net.id) ?? { net, hosts: new Set<string>() };
      if (reaches) entry.hosts.add(host.name);
      overlays.set(net.id, entry);
    }
  }
  for (const { net, hosts } of overlays.values()) out.push(networkRecord(net, networkKey(net, ""), [...hosts]));
  return out;
}

function networkRecord(net: Network, key: string, hosts: string[]): TopoNetwork {
  return {
    kind: "network",
    key,
    id: net.id,
    name: net.name,
    driver: net.driver,
    scope: net.scope,
    subnet: net.subnet,
    gateway: net.gateway,
    vni: net.scope === "swarm" ? net.vni : null,
    encrypted: "encrypted" in net.options,
    ingress: net.scope === "swarm" && net.ingress,
    attachable: net.attachable,
    internal: net.internal,
    hosts: hosts.sort(byHostOrder),
  };
}


function buildServices(state: Readonly<WorldState>): TopoService[] {
  const out: TopoService[] = [];
  for (const swarm of Object.values(state.swarms)) {
    const running = new Map<string, number>();
    for (const t of Object.values(swarm.tasks)) if (t.state === "running") running.set(t.serviceId, (running.get(t.serviceId) ?? 0) + 1);
    for (const s of Object.values(swarm.services)) {
      out.push({
        kind: "service",
        key: keyOf("service", s.id),
        id: s.id,
        name: s.name,
        mode: s.mode,
        replicas: s.replicas,
        running: running.get(s.id) ?? 0,
        endpointMode: s.endpointMode,
        vips: Object.entries(s.vips).map(([net, ip]) => ({ net: keyOf("network", net), ip: ip.split("/")[0] })),
        ports: s.ports.map((p) => ({ published: p.publishedPort, target: p.targetPort, protocol: p.protocol, mode: p.publishMode })),
      });
    }
  }
  return out;
}

/** Every record of the topology, from the world as it is now. */
export function buildTopology(state: Readonly<WorldState>): TopoEntity[] {
  const hosts = Object.values(state.hosts).sort((a, b) => byHostOrder(a.name, b.name));
  const out: TopoEntity[] = hosts.map((h, i) => buildHost(state, h, i + 1));
  out.push(...buildNetworks(state), ...buildServices(state));
  for (const h of hosts) for (const c of Object.values(h.containers)) if (shown(c)) out.push(buildEndpoint(state, h, c));
  return out;
}

/**
 * The worker's side: what was last sent, record by record. `note()` takes simulator events and marks the
 * containers they touch; `flush()` rebuilds hosts, networks and services (a handful) and only the marked
 * containers, and answers the records that changed. `full()` compares everything (after a command, a
 * replay or an undo, when changes without events — iptables, network connect — may have happened).
 */
export class TopologyTracker {
  private sent = new Map<string, string>();
  private dirtyContainers = new Map<string, string | null>();
  private dirtyTasks = new Set<string>();
  private pending = false;

  /** Whether anything was noted since the last flush. */
  get dirty(): boolean {
    return this.pending;
  }

  note(e: SimEvent): void {
    switch (e.type) {
      case "packet.hop":
        return;
      case "container.started":
      case "container.stopped":
        this.dirtyContainers.set(e.containerId, e.host);
        break;
      case "task.state":
      case "task.scheduled":
        this.dirtyTasks.add(e.taskId);
        break;
    }
    this.pending = true;
  }

  /** Everything against what was sent. `reset` forgets what was sent (the page starts from nothing). */
  full(state: Readonly<WorldState>, reset = false): TopologyDiff {
    if (reset) this.sent.clear();
    this.dirtyContainers.clear();
    this.dirtyTasks.clear();
    this.pending = false;
    const all = buildTopology(state);
    const seen = new Set<string>();
    const set: TopoEntity[] = [];
    for (const e of all) {
      seen.add(e.key);
      if (this.remember(e)) set.push(e);
    }
    const del = [...this.sent.keys()].filter((k) => !seen.has(k));
    for (const k of del) this.sent.delete(k);
    return { set, del };
  }

  /** What the noted events changed. */
  flush(state: Readonly<WorldState>): TopologyDiff {
    this.pending = false;
    const set: TopoEntity[] = [];
    const del: string[] = [];
    const small: TopoEntity[] = [];
    const hosts = Object.values(state.hosts).sort((a, b) => byHostOrder(a.name, b.name));
    hosts.forEach((h, i) => small.push(buildHost(state, h, i + 1)));
    small.push(...buildNetworks(state), ...buildServices(state));
    const smallKeys = new Set(small.map((e) => e.key));
    for (const e of small) if (this.remember(e)) set.push(e);
    for (const k of this.sent.keys()) {
      if (!k.startsWith(PREFIX.endpoint) && !smallKeys.has(k)) del.push(k);
    }
    // Tasks name their containers through the swarm's record.
    for (const taskId of this.dirtyTasks) {
      for (const swarm of Object.values(state.swarms)) {
        const t = swarm.tasks[taskId];
        const node = t?.nodeId ? swarm.nodes[t.nodeId] : undefined;
        if (t?.containerId && node) this.dirtyContainers.set(t.containerId, node.hostname);
      }
    }
    for (const [id, hostName] of this.dirtyContainers) {
      const key = keyOf("endpoint", id);
      const host = hostName ? state.hosts[hostName] : undefined;
      const c = host?.containers[id];
      if (host && c && shown(c)) {
        const e = buildEndpoint(state, host, c);
        if (this.remember(e)) set.push(e);
      } else if (this.sent.has(key)) del.push(key);
    }
    for (const k of del) this.sent.delete(k);
    this.dirtyContainers.clear();
    this.dirtyTasks.clear();
    return { set, del };
  }

  /** Records `e` as sent; whether it differs from what was sent before. */
  private remember(e: TopoEntity): boolean {
    const json = JSON.stringify(e);
    if (this.sent.get(e.key) === json) return false;
    this.sent.set(e.key, json);
    return true;
  }
}

