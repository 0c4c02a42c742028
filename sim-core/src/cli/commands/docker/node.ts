/** docker node ls | promote | demote | update (docker/cli cli/command/node). */
import type { Availability, NodeState, Role } from "../../../model/state";
import { findNode, listNodes, nodeOf, requireManager } from "../../../swarm/cluster";
import { changeRole, removeNodeFromSwarm, updateNode } from "../../../swarm/node-update";
import { printTasks, TASK_LIST_FLAGS } from "./tasks";
import type { CommandSpec } from "../../types";
import { capitalize, ENGINE_VERSION, failed, worldOf } from "./common";
import { Filters, filterFlag } from "./filters";
import { formatFlag, LIST_FORMAT_USAGE, listContext, writeList, type ListFormat } from "./format";

const NODE_LIST: ListFormat = {
  table: "table {{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t{{.ManagerStatus}}\t{{.EngineVersion}}",
  headers: { ID: "ID", Self: "", Hostname: "HOSTNAME", Status: "STATUS", Availability: "AVAILABILITY", ManagerStatus: "MANAGER STATUS", EngineVersion: "ENGINE VERSION", TLSStatus: "TLS STATUS" },
  raw: {
    normal: "node_id: {{.ID}}\\nhostname: {{.Hostname}}\\nstatus: {{.Status}}\\navailability: {{.Availability}}\\nmanager_status: {{.ManagerStatus}}\\n",
    quiet: "node_id: {{.ID}}",
  },
};

/** The daemon's node filters (moby daemon/cluster/filters.go newListNodesFilters, swarmkit's matching). */
function nodeFilter(f: Filters): string | ((n: NodeState) => boolean) {
  const invalid = f.validate(["name", "id", "label", "role", "membership", "node.label"]);
  if (invalid) return invalid;
  const role = f.get("role").find((r) => r !== "" && r.toLowerCase() !== "manager" && r.toLowerCase() !== "worker");
  if (role !== undefined) return `Invalid role filter: '${role}'`;
  const membership = f.get("membership").find((m) => m !== "" && m.toLowerCase() !== "accepted" && m.toLowerCase() !== "pending");
  if (membership !== undefined) return `Invalid membership filter: '${membership}'`;
  return (n) =>
    (!f.contains("name") || f.get("name").some((p) => n.hostname.startsWith(p))) &&
    (!f.contains("id") || f.get("id").some((p) => n.id.startsWith(p))) &&
    // Engine labels (`label`): this lab's engines have none; node labels are `node.label`.
    f.matchKVList("label", {}) &&
    f.matchKVList("node.label", n.labels ?? {}) &&
    (!f.contains("role") || f.get("role").some((r) => r.toLowerCase() === n.role)) &&
    (!f.contains("membership") || f.get("membership").some((m) => m.toLowerCase() === "accepted"));
}

export const nodeLsCmd: CommandSpec = {
  path: ["node", "ls"],
  use: "ls [OPTIONS]",
  short: "List nodes in the swarm",
  aliases: ["list"],
  args: { kind: "none" },
  flags: [
    filterFlag("Filter output based on conditions provided"),
    formatFlag(LIST_FORMAT_USAGE),
    { name: "quiet", short: "q", type: "bool", usage: "Only display IDs" },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const r = listNodes(world, ctx.host);
    if (failed(io, r)) return 1;
    const keep = nodeFilter(new Filters(ctx.flags.get<string[]>("filter")));
    if (typeof keep === "string") {
      io.err(`Error response from daemon: ${keep}\n`);
      return 1;
    }
    const self = nodeOf(world, ctx.host)?.id;
    const rows = r.value.filter(keep).map((n) =>
      listContext("*node.nodeContext", {
        ID: n.id,
        Self: n.id === self,
        Hostname: n.hostname,
        Status: capitalize(n.status),
        Availability: capitalize(n.availability),
        ManagerStatus: (n.role !== "manager" ? "" : n.leader ? "Leader" : n.status === "ready" ? "Reachable" : "Unreachable"),
        EngineVersion: ENGINE_VERSION,
        TLSStatus: "Ready",
      }),
    );
    return writeList(io, NODE_LIST, rows, { format: ctx.flags.get<string>("format"), quiet: ctx.flags.get<boolean>("quiet") });
  },
};

