/**
 * docker network prune [-f] [--filter …] (docker/cli cli/command/network/prune.go over moby's
 * daemon/prune.go): on a manager, every swarm network but ingress that no service or running task uses;
 * then this engine's own networks without an endpoint. bridge, host and none never go; docker_gwbridge
 * goes only once the engine has left its swarm (the ingress sandbox keeps an endpoint on it until then).
 */
import { parseGoDuration } from "../../flags";
import { requireManager } from "../../../swarm/cluster";
import { removeNetwork, type Network } from "../../../net/networks";
import type { World } from "../../../engine/world";
import type { CommandSpec } from "../../types";
import { confirm, worldOf } from "./common";

const PREDEFINED = new Set(["bridge", "host", "none", "default"]);
const ACCEPTED_FILTERS = new Set(["label", "label!", "until"]);

const WARNING = "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?";

type Filters = Map<string, string[]>;

/** FilterOpt.Set: `name=value`, the name lower-cased. */
function filterValue(value: string): string | undefined {
  return value === "" || value.includes("=") ? undefined : "bad format of filter (expected name=value)";
}

function parseFilters(values: string[]): Filters {
  const filters: Filters = new Map();
  for (const v of values.filter(Boolean)) {
    const i = v.indexOf("=");
    const name = v.slice(0, i).trim().toLowerCase();
    filters.set(name, [...(filters.get(name) ?? []), v.slice(i + 1).trim()]);
  }
  return filters;
}

/** timestamp.GetTimestamp for `until`: a Go duration before now, Unix seconds, or an RFC 3339 date. */
function untilTime(value: string, now: number): number | string {
  const d = parseGoDuration(value);
  if (typeof d === "number" && value !== "0") return now - d;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  // Dates without a zone are read as UTC, the lab's local time.
  const zoned = /T.*(Z|[+-]\d\d:\d\d)$/.test(value) || !value.includes("T") ? value : `${value}Z`;
  const t = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(zoned) : NaN;
  return Number.isNaN(t) ? `failed to parse value as time or duration: "${value}"` : t;
}

/** filters.Args.MatchKVList: every `key` or `key=value` given matches the labels. */
function matchLabels(wanted: string[], labels: Record<string, string>): boolean {
  return wanted.every((w) => {
    const [k, ...rest] = w.split("=");
    return k in labels && (rest.length === 0 || labels[k] === rest.join("="));
  });
}

function matches(filters: Filters, until: number | null, n: Network): boolean {
  if (filters.has("label") && !matchLabels(filters.get("label")!, n.labels)) return false;
  if (filters.has("label!") && matchLabels(filters.get("label!")!, n.labels)) return false;
  return until === null || n.createdAt <= until;
}

/** What the daemon removes, cluster networks first (each group by name). */
function prune(world: World, hostName: string, filters: Filters, until: number | null): string[] {
  const deleted: string[] = [];
  const host = world.state.hosts[hostName];
  const m = requireManager(world, hostName);
  if (m.ok) {
    const swarm = m.value.swarm;
    const liveTask = (id: string) => Object.values(swarm.tasks).some((t) => t.desiredState === "running" && t.addresses[id] && !["shutdown", "failed", "rejected"].includes(t.state));
    const inUse = (id: string) =>
      Object.values(swarm.services).some((s) => s.networks.includes(id)) ||
      liveTask(id) ||
      Object.values(world.state.hosts).some((h) => Object.values(h.containers).some((c) => c.addresses[id]));
    const candidates = Object.values(swarm.networks)
      .filter((n) => !n.ingress && !inUse(n.id) && matches(filters, until, n))
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const n of candidates) if (removeNetwork(world, hostName, n.id).ok) deleted.push(n.name);
  }
  const hasEndpoints = (n: Network) => Object.values(host.containers).some((c) => c.addresses[n.id]) || (n.name === "docker_gwbridge" && host.swarmId !== null);
  const local = Object.values(host.networks)
    .filter((n) => !PREDEFINED.has(n.name) && !hasEndpoints(n) && matches(filters, until, n))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const n of local) if (removeNetwork(world, hostName, n.id).ok) deleted.push(n.name);
  return deleted;
}

export const networkPruneCmd: CommandSpec = {
  path: ["network", "prune"],
  use: "prune [OPTIONS]",
  short: "Remove all unused networks",
  args: { kind: "none" },
  flags: [
    { name: "filter", type: "list", valueName: "filter", usage: 'Provide filter values (e.g. "until=<timestamp>")', validate: filterValue },
    { name: "force", short: "f", type: "bool", usage: "Do not prompt for confirmation" },
  ],
  async run(ctx, io) {
    // A cancelled prune is not an error to docker: nothing more is printed and the exit status is 0.
    if (!ctx.flags.get<boolean>("force") && !confirm(io, WARNING)) return 0;
    const filters = parseFilters(ctx.flags.get<string[]>("filter") ?? []);
    const unknown = [...filters.keys()].find((k) => !ACCEPTED_FILTERS.has(k));
    if (unknown !== undefined) {
      io.err(`Error response from daemon: invalid filter '${unknown}'\n`);
      return 1;
    }
    const untils = filters.get("until") ?? [];
    if (untils.length > 1) {
      io.err("Error response from daemon: more than one until filter specified\n");
      return 1;
    }
    const until = untils.length ? untilTime(untils[0], ctx.now()) : null;
    if (typeof until === "string") {
      io.err(`Error response from daemon: ${until}\n`);
      return 1;
    }
    const deleted = prune(worldOf(ctx), ctx.host, filters, until);
    if (deleted.length > 0) io.out(`Deleted Networks:\n${deleted.map((n) => `${n}\n`).join("")}\n`);
    return 0;
  },
};
