/**
 * docker service update | rollback (docker/cli cli/command/service/update.go, rollback.go) and the
 * progress display that follows them (cli/command/service/progress/progress.go). As docker's CLI does,
 * the new spec is built here from the current one and the flags, then handed to the engine whole.
 */
import type { World } from "../../../engine/world";
import { truncateId } from "../../../format/table";
import type { PortConfig, ServiceSpecState, ServiceState, SwarmState } from "../../../model/state";
import { findNetwork } from "../../../net/networks";
import { requireManager } from "../../../swarm/cluster";
import { findService, isUp, serviceTasks } from "../../../swarm/services";
import { rollbackService, specOf, taskSpecKey, updateService } from "../../../swarm/update";
import type { CommandIO, CommandSpec, FlagSpec, ParsedFlags, RunContext } from "../../types";
import { failed, worldOf } from "./common";
import { parsePublish } from "./service";

const f = (name: string, type: FlagSpec["type"], usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({ name, type, usage, ...extra });

/** The flags the simulator acts on; every other flag of docker's is declared (help, parsing) but refused. */
const SIMULATED = new Set([
  "args", "constraint-add", "constraint-rm", "detach", "endpoint-mode", "env-add", "env-rm", "force", "image", "label-add", "label-rm",
  "network-add", "network-rm", "publish-add", "publish-rm", "quiet", "replicas", "rollback",
  "rollback-delay", "rollback-failure-action", "rollback-max-failure-ratio", "rollback-monitor", "rollback-order", "rollback-parallelism",
  "update-delay", "update-failure-action", "update-max-failure-ratio", "update-monitor", "update-order", "update-parallelism",
]);

const UPDATE_FLAGS: FlagSpec[] = [
  f("args", "string", "Service command args", { valueName: "command" }),
  f("cap-add", "list", "Add Linux capabilities"),
  f("cap-drop", "list", "Drop Linux capabilities"),
  f("config-add", "list", "Add or update a config file on a service", { valueName: "config" }),
  f("config-rm", "list", "Remove a configuration file"),
  f("constraint-add", "list", "Add or update a placement constraint"),
  f("constraint-rm", "list", "Remove a constraint"),
  f("container-label-add", "list", "Add or update a container label"),
  f("container-label-rm", "list", "Remove a container label by its key"),
  f("credential-spec", "string", "Credential spec for managed service account (Windows only)", { valueName: "credential-spec" }),
  f("detach", "bool", "Exit immediately instead of waiting for the service to converge", { short: "d" }),
  f("dns-add", "list", "Add or update a custom DNS server"),
  f("dns-option-add", "list", "Add or update a DNS option"),
  f("dns-option-rm", "list", "Remove a DNS option"),
  f("dns-rm", "list", "Remove a custom DNS server"),
  f("dns-search-add", "list", "Add or update a custom DNS search domain"),
  f("dns-search-rm", "list", "Remove a DNS search domain"),
  f("endpoint-mode", "string", "Endpoint mode (vip or dnsrr)"),
  f("entrypoint", "string", "Overwrite the default ENTRYPOINT of the image", { valueName: "command" }),
  f("env-add", "list", "Add or update an environment variable"),
  f("env-rm", "list", "Remove an environment variable"),
  f("force", "bool", "Force update even if no changes require it"),
  f("generic-resource-add", "list", "Add a Generic resource"),
  f("generic-resource-rm", "list", "Remove a Generic resource"),
  f("group-add", "list", "Add an additional supplementary user group to the container"),
  f("group-rm", "list", "Remove a previously added supplementary user group from the container"),
  f("health-cmd", "string", "Command to run to check health"),
  f("health-interval", "duration", "Time between running the check (ms|s|m|h)"),
  f("health-retries", "int", "Consecutive failures needed to report unhealthy"),
  f("health-start-interval", "duration", "Time between running the check during the start period (ms|s|m|h)"),
  f("health-start-period", "duration", "Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)"),
  f("health-timeout", "duration", "Maximum time to allow one check to run (ms|s|m|h)"),
  f("host-add", "list", 'Add a custom host-to-IP mapping ("host:ip")'),
  f("host-rm", "list", 'Remove a custom host-to-IP mapping ("host:ip")'),
  f("hostname", "string", "Container hostname"),
  f("image", "string", "Service image tag"),
  f("init", "bool", "Use an init inside each service container to forward signals and reap processes"),
  f("isolation", "string", "Service container isolation mode"),
  f("label-add", "list", "Add or update a service label"),
  f("label-rm", "list", "Remove a label by its key"),
  f("limit-cpu", "string", "Limit CPUs", { valueName: "decimal" }),
  f("limit-memory", "string", "Limit Memory", { valueName: "bytes" }),
  f("limit-pids", "int", "Limit maximum number of processes (default 0 = unlimited)"),
  f("log-driver", "string", "Logging driver for service"),
  f("log-opt", "list", "Logging driver options"),
  f("max-concurrent", "uint64", "Number of job tasks to run concurrently (default equal to --replicas)", { valueName: "uint" }),
  f("mount-add", "list", "Add or update a mount on a service", { valueName: "mount" }),
  f("mount-rm", "list", "Remove a mount by its target path"),
  f("network-add", "list", "Add a network", { valueName: "network" }),
  f("network-rm", "list", "Remove a network"),
  f("no-healthcheck", "bool", "Disable any container-specified HEALTHCHECK"),
  f("no-resolve-image", "bool", "Do not query the registry to resolve image digest and supported platforms"),
  f("oom-score-adj", "int", "Tune host's OOM preferences (-1000 to 1000) "),
  f("placement-pref-add", "list", "Add a placement preference", { valueName: "pref" }),
  f("placement-pref-rm", "list", "Remove a placement preference", { valueName: "pref" }),
  f("publish-add", "list", "Add or update a published port", { valueName: "port" }),
  f("publish-rm", "list", "Remove a published port by its target port", { valueName: "port" }),
  f("quiet", "bool", "Suppress progress output", { short: "q" }),
  f("read-only", "bool", "Mount the container's root filesystem as read only"),
  f("replicas", "uint64", "Number of tasks", { valueName: "uint" }),
  f("replicas-max-per-node", "uint64", "Maximum number of tasks per node (default 0 = unlimited)", { valueName: "uint" }),
  f("reserve-cpu", "string", "Reserve CPUs", { valueName: "decimal" }),
  f("reserve-memory", "string", "Reserve Memory", { valueName: "bytes" }),
  f("restart-condition", "string", 'Restart when condition is met ("none", "on-failure", "any")'),
  f("restart-delay", "duration", "Delay between restart attempts (ns|us|ms|s|m|h)"),
  f("restart-max-attempts", "uint64", "Maximum number of restarts before giving up", { valueName: "uint" }),
  f("restart-window", "duration", "Window used to evaluate the restart policy (ns|us|ms|s|m|h)"),
  f("rollback", "bool", "Rollback to previous specification"),
  f("rollback-delay", "duration", "Delay between task rollbacks (ns|us|ms|s|m|h)"),
  f("rollback-failure-action", "string", 'Action on rollback failure ("pause", "continue")'),
  f("rollback-max-failure-ratio", "float", "Failure rate to tolerate during a rollback"),
  f("rollback-monitor", "duration", "Duration after each task rollback to monitor for failure (ns|us|ms|s|m|h)"),
  f("rollback-order", "string", 'Rollback order ("start-first", "stop-first")'),
  f("rollback-parallelism", "uint64", "Maximum number of tasks rolled back simultaneously (0 to roll back all at once)", { valueName: "uint" }),
  f("secret-add", "list", "Add or update a secret on a service", { valueName: "secret" }),
  f("secret-rm", "list", "Remove a secret"),
  f("stop-grace-period", "duration", "Time to wait before force killing a container (ns|us|ms|s|m|h)"),
  f("stop-signal", "string", "Signal to stop the container"),
  f("sysctl-add", "list", "Add or update a Sysctl option"),
  f("sysctl-rm", "list", "Remove a Sysctl option"),
  f("tty", "bool", "Allocate a pseudo-TTY", { short: "t" }),
  // docker's UlimitOpt prints its empty default as "[]".
  f("ulimit-add", "list", "Add or update a ulimit option (default [])", { valueName: "ulimit" }),
  f("ulimit-rm", "list", "Remove a ulimit option"),
  f("update-delay", "duration", "Delay between updates (ns|us|ms|s|m|h)"),
  f("update-failure-action", "string", 'Action on update failure ("pause", "continue", "rollback")'),
  f("update-max-failure-ratio", "float", "Failure rate to tolerate during an update"),
  f("update-monitor", "duration", "Duration after each task update to monitor for failure (ns|us|ms|s|m|h)"),
  f("update-order", "string", 'Update order ("start-first", "stop-first")'),
  f("update-parallelism", "uint64", "Maximum number of tasks updated simultaneously (0 to update all at once)", { valueName: "uint" }),
  f("user", "string", "Username or UID (format: <name|uid>[:<group|gid>])", { short: "u" }),
  f("with-registry-auth", "bool", "Send registry authentication details to swarm agents"),
  f("workdir", "string", "Working directory inside the container", { short: "w" }),
];

/** Splits `--args` as docker's ShlexOpt does (quotes and backslashes, no expansion). */
function shlex(text: string): string[] {
  const out: string[] = [];
  let word: string | null = null;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= "";
    } else if (c === "\\" && i + 1 < text.length) word = (word ?? "") + text[++i];
    else if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
    } else word = (word ?? "") + c;
  }
  if (word !== null) out.push(word);
  return out;
}

