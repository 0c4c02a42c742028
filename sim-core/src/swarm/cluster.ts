/**
 * Swarm membership: init, join tokens, join, leave, promote/demote, and the manager checks every
 * cluster-wide command goes through. Errors are data (SimError) with Docker's daemon texts.
 */
import { managerStats, naturalOrder, nodeOf, requireManager, swarmOf } from "../engine/lookup";

export { managerStats, nodeOf, requireManager, swarmOf } from "../engine/lookup";
import { caDigest, joinToken, swarmId, tokenSecret } from "../engine/ids";
import { err, ok, type Result } from "../engine/errors";
import type { World } from "../engine/world";
import { conversationOpen } from "../net/firewall";
import { addSwarmNetworks, VNI_START } from "../net/networks";
import type { Availability, NodeState, Role, SwarmState } from "../model/state";

export const MANAGER_PORT = 2377;
export const DEFAULT_DATA_PATH_PORT = 4789;

export interface InitOptions {
  advertiseAddr?: string;
  dataPathPort?: number;
  availability?: Availability;
  defaultAddrPool?: string[];
  subnetSize?: number;
}

function newNode(world: World, hostName: string, role: Role, availability: Availability = "active"): NodeState {
  const host = world.state.hosts[hostName];
  return {
    id: swarmId(world.rng),
    hostname: host.name,
    addr: host.ip,
    role,
    availability,
    status: "ready",
    leader: false,
    labels: {},
    createdAt: world.state.now,
  };
}

export function swarmInit(world: World, hostName: string, options: InitOptions = {}): Result<{ nodeId: string }> {
  const host = world.host(hostName);
  if (!host.ok) return host;
  if (host.value.nodeId) return err({ code: "already-in-swarm" });
  // moby's validateDefaultAddrPool, then getDataPathPort (daemon/cluster/swarm.go Init).
  const size = options.subnetSize || 24;
  if (options.defaultAddrPool?.length) {
    if (size > 29) return err({ code: "subnet-size-range", data: { size } });
    const wide = options.defaultAddrPool.find((p) => size < Number(p.split("/")[1]));
    if (wide) return err({ code: "subnet-size-too-small", data: { pool: wide, size } });
  }
  const port = options.dataPathPort ?? 0;
  if (port !== 0 && (port < 1024 || port > 49151)) return err({ code: "data-path-port-range", data: { port } });

  const node = newNode(world, hostName, "manager", options.availability);
  node.leader = true;
  if (options.advertiseAddr) node.addr = options.advertiseAddr.replace(/:\d+$/, "");
  const swarm: SwarmState = {
    id: swarmId(world.rng),
    createdAt: world.state.now,
    caDigest: caDigest(world.rng),
    secrets: { worker: tokenSecret(world.rng), manager: tokenSecret(world.rng) },
    dataPathPort: port || DEFAULT_DATA_PATH_PORT,
    defaultAddrPool: options.defaultAddrPool?.length ? options.defaultAddrPool : ["10.0.0.0/8"],
    subnetSize: size,
    nodes: { [node.id]: node },
    networks: {},
    nextVni: VNI_START,
    services: {},
    tasks: {},
  };
  world.state.swarms[swarm.id] = swarm;
  host.value.swarmId = swarm.id;
  host.value.nodeId = node.id;
  world.announce({ type: "node.state", nodeId: node.id, hostname: node.hostname, state: "ready" });
  addSwarmNetworks(world, host.value, swarm, true);
  return ok({ nodeId: node.id });
}

export function joinTokenFor(world: World, hostName: string, role: Role, rotate = false): Result<{ token: string; addr: string }> {
  const m = requireManager(world, hostName);
  if (!m.ok) return m;
  if (rotate) m.value.swarm.secrets[role] = tokenSecret(world.rng);
  return ok({ token: joinToken(m.value.swarm.caDigest, m.value.swarm.secrets[role]), addr: `${m.value.node.addr}:${MANAGER_PORT}` });
}

export function swarmJoin(world: World, hostName: string, token: string, remote: string, availability?: Availability): Result<{ role: Role }> {
  const host = world.host(hostName);
  if (!host.ok) return host;
  if (host.value.nodeId) return err({ code: "already-in-swarm" });
  const [addr, port = String(MANAGER_PORT)] = remote.split(":");
  const swarm = Object.values(world.state.swarms).find((sw) =>
    Object.values(sw.nodes).some((n) => n.role === "manager" && n.status === "ready" && n.addr === addr),
  );
  const managerHost = swarm && Object.values(world.state.hosts).find((h) => h.swarmId === swarm.id && h.ip === addr);
  // Nothing answers on that address and port, or a firewall drops the manager API: the join waits, then gives up.
  if (!swarm || !managerHost || Number(port) !== MANAGER_PORT || !conversationOpen(host.value, managerHost, "tcp", MANAGER_PORT)) {
    const reason = swarm && managerHost && Number(port) === MANAGER_PORT ? "firewall" : "no-manager";
    world.announce({ type: "swarm.join-failed", host: hostName, remote, reason });
    return err({ code: "join-timeout", data: { addr: remote } });
  }
  const role = (Object.keys(swarm.secrets) as Role[]).find((r) => token === joinToken(swarm.caDigest, swarm.secrets[r]));
  if (!role) return err({ code: "invalid-join-token" });

  const node = newNode(world, hostName, role, availability);
  swarm.nodes[node.id] = node;
  host.value.swarmId = swarm.id;
  host.value.nodeId = node.id;
  world.announce({ type: "node.state", nodeId: node.id, hostname: node.hostname, state: "ready" });
  addSwarmNetworks(world, host.value, swarm, false);
  return ok({ role });
}

