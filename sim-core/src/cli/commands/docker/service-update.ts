/**
 * docker service update | rollback (docker/cli cli/command/service/update.go, rollback.go), followed by
 * the convergence display (converge.ts). As docker's CLI does, the new spec is built here from the
 * current one and the flags, then handed to the engine whole.
 */
import { digestWarning } from "../../../engine/images";
import type { World } from "../../../engine/world";
import type { PortConfig, ServiceSpecState, ServiceState } from "../../../model/state";
import { findNetwork } from "../../../net/networks";
import { requireManager } from "../../../swarm/cluster";
import { findService } from "../../../swarm/services";
import { rollbackService, specOf, updateService } from "../../../swarm/update";
import type { CommandIO, CommandSpec, FlagSpec, ParsedFlags, RunContext } from "../../types";
import { failed, worldOf } from "./common";
import { waitOnService } from "./converge";
import { commonServiceFlags, f, parsePublish, publishFlag } from "./service-flags";

/** The flags the simulator acts on; every other flag of docker's is declared (help, parsing) but refused. */
const SIMULATED = new Set([
  "args", "constraint-add", "constraint-rm", "detach", "endpoint-mode", "env-add", "env-rm", "force", "image", "label-add", "label-rm",
  "network-add", "network-rm", "publish-add", "publish-rm", "quiet", "replicas", "restart-condition", "restart-delay", "restart-max-attempts", "restart-window", "rollback",
  "rollback-delay", "rollback-failure-action", "rollback-max-failure-ratio", "rollback-monitor", "rollback-order", "rollback-parallelism",
  "update-delay", "update-failure-action", "update-max-failure-ratio", "update-monitor", "update-order", "update-parallelism",
]);