const envKey = (v: string) => v.split("=")[0];
const portKey = (p: PortConfig) => `${p.publishedPort}:${p.targetPort}/${p.protocol}/${p.publishMode}`;

/** `--publish-rm 80`, `8080:80` or the long form: what matters is the target port, protocol and mode. */
function parsePublishRm(value: string): PortConfig | string {
  const bare = /^(\d+)(?:\/(tcp|udp|sctp))?$/.exec(value);
  if (bare) return { protocol: (bare[2] ?? "tcp") as PortConfig["protocol"], targetPort: Number(bare[1]), publishedPort: 0, publishMode: "ingress" };
  return parsePublish(value);
}

type Built = { ok: true; spec: ServiceSpecState } | { ok: false; message: string; daemon?: boolean };

/** updateService in docker's CLI: the current spec with each changed flag applied, in docker's order. */
function buildSpec(world: World, host: string, service: ServiceState, flags: ParsedFlags): Built {
  const changed = (name: string) => flags.changed.has(name);
  const list = (name: string) => flags.get<string[]>(name) ?? [];
  const spec = specOf(service);
  for (const k of list("label-rm")) delete spec.labels[k];
  for (const kv of list("label-add")) spec.labels[envKey(kv)] = kv.includes("=") ? kv.slice(kv.indexOf("=") + 1) : "";
  if (changed("image")) {
    const image = flags.get<string>("image")!;
    spec.image = image.slice(image.lastIndexOf("/") + 1).includes(":") ? image : `${image}:latest`;
  }
  if (changed("args")) spec.args = shlex(flags.get<string>("args")!);
  if (changed("env-rm") || changed("env-add")) {
    const removed = new Set(list("env-rm"));
    spec.env = spec.env.filter((e) => !removed.has(envKey(e)));
    if (changed("env-add")) {
      // docker rebuilds the list from a Go map (random order); sorted keeps the simulator deterministic.
      const byKey = new Map(spec.env.map((e) => [envKey(e), e]));
      for (const e of list("env-add")) byKey.set(envKey(e), e);
      spec.env = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, e]) => e);
    }
  }
  if (changed("constraint-add") || changed("constraint-rm")) {
    const removed = new Set(list("constraint-rm"));
    spec.constraints = [...spec.constraints, ...list("constraint-add")].filter((c) => !removed.has(c)).sort();
  }
  if (changed("network-add") || changed("network-rm")) {
    const removed = new Set<string>();
    for (const ref of list("network-rm")) {
      const net = findNetwork(world, host, ref);
      if (!net.ok) return { ok: false, message: `network ${ref} not found`, daemon: true };
      removed.add(net.value.id);
    }
    const networks = spec.networks.filter((id) => !removed.has(id));
    for (const ref of list("network-add")) {
      const net = findNetwork(world, host, ref);
      if (!net.ok) return { ok: false, message: `network ${ref} not found`, daemon: true };
      if (net.value.scope !== "swarm") {
        return { ok: false, message: `The network ${ref} cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.`, daemon: true };
      }
      if (networks.includes(net.value.id)) return { ok: false, message: `service is already attached to network ${ref}` };
      networks.push(net.value.id);
    }
    spec.networks = networks.sort();
  }
  if (changed("replicas")) {
    if (service.mode !== "replicated") return { ok: false, message: "replicas can only be used with replicated mode" };
    spec.replicas = flags.get<number>("replicas")!;
  }
  for (const [prefix, config] of [["update", spec.updateConfig], ["rollback", spec.rollbackConfig]] as const) {
    if (changed(`${prefix}-parallelism`)) config.parallelism = flags.get<number>(`${prefix}-parallelism`)!;
    if (changed(`${prefix}-delay`)) config.delay = flags.get<number>(`${prefix}-delay`)!;
    if (changed(`${prefix}-monitor`)) config.monitor = flags.get<number>(`${prefix}-monitor`)!;
    if (changed(`${prefix}-max-failure-ratio`)) config.maxFailureRatio = flags.get<number>(`${prefix}-max-failure-ratio`)!;
    if (changed(`${prefix}-failure-action`)) {
      const action = flags.get<string>(`${prefix}-failure-action`)!;
      if (!["pause", "continue", "rollback"].includes(action)) return { ok: false, message: `unrecognized ${prefix} failure action ${action}`, daemon: true };
      config.failureAction = action as typeof config.failureAction;
    }
    if (changed(`${prefix}-order`)) {
      const order = flags.get<string>(`${prefix}-order`)!;
      if (order !== "stop-first" && order !== "start-first") return { ok: false, message: `unrecognized ${prefix} order ${order}`, daemon: true };
      config.order = order;
    }
  }
  if (changed("endpoint-mode")) {
    const mode = flags.get<string>("endpoint-mode")!;
    if (mode !== "vip" && mode !== "dnsrr") return { ok: false, message: `invalid resolution mode: ${JSON.stringify(mode)}`, daemon: true };
    spec.endpointMode = mode;
  }
  if (changed("publish-add") || changed("publish-rm")) {
    const removals: PortConfig[] = [];
    for (const v of list("publish-rm")) {
      const p = parsePublishRm(v);
      if (typeof p === "string") return { ok: false, message: `invalid argument "${v}" for "--publish-rm" flag: ${p}` };
      removals.push(p);
    }
    const set = new Map(spec.ports.map((p) => [portKey(p), p]));
    const ports = [...set.values()].filter((p) => !removals.some((r) => r.protocol === p.protocol && r.targetPort === p.targetPort && r.publishMode === p.publishMode));
    for (const v of list("publish-add")) {
      const p = parsePublish(v);
      if (typeof p === "string") return { ok: false, message: `invalid argument "${v}" for "--publish-add" flag: ${p}` };
      if (!set.has(portKey(p))) ports.push(p);
    }
    spec.ports = ports.sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
  }
  if (flags.get<boolean>("force")) spec.forceUpdate++;
  return { ok: true, spec };
}