export function swarmLeave(world: World, hostName: string, force = false): Result<null> {
  const host = world.host(hostName);
  if (!host.ok) return host;
  const node = nodeOf(world, hostName);
  const swarm = swarmOf(world, hostName);
  if (!node || !swarm) return err({ code: "not-in-swarm" });
  if (node.role === "manager" && !force) {
    const { reachable, unreachable } = managerStats(swarm);
    return err({
      code: "manager-leave",
      data: {
        last: reachable === 1 && unreachable === 0,
        losesQuorum: reachable - 2 <= unreachable,
        reachableAfter: reachable - 1,
        total: reachable + unreachable,
      },
    });
  }
  host.value.swarmId = null;
  host.value.nodeId = null;
  if (node.role === "manager" && managerStats(swarm).reachable === 1) {
    // The last manager is gone: the swarm's state goes with it, and its workers are left orphaned.
    delete world.state.swarms[swarm.id];
    for (const h of Object.values(world.state.hosts)) {
      if (h.swarmId === swarm.id) {
        h.swarmId = null;
        h.nodeId = null;
      }
    }
    return ok(null);
  }
  // The others keep listing it as Down until it is removed.
  node.status = "down";
  world.announce({ type: "node.state", nodeId: node.id, hostname: node.hostname, state: "down" });
  if (node.leader) {
    node.leader = false;
    const next = Object.values(swarm.nodes).find((n) => n.role === "manager" && n.status === "ready");
    if (next) next.leader = true;
  }
  return ok(null);
}

/** Docker's lookup for a node argument: full ID, then hostname, then a unique ID prefix ("self" is the caller). */
export function findNode(world: World, fromHost: string, ref: string): Result<NodeState> {
  const m = requireManager(world, fromHost);
  if (!m.ok) return m;
  const nodes = Object.values(m.value.swarm.nodes);
  if (ref === "self") return ok(m.value.node);
  const exact = nodes.find((n) => n.id === ref) ?? nodes.filter((n) => n.hostname === ref);
  if (!Array.isArray(exact)) return ok(exact);
  if (exact.length === 1) return ok(exact[0]);
  const byPrefix = nodes.filter((n) => n.id.startsWith(ref));
  if (byPrefix.length === 1 && ref.length > 0) return ok(byPrefix[0]);
  if (byPrefix.length > 1 || exact.length > 1) return err({ code: "node-ambiguous", data: { ref, matches: Math.max(byPrefix.length, exact.length) } });
  return err({ code: "node-not-found", data: { ref } });
}

export function setRole(world: World, fromHost: string, ref: string, role: Role): Result<{ node: NodeState; changed: boolean }> {
  const found = findNode(world, fromHost, ref);
  if (!found.ok) return found;
  const node = found.value;
  if (node.role === role) return ok({ node, changed: false });
  if (role === "worker") {
    const swarm = swarmOf(world, fromHost)!;
    const { reachable } = managerStats(swarm);
    if (reachable <= 1) return err({ code: "demote-last-manager" });
    if (node.leader) {
      node.leader = false;
      const next = Object.values(swarm.nodes).find((n) => n.role === "manager" && n.id !== node.id && n.status === "ready");
      if (next) next.leader = true;
    }
  }
  node.role = role;
  world.announce({ type: "node.role", nodeId: node.id, hostname: node.hostname, role });
  return ok({ node, changed: true });
}

/** Nodes as `docker node ls` lists them: by hostname, naturally sorted. */
export function listNodes(world: World, fromHost: string): Result<NodeState[]> {
  const m = requireManager(world, fromHost);
  if (!m.ok) return m;
  return ok(Object.values(m.value.swarm.nodes).sort((a, b) => naturalOrder(a.hostname, b.hostname) || a.id.localeCompare(b.id)));
}

/** `docker node rm`: a node must be down (or forced), and a manager must be demoted first. */
export function removeNode(world: World, fromHost: string, ref: string, force = false): Result<NodeState> {
  const found = findNode(world, fromHost, ref);
  if (!found.ok) return found;
  const node = found.value;
  if (node.role === "manager") return err({ code: "node-is-manager", data: { id: node.id } });
  if (node.status !== "down" && !force) return err({ code: "node-not-down", data: { id: node.id } });
  const swarm = swarmOf(world, fromHost)!;
  delete swarm.nodes[node.id];
  for (const t of Object.values(swarm.tasks)) if (t.nodeId === node.id && t.desiredState !== "shutdown") t.desiredState = "shutdown";
  const host = world.state.hosts[node.hostname];
  if (host?.nodeId === node.id) {
    // A forced removal leaves the engine outside the swarm.
    host.swarmId = null;
    host.nodeId = null;
  }
  return ok(node);
}
