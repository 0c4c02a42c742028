/**
 * docker service create (docker/cli cli/command/service/create.go, opts.go ToService): every flag docker
 * declares, the ones the simulator models turned into a service spec in docker's order of checks — the
 * CLI's own (mode, networks), then the daemon's conversion (restart condition, update and rollback
 * settings, endpoint mode), then swarmkit's (in createService) — and the rest refused in one line.
 */
import { digestWarning } from "../../../engine/images";
import { errorText, type SimError } from "../../../engine/errors";
import type { PortConfig, RestartPolicy, ServiceResources, UpdateConfig } from "../../../model/state";
import { createService, type ServiceSpec } from "../../../swarm/services";
import { DEFAULT_UPDATE_CONFIG } from "../../../swarm/update";
import type { CommandSpec, FlagSpec, ParsedFlags } from "../../types";
import { failed, worldOf } from "./common";
import { waitOnService } from "./converge";
import { commonServiceFlags, f, parseBytes, parseNanoCpus, parseNetwork, parsePlacementPref, parsePublish, publishFlag } from "./service-flags";

/** opts.ValidateLabel and opts.ValidateEnv: what `-l` and `-e` refuse at parse time. */
function labelError(v: string): string | undefined {
  const key = v.split("=")[0].trimStart();
  if (key === "") return `invalid label '${v}': empty name`;
  if (/\s/.test(key)) return `label '${key}' contains whitespaces`;
  return undefined;
}
const envError = (v: string) => (v.split("=")[0] === "" ? `invalid environment variable: ${v}` : undefined);

const CREATE_FLAGS: FlagSpec[] = [
  ...commonServiceFlags(true),
  f("mode", "string", 'Service mode ("replicated", "global", "replicated-job", "global-job")', { default: "replicated", values: ["replicated", "global", "replicated-job", "global-job"] }),
  f("name", "string", "Service name"),
  f("label", "list", "Service labels", { short: "l", validate: labelError }),
  f("container-label", "list", "Container labels", { validate: labelError }),
  f("env", "list", "Set environment variables", { short: "e", validate: envError }),
  f("env-file", "list", "Read in a file of environment variables"),
  f("mount", "list", "Attach a filesystem mount to the service", { valueName: "mount" }),
  f("constraint", "list", "Placement constraints"),
  f("placement-pref", "list", "Add a placement preference", {
    valueName: "pref",
    validate: (v) => {
      const pref = parsePlacementPref(v);
      return typeof pref === "string" ? undefined : pref.error;
    },
  }),
  f("network", "list", "Network attachments", {
    valueName: "network",
    values: "network",
    validate: (v) => {
      const net = parseNetwork(v);
      return typeof net === "string" ? net : undefined;
    },
  }),
  f("secret", "list", "Specify secrets to expose to the service", { valueName: "secret" }),
  f("config", "list", "Specify configurations to expose to the service", { valueName: "config" }),
  publishFlag("publish", "Publish a port as a node port", "p"),
  f("group", "list", "Set one or more supplementary user groups for the container"),
  f("dns", "list", "Set custom DNS servers"),
  f("dns-option", "list", "Set DNS options"),
  f("dns-search", "list", "Set custom DNS search domains"),
  f("host", "list", "Set one or more custom host-to-IP mappings (host:ip)"),
  f("init", "bool", "Use an init inside each service container to forward signals and reap processes"),
  f("sysctl", "list", "Sysctl options"),
  // docker's UlimitOpt prints its empty default as "[]".
  f("ulimit", "list", "Ulimit options (default [])", { valueName: "ulimit" }),
  f("oom-score-adj", "int", "Tune host's OOM preferences (-1000 to 1000) "),
  f("generic-resource", "list", "User defined resources"),
];

/** The flags the simulator acts on. The registry ones change nothing here: every image is already local. */
const SIMULATED = new Set([
  "constraint", "container-label", "detach", "endpoint-mode", "env", "hostname", "label", "limit-cpu", "limit-memory", "limit-pids", "mode",
  "name", "network", "no-resolve-image", "placement-pref", "publish", "quiet", "replicas", "replicas-max-per-node", "reserve-cpu",
  "reserve-memory", "restart-condition", "restart-delay", "restart-max-attempts", "restart-window", "with-registry-auth",
  ...["update", "rollback"].flatMap((p) => ["parallelism", "delay", "monitor", "failure-action", "max-failure-ratio", "order"].map((s) => `${p}-${s}`)),
]);

type Built = { ok: true; spec: ServiceSpec } | { ok: false; message: string; daemon?: boolean };
const cli = (message: string): Built => ({ ok: false, message });
const daemon = (error: SimError): Built => ({ ok: false, message: errorText(error), daemon: true });