const BAR = `[${"=".repeat(50)}>]`;
/** Rolled-back tasks show an empty bar in docker's output (seen in every real transcript of a rollback). */
const EMPTY_BAR = `[>${" ".repeat(50)}]`;

/** One frame of docker's convergence display for an update or rollback: up-to-date tasks only, per slot. */
function frame(swarm: SwarmState, service: ServiceState, nameAsGiven: string, header: string | null, converged: boolean): string {
  const rollback = header !== null;
  const key = taskSpecKey(service);
  const fresh = serviceTasks(swarm, service.id).filter((t) => t.desiredState === "running" && t.spec === key);
  const bySlot = new Map<string | number, (typeof fresh)[number]>();
  for (const t of fresh) if (!bySlot.has(t.slot ?? t.nodeId ?? "")) bySlot.set(t.slot ?? t.nodeId ?? "", t);
  const total = service.mode === "replicated" ? service.replicas : bySlot.size;
  const running = [...bySlot.values()].filter((t) => t.state === "running").length;
  let text = header ? `rollback: ${header}\n` : "";
  text += `overall progress: ${rollback ? "rolling back update: " : ""}${running} out of ${total} tasks\n`;
  if (total <= 20) {
    const keys = [...bySlot.keys()].sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b))));
    for (const key of keys) {
      const t = bySlot.get(key)!;
      const label = typeof key === "number" ? `${key}/${total}` : truncateId(key);
      if (t.error) text += `${label}: ${t.error}\n`;
      else if (isUp(t) || t.state === "pending") text += `${label}: ${t.state.padEnd(9)} ${t.state === "running" ? (rollback ? EMPTY_BAR : BAR) : ""}`.trimEnd() + "\n";
    }
  }
  if (converged) text += `verify: Service ${nameAsGiven} converged\n`;
  if (converged && service.updateStatus?.state === "rollback_completed") text += "rollback: rollback completed\n";
  return text;
}

