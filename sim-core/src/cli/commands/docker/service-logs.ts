/**
 * docker service logs SERVICE|TASK (docker/cli cli/command/service/logs.go; the daemon's side in moby
 * daemon/cluster/services.go ServiceLogs and httputils/logstream): every task's lines — running tasks
 * from their container, finished ones from what was kept when their container went — each prefixed
 * `<service>.<slot>.<task ID>@<node>` padded to the widest slot, then `    | `. `--raw` leaves the lines
 * as the daemon sends them; `--details` adds the swarm context the daemon attaches (`k=v,…`, which the
 * pretty form consumes, leaving nothing); `--tail` counts per task, as each container's log is tailed.
 */
import { taskLogs } from "../../../engine/logs";
import { truncateId } from "../../../format/table";
import type { LogEntry, ServiceState, SwarmState, TaskState } from "../../../model/state";
import { requireManager } from "../../../swarm/cluster";
import { findService } from "../../../swarm/services";
import type { CommandSpec } from "../../types";
import { failed, worldOf } from "./common";
import { parseLogTime, rfc3339NanoFixed } from "./container-logs";

/** How often `--follow` looks for new lines, in virtual ms. */
const FOLLOW_POLL_MS = 1000;

type Lookup = { tasks: (swarm: SwarmState) => TaskState[]; padding: number } | { error: string };

const slotOf = (t: TaskState) => t.slot ?? 0;
const digits = (n: number) => String(n).length;

/** The CLI's lookup: a service (ID, name, ID prefix), else a task (ID, full name, ID prefix), as the daemon resolves them. */
function lookup(swarm: SwarmState, ref: string): Lookup {
  const service = findService(swarm, ref);
  if (service.ok) {
    const s = service.value;
    const order = (a: TaskState, b: TaskState) => slotOf(a) - slotOf(b) || a.createdAt - b.createdAt || a.id.localeCompare(b.id);
    // Tasks that never reached a node printed nothing; tasks started later (while following) join in.
    const tasks = (sw: SwarmState) => Object.values(sw.tasks).filter((t) => t.serviceId === s.id && t.containerId).sort(order);
    return { tasks, padding: s.mode === "replicated" ? digits(s.replicas) : 1 };
  }
  const all = Object.values(swarm.tasks);
  const fullName = (t: TaskState) => `${swarm.services[t.serviceId]?.name}.${t.slot ?? t.nodeId}.${t.id}`;
  let hits = all.filter((t) => t.id === ref);
  if (hits.length === 0) hits = all.filter((t) => fullName(t) === ref);
  if (hits.length === 0) hits = ref === "" ? [] : all.filter((t) => t.id.startsWith(ref));
  if (hits.length === 0) return { error: `no such task or service: ${ref}` };
  if (hits.length > 1) return { error: `Error response from daemon: task ${ref} is ambiguous (${hits.length} matches found)` };
  const task = hits[0];
  return { tasks: (sw) => (sw.tasks[task.id]?.containerId ? [sw.tasks[task.id]] : []), padding: digits(slotOf(task)) };
}

/** Lines of `entries` after `last` (the last one printed), found by identity, else by value. */
function after(entries: LogEntry[], last: LogEntry | undefined): LogEntry[] {
  if (!last) return entries;
  let i = entries.lastIndexOf(last);
  if (i < 0) i = entries.findLastIndex((e) => e.at === last.at && e.stream === last.stream && e.text === last.text);
  return entries.slice(i + 1);
}

