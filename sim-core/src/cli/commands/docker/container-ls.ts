/**
 * `docker ps` / `docker container ls` (docker/cli cli/command/container/list.go and formatter/container.go):
 * the daemon's filters, `-a`, `-n`, `-l`, `-q`, `-s`, `--no-trunc`, and `--format` over docker's container
 * context — COMMAND quoted and cut at 20 characters, STATUS as `Up 5 minutes` / `Exited (0) 2 minutes ago`,
 * PORTS as DisplayablePorts prints them (`80/tcp`, `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp`).
 */
import type { World } from "../../../engine/world";
import { displayImage, imageProfile } from "../../../engine/images";
import { goTimeString } from "../../../format/json";
import { truncateId } from "../../../format/table";
import type { ContainerState, HostState } from "../../../model/state";
import { networkById } from "../../../daemon/containers";
import type { CommandSpec } from "../../types";
import { humanDuration, worldOf } from "./common";
import { Filters, filterFlag } from "./filters";
import { formatFlag, LIST_FORMAT_USAGE, listContext, writeList, type ListFormat } from "./format";

const CONTAINER_LIST: ListFormat = {
  table: "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}",
  headers: {
    ID: "CONTAINER ID",
    Names: "NAMES",
    Image: "IMAGE",
    Command: "COMMAND",
    CreatedAt: "CREATED AT",
    RunningFor: "CREATED",
    Ports: "PORTS",
    State: "STATE",
    Status: "STATUS",
    Size: "SIZE",
    Labels: "LABELS",
    Mounts: "MOUNTS",
    LocalVolumes: "LOCAL VOLUMES",
    Networks: "NETWORKS",
    Platform: "PLATFORM",
    HealthStatus: "HEALTH STATUS",
  },
  raw: {
    normal: "container_id: {{.ID}}\\nimage: {{.Image}}\\ncommand: {{.Command}}\\ncreated_at: {{.CreatedAt}}\\nstate: {{- pad .State 1 0}}\\nstatus: {{- pad .Status 1 0}}\\nnames: {{.Names}}\\nlabels: {{- pad .Labels 1 0}}\\nports: {{- pad .Ports 1 0}}\\n",
    quiet: "container_id: {{.ID}}",
  },
};

/** The full command line as the API's `Command` field gives it: entrypoint and command, joined by spaces. */
export function commandLine(c: ContainerState): string {
  const profile = imageProfile(c.image);
  const cmd = c.command ?? profile.cmd;
  return [...(profile.entrypoint ?? []), ...cmd].map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(" ");
}

/** docker's `Ellipsis`: at most `n` characters, the last one `…` when cut. */
const ellipsis = (s: string, n: number) => ([...s].length <= n ? s : `${[...s].slice(0, n - 1).join("")}…`);

/** The `STATUS` column: `Up 5 minutes`, `Exited (0) 2 minutes ago`, `Created`. */
export function containerStatus(world: World, c: ContainerState): string {
  if (c.state === "running") return `Up ${humanDuration(world.state.now - c.createdAt)}`;
  if (c.state === "exited") return `Exited (${c.exitCode ?? 0}) ${humanDuration(world.state.now - (c.finishedAt ?? c.createdAt))} ago`;
  return "Created";
}

/** DisplayablePorts: exposed ports as `80/tcp`; published ones per address, IPv4 then IPv6. */
export function displayPorts(c: ContainerState): string {
  const published = c.state === "running" ? (c.ports ?? []) : [];
  const groups: string[] = [];
  const mappings: string[] = [];
  const exposed = imageProfile(c.image).exposedPorts.filter((p) => !published.some((q) => `${q.containerPort}/${q.protocol}` === p));
  groups.push(...exposed);
  for (const p of [...published].sort((a, b) => a.containerPort - b.containerPort)) {
    for (const ip of p.hostIp === "0.0.0.0" ? ["0.0.0.0", "[::]"] : [p.hostIp]) {
      (p.hostPort === p.containerPort ? groups : mappings).push(`${ip}:${p.hostPort}->${p.containerPort}/${p.protocol}`);
    }
  }
  return [...groups, ...mappings].join(", ");
}

const STATUSES = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];

/** The daemon's checks of a container list filter (moby daemon/list.go). */
function filterError(f: Filters): string | undefined {
  const invalid = f.validate(["ancestor", "before", "expose", "exited", "health", "id", "isolation", "is-task", "label", "name", "network", "publish", "since", "status", "volume"]);
  if (invalid) return invalid;
  const status = f.get("status").find((s) => !STATUSES.includes(s));
  if (status !== undefined) return `invalid filter 'status=${status}'`;
  const isTask = f.get("is-task").find((v) => v !== "true" && v !== "false");
  if (isTask !== undefined) return `invalid filter 'is-task=${isTask}'`;
  return undefined;
}

