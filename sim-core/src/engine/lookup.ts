/**
 * Shared lookups every floor needs (the swarm a host is in, its node, the manager check, the natural order
 * of names), kept on the lowest floor so that net/, swarm/ and the CLI all call down to them.
 */
import { err, ok, type Result } from "./errors";
import type { World } from "./world";
import type { NodeState, SwarmState } from "../model/state";

export { naturalOrder } from "./order";

/** The swarm a host is part of, if any. */
export function swarmOf(world: World, hostName: string): SwarmState | null {
  const id = world.state.hosts[hostName]?.swarmId;
  return id ? (world.state.swarms[id] ?? null) : null;
}

/** The swarm node of a host, when the host is part of a swarm. */
export function nodeOf(world: World, hostName: string): NodeState | null {
  const id = world.state.hosts[hostName]?.nodeId;
  return id ? (swarmOf(world, hostName)?.nodes[id] ?? null) : null;
}

/** Reachable and unreachable managers: what Raft's quorum arithmetic counts. */
export function managerStats(swarm: SwarmState): { reachable: number; unreachable: number } {
  const managers = Object.values(swarm.nodes).filter((n) => n.role === "manager");
  const reachable = managers.filter((n) => n.status === "ready").length;
  return { reachable, unreachable: managers.length - reachable };
}

/** What every manager-only command checks first, with Docker's two different refusals. */
export function requireManager(world: World, hostName: string): Result<{ swarm: SwarmState; node: NodeState }> {
  const node = nodeOf(world, hostName);
  const swarm = swarmOf(world, hostName);
  if (!node || !swarm) return err({ code: "not-swarm-manager" });
  if (node.role !== "manager") return err({ code: "worker-not-manager" });
  // Raft needs a majority: without it there is no leader and the cluster state can be neither read nor changed.
  const { reachable, unreachable } = managerStats(swarm);
  if (reachable <= (reachable + unreachable) / 2) return err({ code: "no-leader" });
  return ok({ swarm, node });
}
