/** docker service ls | ps | rm (docker/cli cli/command/service, cli/command/task), and the service command list. */
import { displayImage } from "../../../engine/images";
import type { PortConfig, ServiceState } from "../../../model/state";
import { requireManager } from "../../../swarm/cluster";
import { findService, removeService, serviceTasks } from "../../../swarm/services";
import { truncateId } from "../../../format/table";
import { naturalOrder } from "../../../swarm/scheduler";
import type { CommandSpec } from "../../types";
import { failed, worldOf } from "./common";
import { Filters, filterFlag } from "./filters";
import { formatFlag, LIST_FORMAT_USAGE, listContext, writeList, type ListFormat } from "./format";
import { serviceCreateCmd } from "./service-create";
import { serviceScaleCmd } from "./service-scale";
import { printTasks, TASK_LIST_FLAGS } from "./tasks";

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
        ID: truncateId(s.id),
        Name: s.name,
        Mode: s.mode,
        Replicas: `${running}/${desired}`,
        Image: displayImage(s.image),
        Ports: portsText(s.ports),
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