const UPDATE_FLAGS: FlagSpec[] = [
  ...commonServiceFlags(false),
  f("args", "string", "Service command args", { valueName: "command" }),
  f("config-add", "list", "Add or update a config file on a service", { valueName: "config" }),
  f("config-rm", "list", "Remove a configuration file"),
  f("constraint-add", "list", "Add or update a placement constraint"),
  f("constraint-rm", "list", "Remove a constraint"),
  f("container-label-add", "list", "Add or update a container label"),
  f("container-label-rm", "list", "Remove a container label by its key"),
  f("dns-add", "list", "Add or update a custom DNS server"),
  f("dns-option-add", "list", "Add or update a DNS option"),
  f("dns-option-rm", "list", "Remove a DNS option"),
  f("dns-rm", "list", "Remove a custom DNS server"),
  f("dns-search-add", "list", "Add or update a custom DNS search domain"),
  f("dns-search-rm", "list", "Remove a DNS search domain"),
  f("env-add", "list", "Add or update an environment variable"),
  f("env-rm", "list", "Remove an environment variable"),
  f("force", "bool", "Force update even if no changes require it"),
  f("generic-resource-add", "list", "Add a Generic resource"),
  f("generic-resource-rm", "list", "Remove a Generic resource"),
  f("group-add", "list", "Add an additional supplementary user group to the container"),
  f("group-rm", "list", "Remove a previously added supplementary user group from the container"),
  f("host-add", "list", 'Add a custom host-to-IP mapping ("host:ip")'),
  f("host-rm", "list", 'Remove a custom host-to-IP mapping ("host:ip")'),
  f("image", "string", "Service image tag"),
  f("init", "bool", "Use an init inside each service container to forward signals and reap processes"),
  f("label-add", "list", "Add or update a service label"),
  f("label-rm", "list", "Remove a label by its key"),
  f("mount-add", "list", "Add or update a mount on a service", { valueName: "mount" }),
  f("mount-rm", "list", "Remove a mount by its target path"),
  f("network-add", "list", "Add a network", { valueName: "network", values: "network" }),
  // Tab: cobra leaves this one out (it would need the service's networks); docker's bash completion offers every network.
  f("network-rm", "list", "Remove a network", { values: "network" }),
  f("oom-score-adj", "int", "Tune host's OOM preferences (-1000 to 1000) "),
  f("placement-pref-add", "list", "Add a placement preference", { valueName: "pref" }),
  f("placement-pref-rm", "list", "Remove a placement preference", { valueName: "pref" }),
  publishFlag("publish-add", "Add or update a published port"),
  f("publish-rm", "list", "Remove a published port by its target port", { valueName: "port" }),
  f("rollback", "bool", "Rollback to previous specification"),
  f("secret-add", "list", "Add or update a secret on a service", { valueName: "secret" }),
  f("secret-rm", "list", "Remove a secret"),
  f("sysctl-add", "list", "Add or update a Sysctl option"),
  f("sysctl-rm", "list", "Remove a Sysctl option"),
  // docker's UlimitOpt prints its empty default as "[]".
  f("ulimit-add", "list", "Add or update a ulimit option (default [])", { valueName: "ulimit" }),
  f("ulimit-rm", "list", "Remove a ulimit option"),
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
  const ports = parsePublish(value);
  return typeof ports === "string" ? ports : ports[0];
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
  // updateRestartPolicy: the changed fields on the current policy (or the daemon's defaults); part of the task spec.
  if (["restart-condition", "restart-delay", "restart-max-attempts", "restart-window"].some(changed)) {
    const policy = { ...(spec.restartPolicy ?? { condition: "any" as const, delay: 5000, maxAttempts: 0, window: 0 }) };
    if (changed("restart-condition")) {
      const condition = flags.get<string>("restart-condition")!;
      if (condition !== "none" && condition !== "on-failure" && condition !== "any") return { ok: false, message: `invalid RestartCondition: ${JSON.stringify(condition)}`, daemon: true };
      policy.condition = condition;
    }
    if (changed("restart-delay")) policy.delay = flags.get<number>("restart-delay")!;
    if (changed("restart-max-attempts")) policy.maxAttempts = flags.get<number>("restart-max-attempts")!;
    if (changed("restart-window")) policy.window = flags.get<number>("restart-window")!;
    spec.restartPolicy = policy;
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
    // The flag parser has already checked every value.
    for (const p of list("publish-add").flatMap((v) => parsePublish(v) as PortConfig[])) if (!set.has(portKey(p))) ports.push(p);
    spec.ports = ports.sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
  }
  if (flags.get<boolean>("force")) spec.forceUpdate++;
  return { ok: true, spec };
}

async function rollbackAndFollow(ctx: RunContext, io: CommandIO, ref: string): Promise<number> {
  const r = rollbackService(worldOf(ctx), ctx.host, ref);
  if (failed(io, r)) return 1;
  io.out(`${ref}\n`);
  if (ctx.flags.get<boolean>("detach")) return 0;
  return waitOnService(ctx, io, r.value.id, ref, ctx.flags.get<boolean>("quiet") ?? false);
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
      io.err(`--${unsupported[0]} is not supported in this simulator (it models image, replicas, env, args, labels, ports, networks, constraints, endpoint mode, the restart policy and the update and rollback settings)\n`);
      return 1;
    }
    const built = buildSpec(world, ctx.host, found.value, ctx.flags);
    if (!built.ok) {
      io.err(built.daemon ? `Error response from daemon: ${built.message}\n` : `${built.message}\n`);
      return 1;
    }
    const r = updateService(world, ctx.host, found.value.id, built.spec, true);
    if (failed(io, r)) return 1;
    const warning = ctx.flags.changed.has("image") ? digestWarning(r.value.image) : null;
    if (warning) io.err(`${warning}\n`);
    io.out(`${ref}\n`);
    if (ctx.flags.get<boolean>("detach")) return 0;
    return waitOnService(ctx, io, r.value.id, ref, ctx.flags.get<boolean>("quiet") ?? false);
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