/** WaitOnService: follows the rollout to convergence, then docker's 5-second stability check. */
async function follow(ctx: RunContext, io: CommandIO, serviceId: string, nameAsGiven: string, quiet: boolean): Promise<number> {
  const world = worldOf(ctx);
  const lookup = () => {
    const m = requireManager(world, ctx.host);
    return m.ok ? { swarm: m.value.swarm, service: m.value.swarm.services[serviceId] } : null;
  };
  // The rollback line shows the message the rollback started with ("manually requested rollback").
  let header: string | null = null;
  for (;;) {
    const now = lookup();
    if (!now?.service) return 0;
    const { swarm, service } = now;
    if (service.updateStatus?.state === "rollback_started" && header === null) header = service.updateStatus.message;
    const rollback = header;
    if (service.updateStatus?.state === "paused" || service.updateStatus?.state === "rollback_paused") {
      if (!quiet) io.out(frame(swarm, service, nameAsGiven, rollback, false));
      io.err(`service ${service.updateStatus.state === "rollback_paused" ? "rollback" : "update"} paused: ${service.updateStatus.message}\n`);
      return 1;
    }
    const waiting = service.rollout && service.rollout.phase !== "monitor";
    if (!waiting) {
      if (!quiet) io.progress?.(`${frame(swarm, service, nameAsGiven, rollback, false)}verify: Waiting 5 seconds to verify that tasks are stable...\n`);
      await ctx.sleep(5000, io.signal);
      if (!io.signal.aborted) {
        const done = lookup();
        if (!quiet && done?.service) io.out(frame(done.swarm, done.service, nameAsGiven, rollback, true));
        return 0;
      }
    } else {
      if (!quiet) io.progress?.(frame(swarm, service, nameAsGiven, rollback, false));
      await ctx.sleep(200, io.signal);
    }
    if (io.signal.aborted) {
      io.out(`Operation continuing in background.\nUse \`docker service ps ${nameAsGiven}\` to check progress.\n`);
      return 0;
    }
  }
}

