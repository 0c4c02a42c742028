/**
 * The per-node load-balancer endpoint of an overlay. Swarmkit's allocator gives a node an address on every
 * overlay that one of its live tasks uses (`getNodeNetworks`, `allocateNode`: the node's network attachments,
 * standalone containers on attachable overlays included, since their network attachments are tasks too), and
 * frees it when the node's last such task ends. The node's engine puts that address on a load-balancer sandbox
 * (libnetwork `createLoadBalancerSandbox`: sandbox `<net>-sbox`, endpoint `<net>-endpoint`), which
 * `docker network inspect` lists as `"lb-<net>": {"Name": "<net>-endpoint", …}`. On ingress the node's
 * `ingress-sbox` is that endpoint. Task addresses are allocated before the task is placed, so a new
 * service's tasks take the addresses after its VIP and the nodes' load-balancer addresses come after them.
 */
import type { World } from "../engine/world";
import type { SwarmState, TaskStateName } from "../model/state";
import { allocateEndpoint, releaseEndpoint } from "./networks";

export const lbOwner = (nodeId: string) => `lb:${nodeId}`;

/** Task states up to Running: a task past them needs no attachment (swarmkit `getNodeNetworks`). */
const LIVE: ReadonlySet<TaskStateName> = new Set(["new", "pending", "assigned", "ready", "starting", "running"]);

/**
 * Brings the load-balancer addresses of the given nodes in line with the overlays their live tasks and
 * standalone containers use: new ones allocated in the order the nodes are given, unused ones released.
 */
export function syncLoadBalancers(world: World, swarm: SwarmState, nodeIds: Iterable<string>): void {
  const wanted = new Map<string, Set<string>>();
  for (const id of nodeIds) if (swarm.nodes[id] && !wanted.has(id)) wanted.set(id, new Set());
  if (wanted.size === 0) return;
  const overlay = (netId: string) => {
    const net = swarm.networks[netId];
    return net !== undefined && !net.ingress;
  };
  for (const t of Object.values(swarm.tasks)) {
    const set = t.nodeId ? wanted.get(t.nodeId) : undefined;
    if (!set || !LIVE.has(t.state)) continue;
    for (const netId in t.addresses) if (overlay(netId)) set.add(netId);
  }
  for (const [nodeId, set] of wanted) {
    const node = swarm.nodes[nodeId];
    const host = world.state.hosts[node.hostname];
    if (host && host.swarmId === swarm.id) {
      for (const c of Object.values(host.containers)) if (!c.taskId) for (const netId in c.addresses) if (overlay(netId)) set.add(netId);
    }
    const held = node.lbAddresses ?? {};
    for (const [netId, ip] of Object.entries(held)) {
      if (set.has(netId)) continue;
      releaseEndpoint(swarm.networks[netId], ip);
      delete held[netId];
    }
    for (const netId of set) {
      if (held[netId]) continue;
      const ip = allocateEndpoint(swarm.networks[netId], lbOwner(nodeId));
      if (ip.ok) held[netId] = ip.value;
    }
    if (Object.keys(held).length > 0) node.lbAddresses = held;
    else delete node.lbAddresses;
  }
}

/** Nodes whose tasks changed during the batch under way, if one is (see `lbBatch`). */
let batch: string[] | null = null;

/**
 * A task or container on the node started or ended: its load-balancer addresses follow, at once or, inside
 * `lbBatch`, when the batch ends (as swarmkit allocates a batch of tasks before it sees them placed).
 */
export function nodeEndpointsChanged(world: World, swarm: SwarmState, nodeId: string | null): void {
  if (!nodeId) return;
  if (batch) batch.push(nodeId);
  else syncLoadBalancers(world, swarm, [nodeId]);
}

/** Runs `fn`, then allocates and frees the load-balancer addresses of the nodes whose tasks it changed. */
export function lbBatch<T>(world: World, swarm: SwarmState, fn: () => T): T {
  if (batch) return fn();
  batch = [];
  try {
    return fn();
  } finally {
    const nodes = batch;
    batch = null;
    syncLoadBalancers(world, swarm, nodes);
  }
}
