/**
 * Placement: which nodes may run a task (ready, active, matching every constraint), and which of them
 * gets the next one — the node with the fewest tasks of this service, then the fewest tasks overall,
 * then by hostname, so tasks spread and every run places them the same way.
 */
import { naturalOrder } from "../engine/lookup";
import type { SimError } from "../engine/errors";
import type { NodeState, ServiceState, SwarmState } from "../model/state";
import { contains, parseCidr, parseIp } from "../net/ipam";

export { naturalOrder };

export interface Constraint {
  /** As written: keys match case-insensitively, but a label's name is case-sensitive. */
  key: string;
  op: "==" | "!=";
  value: string;
}

// swarmkit manager/constraint: the key and value patterns, and the operators in the order they are tried.
const KEY = /^[a-z_][a-z0-9\-_.]+$/i;
const VALUE = /^[a-z0-9:\-_\s.*()?+[\]\\^$|/]+$/i;
const OPERATORS = ["==", "!="] as const;
const NODE_LABELS = "node.labels.";
const ENGINE_LABELS = "engine.labels.";

/** Parses one constraint as swarmkit does, or says what is wrong with it (Docker's text for each case). */
export function parseConstraintOrError(text: string): Constraint | Extract<SimError, { code: "invalid-constraint" }> {
  for (const op of OPERATORS) {
    const at = text.indexOf(op);
    if (at < 0) continue;
    const key = text.slice(0, at).trim();
    if (!KEY.test(key)) return { code: "invalid-constraint", data: { problem: "key", text: key } };
    const value = text.slice(at + op.length).trim();
    if (!VALUE.test(value)) return { code: "invalid-constraint", data: { problem: "value", text: value } };
    return { key, op, value };
  }
  return { code: "invalid-constraint", data: { problem: "operator" } };
}

export function parseConstraint(text: string): Constraint | null {
  const c = parseConstraintOrError(text);
  return "code" in c ? null : c;
}

/** The first constraint the daemon would refuse, as its error; null when all parse. */
export function constraintsError(texts: readonly string[]): SimError | null {
  for (const t of texts) {
    const c = parseConstraintOrError(t);
    if ("code" in c) return c;
  }
  return null;
}

const hasPrefix = (key: string, prefix: string) => key.length > prefix.length && key.slice(0, prefix.length).toLowerCase() === prefix;

/**
 * The node's value for a constraint key (an absent label reads as "", as in swarmkit), or null for a key
 * swarmkit does not know, which no node satisfies whatever the operator. The simulated engines carry no
 * engine labels.
 */
function nodeValue(node: NodeState, key: string): string | null {
  switch (key.toLowerCase()) {
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
  }
  if (hasPrefix(key, NODE_LABELS)) return node.labels?.[key.slice(NODE_LABELS.length)] ?? "";
  if (hasPrefix(key, ENGINE_LABELS)) return "";
  return null;
}

/** `node.ip`: one address or a CIDR; anything else matches no node, whatever the operator. */
function ipMatches(node: NodeState, c: Constraint): boolean {
  const addr = parseIp(node.addr);
  const single = parseIp(c.value);
  const cidr = parseCidr(c.value);
  let inside: boolean;
  if (addr === null) return false;
  if (single !== null) inside = single === addr;
  else if (cidr.ok) inside = contains(cidr.value, addr);
  else return false;
  return c.op === "==" ? inside : !inside;
}

export function satisfies(node: NodeState, constraints: readonly Constraint[]): boolean {
  return constraints.every((c) => {
    if (c.key.toLowerCase() === "node.ip") return ipMatches(node, c);
    const v = nodeValue(node, c.key);
    if (v === null) return false;
    const equal = v.toLowerCase() === c.value.toLowerCase();
    return c.op === "==" ? equal : !equal;
  });
}

/** Natural order of hostnames (node-2 before node-10); one collator, since building one per compare is slow. */

/** What every simulated node offers the scheduler (`docker node inspect` shows the same). */
export const NODE_CPUS = 2;
export const NODE_MEMORY_BYTES = 4109328384;