/** ToServiceMode: the CLI's checks of --mode against --replicas, --max-concurrent and --replicas-max-per-node. */
function modeError(flags: ParsedFlags): string | null {
  const mode = flags.get<string>("mode")!;
  const has = (name: string) => flags.changed.has(name);
  const maxPerNode = (flags.get<number>("replicas-max-per-node") ?? 0) > 0;
  if (mode === "global" || mode === "global-job") {
    if (mode === "global" && has("replicas")) return "replicas can only be used with replicated or replicated-job mode";
    if (maxPerNode) return "replicas-max-per-node can only be used with replicated or replicated-job mode";
    if (has("max-concurrent")) return "max-concurrent can only be used with replicated-job mode";
    if (has("replicas")) return "replicas can only be used with replicated or replicated-job mode";
    return null;
  }
  if (mode === "replicated") return has("max-concurrent") ? "max-concurrent can only be used with replicated-job mode" : null;
  if (mode === "replicated-job") return null;
  return `unknown mode: ${mode}, only replicated and global supported`;
}

/** makeEnv: variables in order, a later one replacing an earlier one with the same name. */
function makeEnv(values: string[]): string[] {
  const out: string[] = [];
  for (const e of values) {
    const key = e.split("=")[0];
    const at = out.findIndex((x) => x !== e && x.startsWith(`${key}=`));
    if (at >= 0) out.splice(at, 1);
    out.push(e);
  }
  return out;
}

/** opts.ConvertKVStringsToMap. */
const kvMap = (values: string[]) => Object.fromEntries(values.map((kv) => [kv.split("=")[0], kv.includes("=") ? kv.slice(kv.indexOf("=") + 1) : ""]));

/** updateConfig / rollbackConfig: swarmkit's defaults with the changed flags on top, checked as moby's updateConfigToGRPC does. */
function updateConfig(flags: ParsedFlags, prefix: "update" | "rollback"): UpdateConfig | string | undefined {
  const names = ["parallelism", "delay", "monitor", "failure-action", "max-failure-ratio", "order"].map((s) => `${prefix}-${s}`);
  if (!names.some((n) => flags.changed.has(n))) return undefined;
  const c: UpdateConfig = { ...DEFAULT_UPDATE_CONFIG };
  const set = (name: string) => flags.changed.has(`${prefix}-${name}`);
  if (set("parallelism")) c.parallelism = flags.get<number>(`${prefix}-parallelism`)!;
  if (set("delay")) c.delay = flags.get<number>(`${prefix}-delay`)!;
  if (set("monitor")) c.monitor = flags.get<number>(`${prefix}-monitor`)!;
  if (set("max-failure-ratio")) c.maxFailureRatio = flags.get<number>(`${prefix}-max-failure-ratio`)!;
  if (set("failure-action")) {
    const action = flags.get<string>(`${prefix}-failure-action`)!;
    // moby uses one converter for both configs, so a bad rollback action reads "update failure action" too.
    if (!["pause", "continue", "rollback"].includes(action)) return `unrecognized update failure action ${action}`;
    c.failureAction = action as UpdateConfig["failureAction"];
  }
  if (set("order")) {
    const order = flags.get<string>(`${prefix}-order`)!;
    if (order !== "stop-first" && order !== "start-first") return `unrecognized update order ${order}`;
    c.order = order;
  }
  return c;
}

function restartPolicy(flags: ParsedFlags): RestartPolicy | string | undefined {
  if (!["restart-condition", "restart-delay", "restart-max-attempts", "restart-window"].some((n) => flags.changed.has(n))) return undefined;
  const condition = flags.changed.has("restart-condition") ? flags.get<string>("restart-condition")! : "any";
  if (condition !== "none" && condition !== "on-failure" && condition !== "any") return `invalid RestartCondition: ${JSON.stringify(condition)}`;
  return {
    condition,
    delay: flags.changed.has("restart-delay") ? flags.get<number>("restart-delay")! : 5000,
    maxAttempts: flags.get<number>("restart-max-attempts") ?? 0,
    window: flags.get<number>("restart-window") ?? 0,
  };
}

function resources(flags: ParsedFlags): ServiceResources | undefined {
  const names = ["limit-cpu", "limit-memory", "limit-pids", "reserve-cpu", "reserve-memory"];
  if (!names.some((n) => flags.changed.has(n))) return undefined;
  // The flag parser has checked each value already.
  const cpus = (name: string) => (flags.changed.has(name) ? (parseNanoCpus(flags.get<string>(name)!) as number) : 0);
  const bytes = (name: string) => (flags.changed.has(name) ? (parseBytes(flags.get<string>(name)!) as number) : 0);
  return {
    limits: { nanoCPUs: cpus("limit-cpu"), memoryBytes: bytes("limit-memory"), pids: flags.get<number>("limit-pids") ?? 0 },
    reservations: { nanoCPUs: cpus("reserve-cpu"), memoryBytes: bytes("reserve-memory") },
  };
}