function roleCommand(role: "manager" | "worker"): CommandSpec {
  const verb = role === "manager" ? "promote" : "demote";
  return {
    path: ["node", verb],
    use: `${verb} NODE [NODE...]`,
    short: role === "manager" ? "Promote one or more nodes to manager in the swarm" : "Demote one or more nodes from manager in the swarm",
    args: { kind: "min", n: 1 },
    flags: [],
    async run(ctx, io) {
      let code = 0;
      for (const ref of ctx.args) {
        const r = changeRole(worldOf(ctx), ctx.host, ref, role);
        if (failed(io, r)) {
          code = 1;
          continue;
        }
        if (!r.value.changed) io.out(`Node ${r.value.node.id} is already a ${role}.\n`);
        else io.out(role === "manager" ? `Node ${ref} promoted to a manager in the swarm.\n` : `Manager ${ref} demoted in the swarm.\n`);
      }
      return code;
    },
  };
}

export const nodeUpdateCmd: CommandSpec = {
  path: ["node", "update"],
  use: "update [OPTIONS] NODE",
  short: "Update a node",
  args: { kind: "exact", n: 1 },
  flags: [
    { name: "availability", type: "string", usage: 'Availability of the node ("active", "pause", "drain")', values: ["active", "pause", "drain"] },
    { name: "label-add", type: "list", usage: 'Add or update a node label ("key=value")' },
    { name: "label-rm", type: "list", usage: "Remove a node label if exists" },
    { name: "role", type: "string", usage: 'Role of the node ("worker", "manager")', values: ["worker", "manager"] },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const ref = ctx.args[0];
    // As the CLI does: read the node, merge the flags into its spec, then send one update.
    const found = findNode(world, ctx.host, ref);
    if (failed(io, found)) return 1;
    const labels = { ...found.value.labels };
    for (const kv of ctx.flags.get<string[]>("label-add") ?? []) {
      const eq = kv.indexOf("=");
      labels[eq < 0 ? kv : kv.slice(0, eq)] = eq < 0 ? "" : kv.slice(eq + 1);
    }
    for (const key of ctx.flags.get<string[]>("label-rm") ?? []) {
      if (!(key in labels)) {
        io.err(`key ${key} doesn't exist in node's labels\n`);
        return 1;
      }
      delete labels[key];
    }
    const availability = ctx.flags.changed.has("availability") ? ctx.flags.get<string>("availability") : undefined;
    if (availability !== undefined && !["active", "pause", "drain"].includes(availability)) {
      io.err(`Error response from daemon: invalid Availability: "${availability}"\n`);
      return 1;
    }
    const role = ctx.flags.changed.has("role") ? ctx.flags.get<string>("role") : undefined;
    if (role !== undefined && role !== "worker" && role !== "manager") {
      io.err(`Error response from daemon: invalid Role: "${role}"\n`);
      return 1;
    }
    const change = { role: role as Role | undefined, availability: availability as Availability | undefined, labels };
    if (failed(io, updateNode(world, ctx.host, found.value.id, change))) return 1;
    io.out(`${ref}\n`);
    return 0;
  },
};

export const nodeRmCmd: CommandSpec = {
  path: ["node", "rm"],
  use: "rm [OPTIONS] NODE [NODE...]",
  short: "Remove one or more nodes from the swarm",
  aliases: ["remove"],
  args: { kind: "min", n: 1 },
  flags: [{ name: "force", short: "f", type: "bool", usage: "Force remove a node from the swarm" }],
  async run(ctx, io) {
    const world = worldOf(ctx);
    let code = 0;
    for (const ref of ctx.args) {
      const r = removeNodeFromSwarm(world, ctx.host, ref, ctx.flags.get<boolean>("force") ?? false);
      if (failed(io, r)) code = 1;
      else io.out(`${ref}\n`);
    }
    return code;
  },
};

export const nodePsCmd: CommandSpec = {
  path: ["node", "ps"],
  use: "ps [OPTIONS] [NODE...]",
  short: "List tasks running on one or more nodes, defaults to current node",
  args: { kind: "any" },
  flags: TASK_LIST_FLAGS,
  async run(ctx, io) {
    const world = worldOf(ctx);
    const m = requireManager(world, ctx.host);
    if (failed(io, m)) return 1;
    const swarm = m.value.swarm;
    const nodeIds: string[] = [];
    for (const ref of ctx.args.length ? ctx.args : ["self"]) {
      const n = findNode(world, ctx.host, ref);
      if (failed(io, n)) return 1;
      nodeIds.push(n.value.id);
    }
    return printTasks(ctx, io, world, swarm, Object.values(swarm.services), nodeIds);
  },
};

export const NODE_COMMANDS = [nodeLsCmd, roleCommand("manager"), roleCommand("worker"), nodeUpdateCmd, nodeRmCmd, nodePsCmd];