function matches(host: HostState, world: World, f: Filters, c: ContainerState): boolean {
  if (f.contains("id") && !f.get("id").some((p) => c.id.startsWith(p))) return false;
  if (f.contains("name") && !f.match("name", c.name)) return false;
  if (!f.matchKVList("label", c.labels ?? {})) return false;
  if (!f.exactMatch("status", c.state)) return false;
  if (f.contains("exited") && !(c.state === "exited" && f.get("exited").includes(String(c.exitCode ?? 0)))) return false;
  if (f.contains("is-task") && f.get("is-task").includes("true") !== (c.taskId !== null)) return false;
  if (f.contains("ancestor") && !f.get("ancestor").some((a) => c.image === a || c.image === `${a}:latest` || c.image.split(":")[0] === a)) return false;
  if (f.contains("network")) {
    const nets = (c.networks ?? Object.keys(c.addresses)).map((id) => networkById(world, host.name, id));
    if (!f.get("network").some((v) => nets.some((n) => n && (n.name === v || n.id.startsWith(v))))) return false;
  }
  if (f.contains("publish") && !f.get("publish").some((v) => (c.ports ?? []).some((p) => `${p.hostPort}` === v.split("/")[0]))) return false;
  return true;
}

export const psCmd: CommandSpec = {
  path: ["container", "ls"],
  use: "ls [OPTIONS]",
  short: "List containers",
  aliases: ["ps", "list"],
  aliasPaths: ["docker container ls", "docker container list", "docker container ps", "docker ps"],
  args: { kind: "none" },
  flags: [
    { name: "all", short: "a", type: "bool", usage: "Show all containers (default shows just running)" },
    filterFlag("Filter output based on conditions provided"),
    formatFlag(LIST_FORMAT_USAGE),
    { name: "last", short: "n", type: "int", default: -1, usage: "Show n last created containers (includes all states)" },
    { name: "latest", short: "l", type: "bool", usage: "Show the latest created container (includes all states)" },
    { name: "no-trunc", type: "bool", usage: "Don't truncate output" },
    { name: "quiet", short: "q", type: "bool", usage: "Only display container IDs" },
    { name: "size", short: "s", type: "bool", usage: "Display total file sizes" },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const host = world.state.hosts[ctx.host];
    const filters = new Filters(ctx.flags.get<string[]>("filter"));
    const problem = filterError(filters);
    if (problem) {
      io.err(`Error response from daemon: ${problem}\n`);
      return 1;
    }
    const last = ctx.flags.get<boolean>("latest") ? 1 : (ctx.flags.get<number>("last") ?? -1);
    // -n/-l include every state; a status filter other than running does too (as the daemon decides).
    const all = ctx.flags.get<boolean>("all") || last > 0 || filters.contains("status") || filters.contains("exited");
    // Newest first; containers made in the same virtual instant keep their creation order (the state's key order).
    const order = new Map(Object.keys(host.containers).map((id, i) => [id, i]));
    let list = Object.values(host.containers)
      .filter((c) => (all || c.state === "running") && matches(host, world, filters, c))
      .sort((a, b) => b.createdAt - a.createdAt || order.get(b.id)! - order.get(a.id)!);
    if (last > 0) list = list.slice(0, last);
    const trunc = !ctx.flags.get<boolean>("no-trunc");
    const rows = list.map((c) => {
      const nets = (c.networks ?? Object.keys(c.addresses)).map((id) => networkById(world, ctx.host, id)?.name).filter((n): n is string => !!n);
      const image = c.taskId || !c.image.endsWith(":latest") ? c.image : c.image.slice(0, -7);
      return listContext("*formatter.ContainerContext", {
        ID: (trunc ? truncateId(c.id) : c.id),
        Names: c.name,
        Image: trunc ? displayImage(image) : image,
        Command: JSON.stringify(trunc ? ellipsis(commandLine(c), 20) : commandLine(c)),
        CreatedAt: goTimeString(c.createdAt).replace(/\.\d+/, ""),
        RunningFor: `${humanDuration(world.state.now - c.createdAt)} ago`,
        Ports: displayPorts(c),
        State: c.state,
        Status: containerStatus(world, c),
        Size: "0B (virtual 8.31MB)",
        Labels: Object.entries(c.labels ?? {}).map(([k, v]) => `${k}=${v}`).sort().join(","),
        Mounts: "",
        LocalVolumes: "0",
        Networks: nets.join(","),
      }, c.labels ?? {});
    });
    const format = ctx.flags.get<string>("format") || (ctx.flags.get<boolean>("size") && !ctx.flags.get<boolean>("quiet") ? `${CONTAINER_LIST.table}\t{{.Size}}` : undefined);
    return writeList(io, CONTAINER_LIST, rows, { format, quiet: ctx.flags.get<boolean>("quiet") });
  },
};
