/**
 * Listing tasks, as `docker service ps` and `docker node ps` share it (docker/cli cli/command/task):
 * the daemon's task filters (name and ID prefixes, service, node, desired-state, label), docker's sort
 * (task name in natural order, newest first within a slot), the ` \_ ` indent of a slot's earlier tasks
 * in tables, and the task formatter's columns for `--format`.
 */
import { displayImage } from "../../../engine/images";
import type { World } from "../../../engine/world";
import { truncateId } from "../../../format/table";
import type { ServiceState, SwarmState, TaskState } from "../../../model/state";
import { naturalOrder } from "../../../swarm/scheduler";
import { taskName } from "../../../swarm/services";
import type { CommandIO, FlagSpec, RunContext } from "../../types";
import { capitalize, humanDuration } from "./common";
import { Filters, filterFlag } from "./filters";
import { listContext, writeList, type ListFormat } from "./format";

const TASK_LIST: ListFormat = {
  table: "table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}",
  headers: { ID: "ID", Name: "NAME", Image: "IMAGE", Node: "NODE", DesiredState: "DESIRED STATE", CurrentState: "CURRENT STATE", Error: "ERROR", Ports: "PORTS" },
  raw: {
    normal: "id: {{.ID}}\\nname: {{.Name}}\\nimage: {{.Image}}\\nnode: {{.Node}}\\ndesired_state: {{.DesiredState}}\\ncurrent_state: {{.CurrentState}}\\nerror: {{.Error}}\\nports: {{.Ports}}\\n",
    quiet: "id: {{.ID}}",
  },
};

/** The flags `service ps` and `node ps` share. */
export const TASK_LIST_FLAGS: FlagSpec[] = [
  filterFlag("Filter output based on conditions provided"),
  { name: "format", type: "string", usage: "Pretty-print tasks using a Go template" },
  { name: "no-resolve", type: "bool", usage: "Do not map IDs to Names" },
  { name: "no-trunc", type: "bool", usage: "Do not truncate output" },
  { name: "quiet", short: "q", type: "bool", usage: "Only display task IDs" },
];

/** swarmkit's task states, as the desired-state filter accepts them (case-insensitive). */
const TASK_STATES = ["new", "pending", "assigned", "accepted", "preparing", "ready", "starting", "running", "complete", "shutdown", "failed", "rejected", "remove", "orphaned"];

/** The daemon's checks of a task filter (moby daemon/cluster/filters.go newListTasksFilters). */
function filterError(f: Filters): string | undefined {
  const invalid = f.validate(["name", "id", "label", "service", "node", "desired-state", "_up-to-date", "runtime"]);
  if (invalid) return invalid;
  const bad = f.get("desired-state").find((s) => s !== "" && !TASK_STATES.includes(s.toLowerCase()));
  return bad === undefined ? undefined : `Invalid desired-state filter: '${bad}'`;
}

/** The CLI resolves `node=<name>` (and `self`) to node IDs before asking the daemon (cli updateNodeFilter). */
function nodeMatches(swarm: SwarmState, host: string, values: string[], nodeId: string | null): boolean {
  if (values.length === 0) return true;
  const node = nodeId ? swarm.nodes[nodeId] : undefined;
  return values.some((v) => {
    if (!node) return false;
    if (v === "self") return swarm.nodes[nodeId!]?.hostname === host;
    return node.id === v || node.hostname === v;
  });
}

function matches(swarm: SwarmState, host: string, f: Filters, service: ServiceState, t: TaskState): boolean {
  const name = taskName(service, t);
  if (f.contains("name") && !f.get("name").some((p) => `${name}.${t.id}`.startsWith(p) || name.startsWith(p))) return false;
  if (f.contains("id") && !f.get("id").some((p) => t.id.startsWith(p))) return false;
  if (f.contains("service") && !f.get("service").some((v) => v === service.id || v === service.name)) return false;
  if (!nodeMatches(swarm, host, f.get("node"), t.nodeId)) return false;
  const desired = f.get("desired-state").map((s) => s.toLowerCase());
  if (desired.length && !desired.includes(t.desiredState)) return false;
  if (!f.matchKVList("label", service.labels ?? {})) return false;
  return true;
}

/**
 * Prints tasks of the given services (optionally only those on the given nodes) with the user's filters and
 * format; returns the exit code.
 */
export function printTasks(ctx: RunContext, io: CommandIO, world: World, swarm: SwarmState, services: ServiceState[], onNodes?: string[]): number {
  const filters = new Filters(ctx.flags.get<string[]>("filter"));
  const problem = filterError(filters);
  if (problem) {
    io.err(`Error response from daemon: ${problem}\n`);
    return 1;
  }
  const trunc = !ctx.flags.get<boolean>("no-trunc");
  const resolve = !ctx.flags.get<boolean>("no-resolve");
  const format = ctx.flags.get<string>("format") || "table";
  const quiet = ctx.flags.get<boolean>("quiet") ?? false;
  const isTable = format.startsWith("table") && !quiet;
  const listed: { service: ServiceState; task: TaskState; name: string }[] = [];
  for (const service of services) {
    for (const task of Object.values(swarm.tasks)) {
      if (task.serviceId !== service.id || (onNodes && !onNodes.includes(task.nodeId ?? ""))) continue;
      if (!matches(swarm, ctx.host, filters, service, task)) continue;
      const slot = task.slot ?? task.nodeId ?? "";
      listed.push({ service, task, name: `${resolve ? service.name : service.id}.${slot}` });
    }
  }
  listed.sort((a, b) => (a.name !== b.name ? naturalOrder(a.name, b.name) : b.task.createdAt - a.task.createdAt || (a.task.id < b.task.id ? 1 : -1)));
  // A service's host-published ports, once per service rather than once per task.
  const hostPorts = new Map(services.map((s) => [s, s.ports.filter((p) => p.publishMode === "host").map((p) => `*:${p.publishedPort}->${p.targetPort}/${p.protocol}`).join(",")]));
  let previous = "";
  const rows = listed.map(({ service, task, name }) => {
    const shown = isTable && name === previous ? ` \\_ ${name}` : name;
    previous = name;
    const node = task.nodeId ? swarm.nodes[task.nodeId] : undefined;
    const error = task.error ? `"${!trunc || task.error.length <= 30 ? task.error : `${task.error.slice(0, 29)}…`}"` : "";
    return listContext("*task.taskContext", {
      ID: (trunc ? truncateId(task.id) : task.id),
      Name: shown,
      Image: trunc ? displayImage(task.image ?? service.image) : (task.image ?? service.image),
      Node: (node ? (resolve ? node.hostname : node.id) : ""),
      DesiredState: capitalize(task.desiredState),
      CurrentState: `${capitalize(task.state)} ${humanDuration(world.state.now - task.stateAt).toLowerCase()} ago`,
      Error: error,
      Ports: hostPorts.get(service) ?? "",
    });
  });
  return writeList(io, TASK_LIST, rows, { format: ctx.flags.get<string>("format"), quiet });
}
