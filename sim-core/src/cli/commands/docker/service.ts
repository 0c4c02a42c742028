/** docker service create | ls | ps | scale | rm (docker/cli cli/command/service, cli/command/task). */
import type { PortConfig, ServiceState, SwarmState } from "../../../model/state";
import { requireManager } from "../../../swarm/cluster";
import { createService, findService, removeService, scaleService, serviceTasks } from "../../../swarm/services";
import { truncateId } from "../../../format/table";
import { naturalOrder } from "../../../swarm/scheduler";
import type { CommandIO, CommandSpec, RunContext } from "../../types";
import { failed, worldOf } from "./common";
import { Filters, filterFlag } from "./filters";
import { formatFlag, LIST_FORMAT_USAGE, listContext, writeList, type ListFormat } from "./format";
import { printTasks, TASK_LIST_FLAGS } from "./tasks";

/** `-p 8080:80[/udp]` or `published=8080,target=80[,protocol=…][,mode=ingress|host]` (docker/cli opts/swarmopts/port.go). */
export function parsePublish(value: string): PortConfig | string {
  if (value.includes("=")) {
    const fields = Object.fromEntries(value.split(",").map((kv) => [kv.split("=")[0].trim().toLowerCase(), kv.split("=").slice(1).join("=").trim()]));
    if (!fields.target) return "missing mandatory field 'target'";
    const mode = (fields.mode ?? "ingress").toLowerCase();
    if (mode !== "ingress" && mode !== "host") return `invalid publish mode value (${fields.mode}): must be either 'ingress' or 'host'`;
    return {
      protocol: (fields.protocol ?? "tcp").toLowerCase() as PortConfig["protocol"],
      targetPort: Number(fields.target),
      publishedPort: Number(fields.published ?? 0),
      publishMode: mode,
    };
  }
  const m = /^(\d+):(\d+)(?:\/(tcp|udp|sctp))?$/.exec(value);
  if (!m) return `invalid publish value ${JSON.stringify(value)}`;
  return { protocol: (m[3] ?? "tcp") as PortConfig["protocol"], targetPort: Number(m[2]), publishedPort: Number(m[1]), publishMode: "ingress" };
}

const BAR = `[${"=".repeat(50)}>]`;

/** The final frame of docker's convergence display for a service. */
function progress(io: CommandIO, swarm: SwarmState, service: ServiceState, nameAsGiven: string) {
  const tasks = serviceTasks(swarm, service.id).filter((t) => t.desiredState === "running");
  const running = tasks.filter((t) => t.state === "running");
  const total = service.mode === "replicated" ? service.replicas : tasks.length;
  io.out(`overall progress: ${running.length} out of ${total} tasks\n`);
  if (total <= 20) {
    const ordered = service.mode === "replicated" ? tasks.sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0)) : tasks;
    for (const t of ordered) {
      const label = service.mode === "replicated" ? `${t.slot}/${total}` : truncateId(t.nodeId ?? "");
      const state = t.state.padEnd(9);
      io.out(t.state === "running" ? `${label}: ${state} ${BAR}\n` : `${label}: ${t.error ?? state}\n`);
    }
  }
  if (running.length === total) io.out(`verify: Service ${nameAsGiven} converged\n`);
}

/** Without -d the CLI follows the rollout: tasks start, then it waits 5 s to check they stay up. */
async function follow(ctx: RunContext, io: CommandIO, service: ServiceState, nameAsGiven: string): Promise<void> {
  const world = worldOf(ctx);
  await ctx.sleep(5000, io.signal);
  if (io.signal.aborted) {
    io.out(`Operation continuing in background.\nUse \`docker service ps ${nameAsGiven}\` to check progress.\n`);
    return;
  }
  const swarm = requireManager(world, ctx.host);
  if (swarm.ok) progress(io, swarm.value.swarm, service, nameAsGiven);
}