/** ToService for the modelled flags, with the daemon's conversion checks in moby's order. */
function buildSpec(flags: ParsedFlags, args: string[]): Built {
  const list = (name: string) => flags.get<string[]>(name) ?? [];
  const mode = flags.get<string>("mode")!;
  const networks: string[] = [];
  const aliases: Record<string, string[]> = {};
  for (const v of list("network")) {
    const net = parseNetwork(v) as Exclude<ReturnType<typeof parseNetwork>, string>;
    networks.push(net.target);
    if (net.aliases.length) aliases[net.target] = [...(aliases[net.target] ?? []), ...net.aliases];
  }
  const prefs = list("placement-pref").map((v) => parsePlacementPref(v) as string);
  const unsupportedPref = prefs.find((p) => !p.startsWith("node.labels."));
  if (unsupportedPref !== undefined) return cli(`--placement-pref spread=${unsupportedPref} is not supported in this simulator (it spreads over node.labels.<name> only)`);
  const restart = restartPolicy(flags);
  if (typeof restart === "string") return daemon({ code: "invalid-daemon-value", data: { message: restart } });
  const update = updateConfig(flags, "update");
  if (typeof update === "string") return daemon({ code: "invalid-daemon-value", data: { message: update } });
  const rollback = updateConfig(flags, "rollback");
  if (typeof rollback === "string") return daemon({ code: "invalid-daemon-value", data: { message: rollback } });
  const endpointMode = (flags.get<string>("endpoint-mode") ?? "").toLowerCase();
  if (endpointMode !== "" && endpointMode !== "vip" && endpointMode !== "dnsrr") {
    return daemon({ code: "invalid-daemon-value", data: { message: `invalid resolution mode: ${JSON.stringify(endpointMode)}` } });
  }
  return {
    ok: true,
    spec: {
      name: flags.get<string>("name") || undefined,
      image: args[0],
      args: args.slice(1),
      mode: mode as "replicated" | "global",
      replicas: flags.changed.has("replicas") ? flags.get<number>("replicas") : undefined,
      networks,
      aliases,
      ports: list("publish").flatMap((v) => parsePublish(v) as PortConfig[]),
      endpointMode: (endpointMode || "vip") as "vip" | "dnsrr",
      constraints: list("constraint"),
      env: makeEnv(list("env")),
      labels: kvMap(list("label")),
      containerLabels: kvMap(list("container-label")),
      hostname: flags.get<string>("hostname") || undefined,
      resources: resources(flags),
      restartPolicy: restart,
      placementPrefs: prefs,
      maxReplicas: flags.get<number>("replicas-max-per-node") || undefined,
      updateConfig: update,
      rollbackConfig: rollback,
      resolveImage: !flags.get<boolean>("no-resolve-image"),
    },
  };
}

export const serviceCreateCmd: CommandSpec = {
  path: ["service", "create"],
  use: "create [OPTIONS] IMAGE [COMMAND] [ARG...]",
  short: "Create a new service",
  args: { kind: "min", n: 1 },
  interspersed: false,
  flags: CREATE_FLAGS,
  async run(ctx, io) {
    const flags = ctx.flags;
    if (flags.changed.has("env-file")) {
      io.err("--env-file is not supported in this simulator (there are no files to read variables from): set them with -e KEY=VALUE\n");
      return 1;
    }
    const badMode = modeError(flags);
    if (badMode) {
      io.err(`${badMode}\n`);
      return 1;
    }
    const mode = flags.get<string>("mode")!;
    if (mode.endsWith("-job")) {
      io.err(`--mode ${mode} is not supported in this simulator (jobs that run to completion are not modelled): use replicated or global\n`);
      return 1;
    }
    const unsupported = [...flags.changed].filter((n) => !SIMULATED.has(n)).sort();
    if (unsupported.length > 0) {
      io.err(
        `--${unsupported[0]} is not supported in this simulator (it models name, mode, replicas, networks, ports, endpoint mode, env, labels, ` +
          "constraints, placement preferences, hostname, resources, restart policy and the update and rollback settings)\n",
      );
      return 1;
    }
    const built = buildSpec(flags, ctx.args);
    if (!built.ok) {
      io.err(built.daemon ? `Error response from daemon: ${built.message}\n` : `${built.message}\n`);
      return 1;
    }
    const r = createService(worldOf(ctx), ctx.host, built.spec);
    if (failed(io, r)) return 1;
    // The daemon's warnings come first (docker/cli service/create.go), then the ID.
    const warning = flags.get<boolean>("no-resolve-image") ? null : digestWarning(r.value.image);
    if (warning) io.err(`${warning}\n`);
    io.out(`${r.value.id}\n`);
    if (flags.get<boolean>("detach")) return 0;
    // docker follows the service by the ID the daemon returned, so that is the name the display uses.
    return waitOnService(ctx, io, r.value.id, r.value.id, flags.get<boolean>("quiet") ?? false);
  },
};
