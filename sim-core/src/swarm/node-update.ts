/**
 * `docker node update` as one change to a node's spec (role, availability, labels), followed — as after
 * every node update in swarmkit — by the constraint enforcer: on an active node, a task whose service's
 * constraints the node no longer meets is rejected ("assigned node no longer meets constraints") and the
 * orchestrator places a replacement where the constraints hold. A paused node keeps its tasks; a
 * drained one loses them to the orchestrator anyway.
 */
import { ok, type Result } from "../engine/errors";
import type { World } from "../engine/world";
import type { Availability, NodeState, Role, SwarmState } from "../model/state";
import { lbBatch } from "../net/lb";
import { findNode, removeNode, setRole, swarmOf } from "./cluster";
import { parseConstraint, satisfies, type Constraint } from "./scheduler";
import { reconcile } from "./reconcile";
import { stopTask } from "./tasks";

export interface NodeChange {
  role?: Role;
  availability?: Availability;
  /** The node's labels after the update (the CLI merges --label-add and --label-rm into them). */
  labels?: Record<string, string>;
}

export const REJECTED_BY_ENFORCER = "assigned node no longer meets constraints";

export function updateNode(world: World, fromHost: string, ref: string, change: NodeChange): Result<NodeState> {
  const found = findNode(world, fromHost, ref);
  if (!found.ok) return found;
  const node = found.value;
  if (change.role) {
    const r = setRole(world, fromHost, node.id, change.role);
    if (!r.ok) return r;
  }
  if (change.availability && change.availability !== node.availability) {
    node.availability = change.availability;
    world.announce({ type: "node.availability", nodeId: node.id, hostname: node.hostname, availability: node.availability });
  }
  if (change.labels) node.labels = { ...change.labels };
  nodeUpdated(world, swarmOf(world, fromHost)!, node);
  return ok(node);
}

/** What follows any change to a node: the constraint enforcer, then the orchestrator. */
export function nodeUpdated(world: World, swarm: SwarmState, node: NodeState): void {
  lbBatch(world, swarm, () => enforce(world, swarm, node));
}

function enforce(world: World, swarm: SwarmState, node: NodeState): void {
  if (node.availability === "active") {
    for (const t of Object.values(swarm.tasks)) {
      if (t.nodeId !== node.id || t.desiredState === "shutdown" || t.state === "pending") continue;
      const constraints = (swarm.services[t.serviceId]?.constraints ?? []).map(parseConstraint).filter((c): c is Constraint => c !== null);
      if (constraints.length === 0 || satisfies(node, constraints)) continue;
      stopTask(world, swarm, t, "rejected");
      t.error = REJECTED_BY_ENFORCER;
    }
  }
  reconcile(world, swarm);
}

/**
 * `docker node promote` / `demote`: the role changes (never the last manager) and, when it did, the swarm
 * runs what follows every node update. `changed` is false when the node already had that role.
 */
export function changeRole(world: World, fromHost: string, ref: string, role: Role): Result<{ node: NodeState; changed: boolean }> {
  const r = setRole(world, fromHost, ref, role);
  if (r.ok && r.value.changed) nodeUpdated(world, swarmOf(world, fromHost)!, r.value.node);
  return r;
}

/** `docker node rm`: the node leaves the swarm's list (cluster.ts's rules) and its tasks are placed elsewhere. */
export function removeNodeFromSwarm(world: World, fromHost: string, ref: string, force = false): Result<NodeState> {
  const r = removeNode(world, fromHost, ref, force);
  const swarm = swarmOf(world, fromHost);
  if (r.ok && swarm) reconcile(world, swarm);
  return r;
}
