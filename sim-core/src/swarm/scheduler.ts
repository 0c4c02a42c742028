/**
 * Placement: which nodes may run a task (ready, active, matching every constraint), and which of them
 * gets the next one — the node with the fewest tasks of this service, then the fewest tasks overall,
 * then by hostname, so tasks spread and every run places them the same way.
 */
import type { NodeState, ServiceState, SwarmState } from "../model/state";

export interface Constraint {
  key: string;
  op: "==" | "!=";
  value: string;
}

export function parseConstraint(text: string): Constraint | null {
  const m = /^\s*([\w.-]+)\s*(==|!=)\s*(.+?)\s*$/.exec(text);
  return m ? { key: m[1].toLowerCase(), op: m[2] as Constraint["op"], value: m[3] } : null;
}

function nodeValue(node: NodeState, key: string): string | null {
  switch (key) {
    case "node.id":
      return node.id;
    case "node.hostname":
      return node.hostname;
    case "node.role":
      return node.role;
    case "node.platform.os":
      return "linux";
    case "node.platform.arch":
      return "x86_64";
    default:
      return null;
  }
}

export function satisfies(node: NodeState, constraints: readonly Constraint[]): boolean {
  return constraints.every((c) => {
    const v = nodeValue(node, c.key);
    const equal = v !== null && v.toLowerCase() === c.value.toLowerCase();
    return c.op === "==" ? equal : !equal;
  });
}

/** Natural order of hostnames (node-2 before node-10); one collator, since building one per compare is slow. */
export const naturalOrder = new Intl.Collator("en", { numeric: true }).compare;

/** Nodes that may run the service's tasks, in hostname order (the scheduler's tie-break). */
export function eligibleNodes(swarm: SwarmState, service: ServiceState): { eligible: NodeState[]; considered: number } {
  const constraints = service.constraints.map(parseConstraint).filter((c): c is Constraint => c !== null);
  const live = Object.values(swarm.nodes).filter((n) => n.status === "ready");
  const eligible = live.filter((n) => n.availability === "active" && satisfies(n, constraints)).sort((a, b) => naturalOrder(a.hostname, b.hostname));
  return { eligible, considered: live.length };
}

/** Running-or-starting tasks per node: of this service, and of all services. */
export function loadByNode(swarm: SwarmState, serviceId: string): { mine: Map<string, number>; all: Map<string, number> } {
  const mine = new Map<string, number>();
  const all = new Map<string, number>();
  for (const t of Object.values(swarm.tasks)) {
    if (t.desiredState !== "running" || !t.nodeId) continue;
    all.set(t.nodeId, (all.get(t.nodeId) ?? 0) + 1);
    if (t.serviceId === serviceId) mine.set(t.nodeId, (mine.get(t.nodeId) ?? 0) + 1);
  }
  return { mine, all };
}

/** The least-loaded candidate; `candidates` come in hostname order, so the first of equals wins. */
export function pickNode(candidates: readonly NodeState[], load: { mine: Map<string, number>; all: Map<string, number> }): NodeState | null {
  let best: NodeState | null = null;
  let bestMine = 0;
  let bestAll = 0;
  for (const n of candidates) {
    const mine = load.mine.get(n.id) ?? 0;
    const all = load.all.get(n.id) ?? 0;
    if (!best || mine < bestMine || (mine === bestMine && all < bestAll)) {
      best = n;
      bestMine = mine;
      bestAll = all;
    }
  }
  return best;
}

export function noSuitableNode(considered: number): string {
  return `no suitable node (scheduling constraints not satisfied on ${considered} node${considered === 1 ? "" : "s"})`;
}