async function rollbackAndFollow(ctx: RunContext, io: CommandIO, ref: string): Promise<number> {
  const r = rollbackService(worldOf(ctx), ctx.host, ref);
  if (failed(io, r)) return 1;
  io.out(`${ref}\n`);
  if (ctx.flags.get<boolean>("detach")) return 0;
  return follow(ctx, io, r.value.id, ref, ctx.flags.get<boolean>("quiet") ?? false);
}

export const serviceUpdateCmd: CommandSpec = {
  path: ["service", "update"],
  use: "update [OPTIONS] SERVICE",
  short: "Update a service",
  args: { kind: "exact", n: 1 },
  complete: ["service"],
  flags: UPDATE_FLAGS,
  async run(ctx, io) {
    const world = worldOf(ctx);
    const ref = ctx.args[0];
    const m = requireManager(world, ctx.host);
    if (failed(io, m)) return 1;
    const found = findService(m.value.swarm, ref);
    if (failed(io, found)) return 1;
    if (ctx.flags.get<boolean>("rollback")) {
      if ([...ctx.flags.changed].some((n) => n !== "rollback" && n !== "detach" && n !== "quiet")) {
        io.err("other flags may not be combined with --rollback\n");
        return 1;
      }
      return rollbackAndFollow(ctx, io, ref);
    }
    const unsupported = [...ctx.flags.changed].filter((n) => !SIMULATED.has(n)).sort();
    if (unsupported.length > 0) {
      io.err(`--${unsupported[0]} is not supported in this simulator (it models image, replicas, env, args, labels, ports, networks, constraints, endpoint mode and the update and rollback settings)\n`);
      return 1;
    }
    const built = buildSpec(world, ctx.host, found.value, ctx.flags);
    if (!built.ok) {
      io.err(built.daemon ? `Error response from daemon: ${built.message}\n` : `${built.message}\n`);
      return 1;
    }
    const r = updateService(world, ctx.host, found.value.id, built.spec);
    if (failed(io, r)) return 1;
    io.out(`${ref}\n`);
    if (ctx.flags.get<boolean>("detach")) return 0;
    return follow(ctx, io, r.value.id, ref, ctx.flags.get<boolean>("quiet") ?? false);
  },
};

export const serviceRollbackCmd: CommandSpec = {
  path: ["service", "rollback"],
  use: "rollback [OPTIONS] SERVICE",
  short: "Revert changes to a service's configuration",
  args: { kind: "exact", n: 1 },
  complete: ["service"],
  flags: [
    f("detach", "bool", "Exit immediately instead of waiting for the service to converge", { short: "d" }),
    f("quiet", "bool", "Suppress progress output", { short: "q" }),
  ],
  run: (ctx, io) => rollbackAndFollow(ctx, io, ctx.args[0]),
};