/** What the service's tasks reserve on a node, the tasks already there taken off (swarmkit's AvailableResources). */
function fitsReservation(swarm: SwarmState, service: ServiceState, node: NodeState): boolean {
  const want = service.resources?.reservations;
  if (!want || (want.memoryBytes === 0 && want.nanoCPUs === 0)) return true;
  let memory = NODE_MEMORY_BYTES;
  let cpus = NODE_CPUS * 1e9;
  for (const t of Object.values(swarm.tasks)) {
    if (t.nodeId !== node.id || t.desiredState === "shutdown") continue;
    const r = swarm.services[t.serviceId]?.resources?.reservations;
    memory -= r?.memoryBytes ?? 0;
    cpus -= r?.nanoCPUs ?? 0;
  }
  return want.memoryBytes <= memory && want.nanoCPUs <= cpus;
}

function underMaxReplicas(swarm: SwarmState, service: ServiceState, node: NodeState): boolean {
  if (!service.maxReplicas) return true;
  let count = 0;
  for (const t of Object.values(swarm.tasks)) if (t.serviceId === service.id && t.nodeId === node.id && t.desiredState !== "shutdown") count++;
  return count < service.maxReplicas;
}

/**
 * swarmkit's filter pipeline (manager/scheduler/pipeline.go): each ready node goes through the filters in
 * order and counts against the first one it fails; the explanation lists the filters by failures, most
 * first, as `no suitable node (…)` shows it.
 */
const FILTERS = [
  { explain: (n: number) => (n === 1 ? "1 node not available for new tasks" : `${n} nodes not available for new tasks`) },
  { explain: (n: number) => `insufficient resources on ${n} node${n === 1 ? "" : "s"}` },
  { explain: (n: number) => `scheduling constraints not satisfied on ${n} node${n === 1 ? "" : "s"}` },
  { explain: () => "max replicas per node limit exceed" },
];

/** Nodes that may run the service's tasks, in hostname order (the scheduler's tie-break), and why the others may not. */
export function eligibleNodes(swarm: SwarmState, service: ServiceState): { eligible: NodeState[]; considered: number; explanation: string } {
  const constraints = service.constraints.map(parseConstraint).filter((c): c is Constraint => c !== null);
  const live = Object.values(swarm.nodes).filter((n) => n.status === "ready");
  const failures = FILTERS.map(() => 0);
  const checks = [
    (n: NodeState) => n.availability === "active",
    (n: NodeState) => fitsReservation(swarm, service, n),
    (n: NodeState) => satisfies(n, constraints),
    (n: NodeState) => underMaxReplicas(swarm, service, n),
  ];
  const eligible = live
    .filter((n) => {
      const failed = checks.findIndex((check) => !check(n));
      if (failed >= 0) failures[failed]++;
      return failed < 0;
    })
    .sort((a, b) => naturalOrder(a.hostname, b.hostname));
  const explanation = FILTERS.map((filter, i) => ({ i, n: failures[i], text: filter.explain(failures[i]) }))
    .filter((e) => e.n > 0)
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map((e) => e.text)
    .join("; ");
  return { eligible, considered: live.length, explanation: explanation ? `no suitable node (${explanation})` : "no suitable node" };
}

/**
 * Placement preferences (`spread=node.labels.zone`): the candidates in the groups of that label holding
 * the fewest tasks of the service, one descriptor after the other, as swarmkit's decision tree spreads them.
 */
export function spreadCandidates(service: ServiceState, candidates: readonly NodeState[], mine: Map<string, number>): NodeState[] {
  let pool = [...candidates];
  for (const descriptor of service.placementPrefs ?? []) {
    const groupOf = (n: NodeState) => nodeValue(n, descriptor) ?? "";
    const counts = new Map<string, number>();
    for (const n of candidates) counts.set(groupOf(n), (counts.get(groupOf(n)) ?? 0) + (mine.get(n.id) ?? 0));
    const fewest = Math.min(...pool.map((n) => counts.get(groupOf(n)) ?? 0));
    pool = pool.filter((n) => (counts.get(groupOf(n)) ?? 0) === fewest);
  }
  return pool;
}

/** Live tasks per node (running, starting, or ready to restart): of this service, and of all services. */
export function loadByNode(swarm: SwarmState, serviceId: string): { mine: Map<string, number>; all: Map<string, number> } {
  const mine = new Map<string, number>();
  const all = new Map<string, number>();
  for (const t of Object.values(swarm.tasks)) {
    if (t.desiredState === "shutdown" || !t.nodeId) continue;
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
