/**
 * docker logs / docker container logs (docker/cli cli/command/container/logs.go; the daemon's stream in
 * moby daemon/server/httputils/write_log_stream.go): the container's stdout and stderr lines on the
 * matching streams, `--details` (a space: no log attributes), `-t` (RFC 3339 with nanoseconds), `--since`
 * and `--until` (parsed on the client, moby client/internal/timestamp), `-n/--tail`, and `-f` until Ctrl-C.
 */
import { findContainer } from "../../../daemon/containers";
import { containerLogs } from "../../../engine/logs";
import type { LogEntry } from "../../../model/state";
import { parseGoDuration } from "../../flags";
import type { CommandSpec } from "../../types";
import { failed, worldOf } from "./common";

/** How often `--follow` looks for new lines, in virtual ms. */
const FOLLOW_POLL_MS = 1000;

/** timestamp.GetTimestamp: a duration before now, an RFC 3339 time (or date), or Unix seconds. */
export function parseLogTime(value: string, now: number): number | null {
  // "0" is a Unix time, not a duration (docker checks for it before parsing one).
  const ago = value === "0" ? null : parseGoDuration(value.replace(/^-/, ""));
  if (typeof ago === "number") return now - ago;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) {
    const t = Date.parse(/T.*(Z|[+-]\d{2}:\d{2})$/.test(value) || !value.includes("T") ? value : `${value}Z`);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

/** Go's RFC3339NanoFixed, as docker logs -t prints it: `2026-01-05T09:00:00.000000000Z`. */
export function rfc3339NanoFixed(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -1)}000000Z`;
}

export const logsCmd: CommandSpec = {
  path: ["container", "logs"],
  use: "logs [OPTIONS] CONTAINER",
  short: "Fetch the logs of a container",
  aliasPaths: ["docker container logs", "docker logs"],
  args: { kind: "exact", n: 1 },
  complete: ["container"],
  flags: [
    { name: "details", type: "bool", usage: "Show extra details provided to logs" },
    { name: "follow", short: "f", type: "bool", usage: "Follow log output" },
    { name: "since", type: "string", usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    { name: "tail", short: "n", type: "string", default: "all", usage: "Number of lines to show from the end of the logs" },
    { name: "timestamps", short: "t", type: "bool", usage: "Show timestamps" },
    { name: "until", type: "string", usage: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const bounds: Record<"since" | "until", number | null> = { since: null, until: null };
    for (const key of ["since", "until"] as const) {
      const value = ctx.flags.get<string>(key) ?? "";
      if (value === "") continue;
      bounds[key] = parseLogTime(value, ctx.now());
      if (bounds[key] === null) {
        io.err(`invalid value for "${key}": failed to parse value as time or duration: ${JSON.stringify(value)}\n`);
        return 1;
      }
    }
    const found = findContainer(world, ctx.host, ctx.args[0]);
    if (failed(io, found)) return 1;
    const container = found.value;
    const show = (e: LogEntry) => {
      const line = `${ctx.flags.get<boolean>("timestamps") ? `${rfc3339NanoFixed(e.at)} ` : ""}${ctx.flags.get<boolean>("details") ? " " : ""}${e.text}\n`;
      if (e.stream === "stdout") io.out(line);
      else io.err(line);
    };
    const inRange = (e: LogEntry) => (bounds.since === null || e.at >= bounds.since) && (bounds.until === null || e.at <= bounds.until);
    // The daemon's tail: a number of lines from the end; anything else (or a negative number) is all.
    const tailText = ctx.flags.get<string>("tail") ?? "all";
    const tail = /^\d+$/.test(tailText) ? Number(tailText) : -1;
    const lines = containerLogs(container).filter(inRange);
    for (const e of tail >= 0 ? lines.slice(lines.length - Math.min(tail, lines.length)) : lines) show(e);
    if (!ctx.flags.get<boolean>("follow")) return 0;
    // Follow: the lines the container prints from now on, until Ctrl-C, `--until`, or the container goes.
    let seen = container.logs?.length ?? 0;
    let last = container.logs?.at(-1);
    while (!io.signal.aborted) {
      await ctx.sleep(FOLLOW_POLL_MS, io.signal);
      if (io.signal.aborted) break;
      const logs = container.logs ?? [];
      // The kept lines are bounded: find where the unseen ones start again after old ones were dropped.
      const from = last ? logs.lastIndexOf(last) + 1 : 0;
      for (const e of logs.slice(from > 0 ? from : seen)) if (inRange(e)) show(e);
      seen = logs.length;
      last = logs.at(-1);
      if (bounds.until !== null && ctx.now() > bounds.until) break;
      if (!findContainer(world, ctx.host, container.id).ok || container.state !== "running") break;
    }
    return 0;
  },
};

export const LOGS_COMMANDS = [logsCmd, { ...logsCmd, path: ["logs"], use: logsCmd.use }];