export const serviceLogsCmd: CommandSpec = {
  path: ["service", "logs"],
  use: "logs [OPTIONS] SERVICE|TASK",
  short: "Fetch the logs of a service or task",
  args: { kind: "exact", n: 1 },
  complete: ["service", "task"],
  flags: [
    { name: "details", type: "bool", usage: "Show extra details provided to logs" },
    { name: "follow", short: "f", type: "bool", usage: "Follow log output" },
    { name: "no-resolve", type: "bool", usage: "Do not map IDs to Names in output" },
    { name: "no-task-ids", type: "bool", usage: "Do not include task IDs in output" },
    { name: "no-trunc", type: "bool", usage: "Do not truncate output" },
    { name: "raw", type: "bool", usage: "Do not neatly format logs" },
    { name: "since", type: "string", usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    { name: "tail", short: "n", type: "string", default: "all", usage: "Number of lines to show from the end of the logs" },
    { name: "timestamps", short: "t", type: "bool", usage: "Show timestamps" },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const flag = (name: string) => ctx.flags.get<boolean>(name) ?? false;
    const m = requireManager(world, ctx.host);
    if (failed(io, m)) return 1;
    const found = lookup(m.value.swarm, ctx.args[0]);
    if ("error" in found) {
      io.err(`${found.error}\n`);
      return 1;
    }
    const sinceText = ctx.flags.get<string>("since") ?? "";
    const since = sinceText === "" ? null : parseLogTime(sinceText, ctx.now());
    if (since === null && sinceText !== "") {
      io.err(`invalid value for "since": failed to parse value as time or duration: ${JSON.stringify(sinceText)}\n`);
      return 1;
    }
    // The daemon's tail: "all" (or empty), else a count of lines per task.
    const tailText = ctx.flags.get<string>("tail") ?? "all";
    let tail = Infinity;
    if (tailText !== "all" && tailText !== "") {
      if (!/^[-+]?\d+$/.test(tailText)) {
        io.err(`Error response from daemon: tail value must be a positive integer or "all"\n`);
        return 1;
      }
      tail = Number(tailText);
      if (tail < 0) {
        io.err("Error response from daemon: negative tail values not supported\n");
        return 1;
      }
    }

    const prefix = (swarm: SwarmState, task: TaskState): string => {
      const service = swarm.services[task.serviceId] as ServiceState | undefined;
      const node = task.nodeId ? swarm.nodes[task.nodeId] : undefined;
      const resolve = !flag("no-resolve");
      let name = `${resolve ? (service?.name ?? task.serviceId) : task.serviceId}.${slotOf(task)}`;
      if (!flag("no-task-ids")) name += `.${flag("no-trunc") ? task.id : truncateId(task.id)}`;
      const pad = " ".repeat(Math.max(0, found.padding - digits(slotOf(task))));
      return `${name}@${resolve ? (node?.hostname ?? task.nodeId) : task.nodeId}${pad}`;
    };
    const show = (swarm: SwarmState, task: TaskState, e: LogEntry) => {
      const stamp = flag("timestamps") ? `${rfc3339NanoFixed(e.at)} ` : "";
      let line: string;
      if (flag("raw")) {
        const context = `com.docker.swarm.node.id=${task.nodeId},com.docker.swarm.service.id=${task.serviceId},com.docker.swarm.task.id=${task.id}`;
        line = `${stamp}${flag("details") ? `${context} ` : ""}${e.text}\n`;
      } else line = `${stamp}${prefix(swarm, task)}    | ${flag("details") ? " " : ""}${e.text}\n`;
      if (e.stream === "stdout") io.out(line);
      else io.err(line);
    };

    const swarm = m.value.swarm;
    const last = new Map<string, LogEntry | undefined>();
    const batch: { task: TaskState; entry: LogEntry; order: number }[] = [];
    found.tasks(swarm).forEach((task, order) => {
      const entries = taskLogs(world, swarm, task);
      last.set(task.id, entries.at(-1));
      const shown = entries.filter((e) => since === null || e.at >= since);
      for (const entry of shown.slice(Math.max(0, shown.length - tail))) batch.push({ task, entry, order });
    });
    // The tasks' streams merge in time order; lines of the same moment come task by task.
    batch.sort((a, b) => a.entry.at - b.entry.at || a.order - b.order);
    for (const { task, entry } of batch) show(swarm, task, entry);
    if (!flag("follow")) return 0;

    // Follow: new lines of every task (tasks that start meanwhile included) until Ctrl-C.
    while (!io.signal.aborted) {
      await ctx.sleep(FOLLOW_POLL_MS, io.signal);
      if (io.signal.aborted) break;
      for (const task of found.tasks(swarm)) {
        const entries = taskLogs(world, swarm, task);
        for (const e of after(entries, last.get(task.id))) if (since === null || e.at >= since) show(swarm, task, e);
        last.set(task.id, entries.at(-1));
      }
    }
    return 0;
  },
};