export const serviceCreateCmd: CommandSpec = {
  path: ["service", "create"],
  use: "create [OPTIONS] IMAGE [COMMAND] [ARG...]",
  short: "Create a new service",
  args: { kind: "min", n: 1 },
  interspersed: false,
  flags: [
    { name: "constraint", type: "list", usage: "Placement constraints" },
    { name: "detach", short: "d", type: "bool", usage: "Exit immediately instead of waiting for the service to converge" },
    { name: "endpoint-mode", type: "string", default: "vip", usage: "Endpoint mode (vip or dnsrr)" },
    { name: "env", short: "e", type: "list", usage: "Set environment variables" },
    { name: "mode", type: "string", default: "replicated", usage: 'Service mode ("replicated", "global", "replicated-job", "global-job")' },
    { name: "name", type: "string", usage: "Service name" },
    { name: "network", type: "list", valueName: "network", usage: "Network attachments" },
    { name: "publish", short: "p", type: "list", valueName: "port", usage: "Publish a port as a node port" },
    { name: "replicas", type: "uint64", valueName: "uint", usage: "Number of tasks" },
  ],
  async run(ctx, io) {
    const mode = ctx.flags.get<string>("mode") ?? "replicated";
    if (mode !== "replicated" && mode !== "global") {
      io.err(`unknown mode: ${mode}, only replicated and global supported\n`);
      return 1;
    }
    if (mode === "global" && ctx.flags.changed.has("replicas")) {
      io.err("replicas can only be used with replicated or replicated-job mode\n");
      return 1;
    }
    const ports: PortConfig[] = [];
    for (const p of ctx.flags.get<string[]>("publish") ?? []) {
      const parsed = parsePublish(p);
      if (typeof parsed === "string") {
        io.err(`invalid argument "${p}" for "-p, --publish" flag: ${parsed}\n`);
        return 125;
      }
      ports.push(parsed);
    }
    const world = worldOf(ctx);
    const r = createService(world, ctx.host, {
      name: ctx.flags.get<string>("name") || undefined,
      image: ctx.args[0],
      mode,
      replicas: ctx.flags.changed.has("replicas") ? ctx.flags.get<number>("replicas") : undefined,
      networks: ctx.flags.get<string[]>("network"),
      ports,
      endpointMode: (ctx.flags.get<string>("endpoint-mode") ?? "vip") as "vip" | "dnsrr",
      constraints: ctx.flags.get<string[]>("constraint"),
      env: ctx.flags.get<string[]>("env"),
    });
    if (failed(io, r)) return 1;
    io.out(`${r.value.id}\n`);
    if (!ctx.flags.get<boolean>("detach")) await follow(ctx, io, r.value, r.value.name);
    return 0;
  },
};

function portsText(ports: PortConfig[]): string {
  return ports
    .filter((p) => p.publishMode === "ingress")
    .map((p) => `*:${p.publishedPort}->${p.targetPort}/${p.protocol}`)
    .join(", ");
}

const SERVICE_LIST: ListFormat = {
  table: "table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}",
  headers: { ID: "ID", Name: "NAME", Mode: "MODE", Replicas: "REPLICAS", Image: "IMAGE", Ports: "PORTS" },
};

export const serviceLsCmd: CommandSpec = {
  path: ["service", "ls"],
  use: "ls [OPTIONS]",
  short: "List services",
  aliases: ["list"],
  args: { kind: "none" },
  flags: [
    filterFlag("Filter output based on conditions provided"),
    formatFlag(LIST_FORMAT_USAGE),
    { name: "quiet", short: "q", type: "bool", usage: "Only display IDs" },
  ],
  async run(ctx, io) {
    const m = requireManager(worldOf(ctx), ctx.host);
    if (failed(io, m)) return 1;
    const swarm = m.value.swarm;
    const filters = new Filters(ctx.flags.get<string[]>("filter"));
    const invalid = filters.validate(["name", "id", "label", "mode"]);
    if (invalid) {
      io.err(`Error response from daemon: ${invalid}\n`);
      return 1;
    }
    // The daemon matches name and ID prefixes, labels and the mode; the CLI lists services by name.
    const services = Object.values(swarm.services)
      .filter((s) => !filters.contains("name") || filters.get("name").some((p) => s.name.startsWith(p)))
      .filter((s) => !filters.contains("id") || filters.get("id").some((p) => s.id.startsWith(p)))
      .filter((s) => filters.matchKVList("label", s.labels ?? {}) && filters.exactMatch("mode", s.mode))
      .sort((a, b) => naturalOrder(a.name, b.name));
    const rows = services.map((s) => {
      const tasks = serviceTasks(swarm, s.id);
      const running = tasks.filter((t) => t.state === "running").length;
      const desired = s.mode === "replicated" ? s.replicas : tasks.filter((t) => t.desiredState === "running").length;
      return listContext("*service.serviceContext", {
        ID: () => truncateId(s.id),
        Name: () => s.name,
        Mode: () => s.mode,
        Replicas: () => `${running}/${desired}`,
        Image: () => s.image,
        Ports: () => portsText(s.ports),
      });
    });
    return writeList(io, SERVICE_LIST, rows, { format: ctx.flags.get<string>("format"), quiet: ctx.flags.get<boolean>("quiet") });
  },
};

export const servicePsCmd: CommandSpec = {
  path: ["service", "ps"],
  use: "ps [OPTIONS] SERVICE [SERVICE...]",
  short: "List the tasks of one or more services",
  args: { kind: "min", n: 1 },
  flags: TASK_LIST_FLAGS,
  async run(ctx, io) {
    const world = worldOf(ctx);
    const m = requireManager(world, ctx.host);
    if (failed(io, m)) return 1;
    const services: ServiceState[] = [];
    for (const ref of ctx.args) {
      const s = findService(m.value.swarm, ref);
      if (!s.ok) {
        io.err(`no such service: ${ref}\n`);
        return 1;
      }
      services.push(s.value);
    }
    return printTasks(ctx, io, world, m.value.swarm, services);
  },
};

export const serviceScaleCmd: CommandSpec = {
  path: ["service", "scale"],
  use: "scale SERVICE=REPLICAS [SERVICE=REPLICAS...]",
  short: "Scale one or multiple replicated services",
  args: { kind: "min", n: 1 },
  flags: [{ name: "detach", short: "d", type: "bool", usage: "Exit immediately instead of waiting for the service to converge" }],
  async run(ctx, io) {
    const world = worldOf(ctx);
    for (const a of ctx.args) {
      if (!a.includes("=")) {
        io.err(`invalid scale specifier '${a}'.\nSee 'docker service scale --help'.\n\nUsage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services\n`);
        return 1;
      }
    }
    let code = 0;
    for (const a of ctx.args) {
      const [name, value] = [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)];
      if (!/^\d+$/.test(value)) {
        io.err(`${name}: invalid replicas value ${value}: strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax\n`);
        code = 1;
        continue;
      }
      const m = requireManager(world, ctx.host);
      const found = m.ok ? findService(m.value.swarm, name) : m;
      if (!found.ok) {
        io.err(`${name}: Error response from daemon: ${found.error.code === "service-not-found" ? `service ${name} not found` : "This node is not a swarm manager."}\n`);
        code = 1;
        continue;
      }
      if (found.value.mode === "global") {
        io.err(`${name}: scale can only be used with replicated or replicated-job mode\n`);
        code = 1;
        continue;
      }
      const r = scaleService(world, ctx.host, name, Number(value));
      if (failed(io, r)) {
        code = 1;
        continue;
      }
      io.out(`${name} scaled to ${value}\n`);
      if (!ctx.flags.get<boolean>("detach")) await follow(ctx, io, r.value, name);
    }
    return code;
  },
};

export const serviceRmCmd: CommandSpec = {
  path: ["service", "rm"],
  use: "rm SERVICE [SERVICE...]",
  short: "Remove one or more services",
  aliases: ["remove"],
  args: { kind: "min", n: 1 },
  flags: [],
  async run(ctx, io) {
    let code = 0;
    for (const ref of ctx.args) {
      if (failed(io, removeService(worldOf(ctx), ctx.host, ref))) code = 1;
      else io.out(`${ref}\n`);
    }
    return code;
  },
};

export const SERVICE_COMMANDS = [serviceCreateCmd, serviceLsCmd, servicePsCmd, serviceScaleCmd, serviceRmCmd];
