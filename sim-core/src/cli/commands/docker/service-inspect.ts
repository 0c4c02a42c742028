/**
 * docker service inspect (docker/cli cli/command/service/inspect.go): Docker's swarm.Service as JSON
 * (moby api/types/swarm/service.go field order, with the defaults the daemon inserts for inspect), Go
 * templates through --format, and the human --pretty template (cli/command/service/formatter.go).
 */
import type { World } from "../../../engine/world";
import { goMap, goTime } from "../../../format/json";
import type { PortConfig, ServiceSpecState, ServiceState, SwarmState, TaskState, UpdateConfig } from "../../../model/state";
import { requireManager } from "../../../swarm/cluster";
import { findService } from "../../../swarm/services";
import { goDurationString } from "../../help";
import type { CommandSpec } from "../../types";
import { failed, humanDuration, worldOf } from "./common";
import { INSPECT_FORMAT_FLAG, writeInspect } from "./format";
import { bytesSize } from "./system";

const NS = 1_000_000;

const portJson = (p: PortConfig) => ({ Protocol: p.protocol, TargetPort: p.targetPort, PublishedPort: p.publishedPort, PublishMode: p.publishMode });

function configJson(c: UpdateConfig) {
  return {
    Parallelism: c.parallelism,
    ...(c.delay ? { Delay: c.delay * NS } : {}),
    FailureAction: c.failureAction,
    ...(c.monitor ? { Monitor: c.monitor * NS } : {}),
    MaxFailureRatio: c.maxFailureRatio,
    Order: c.order,
  };
}

/** Docker's Resources: each of Limits' and Reservations' fields omitted when zero. */
function resourcesJson(r: ServiceSpecState["resources"]) {
  const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));
  return {
    Limits: nonZero({ NanoCPUs: r?.limits.nanoCPUs ?? 0, MemoryBytes: r?.limits.memoryBytes ?? 0, Pids: r?.limits.pids ?? 0 }),
    Reservations: nonZero({ NanoCPUs: r?.reservations.nanoCPUs ?? 0, MemoryBytes: r?.reservations.memoryBytes ?? 0 }),
  };
}

function restartJson(p: ServiceSpecState["restartPolicy"]) {
  if (!p) return { Condition: "any", Delay: 5000 * NS, MaxAttempts: 0 };
  return { Condition: p.condition, Delay: p.delay * NS, MaxAttempts: p.maxAttempts, ...(p.window ? { Window: p.window * NS } : {}) };
}

function placementJson(spec: ServiceSpecState) {
  return {
    ...(spec.constraints.length ? { Constraints: spec.constraints } : {}),
    ...(spec.placementPrefs?.length ? { Preferences: spec.placementPrefs.map((SpreadDescriptor) => ({ Spread: { SpreadDescriptor } })) } : {}),
    ...(spec.maxReplicas ? { MaxReplicas: spec.maxReplicas } : {}),
  };
}

/** A ServiceSpec as the daemon returns it with InsertDefaults (restart policy, grace period, isolation, …). */
function specJson(service: ServiceState, spec: ServiceSpecState) {
  return {
    Name: service.name,
    Labels: goMap(spec.labels),
    TaskTemplate: {
      ContainerSpec: {
        Image: spec.image,
        ...(spec.containerLabels && Object.keys(spec.containerLabels).length ? { Labels: goMap(spec.containerLabels) } : {}),
        ...(spec.args.length ? { Args: spec.args } : {}),
        ...(spec.hostname ? { Hostname: spec.hostname } : {}),
        ...(spec.env.length ? { Env: spec.env } : {}),
        Init: false,
        StopGracePeriod: 10_000 * NS,
        DNSConfig: {},
        Isolation: "default",
      },
      Resources: resourcesJson(spec.resources),
      RestartPolicy: restartJson(spec.restartPolicy),
      Placement: placementJson(spec),
      ...(spec.networks.length ? { Networks: spec.networks.map((Target) => ({ Target, ...(spec.aliases?.[Target]?.length ? { Aliases: spec.aliases[Target] } : {}) })) } : {}),
      ForceUpdate: spec.forceUpdate,
      Runtime: "container",
    },
    Mode: service.mode === "replicated" ? { Replicated: { Replicas: spec.replicas } } : { Global: {} },
    UpdateConfig: configJson(spec.updateConfig),
    RollbackConfig: configJson(spec.rollbackConfig),
    EndpointSpec: { Mode: spec.endpointMode, ...(spec.ports.length ? { Ports: spec.ports.map(portJson) } : {}) },
  };
}

/** The object `docker service inspect` prints for a service (and `--format` templates see). */
/** What a task's status message says in each state (swarmkit's agent and orchestrator texts). */
const TASK_MESSAGES: Record<string, string> = { new: "created", pending: "pending task scheduling", assigned: "scheduler assigned task to node", running: "started", shutdown: "shutdown", failed: "started", rejected: "preparing", starting: "starting", complete: "finished" };

/** A swarm.Task as `docker inspect <task>` prints it: its spec is the service's task template when it was made. */
export function taskInspectObject(swarm: SwarmState, service: ServiceState, task: TaskState) {
  const attachments = Object.entries(task.addresses).map(([netId, ip]) => {
    const n = swarm.networks[netId];
    return {
      Network: {
        ID: netId,
        Version: { Index: 1 },
        CreatedAt: goTime(n?.createdAt ?? task.createdAt),
        UpdatedAt: goTime(n?.createdAt ?? task.createdAt),
        Spec: { Name: n?.name ?? netId, Labels: goMap(n?.labels ?? {}), DriverConfiguration: {}, ...(n?.ingress ? { Ingress: true } : {}), Scope: "swarm" },
        DriverState: { Name: "overlay", Options: { "com.docker.network.driver.overlay.vxlanid_list": String(n?.vni ?? "") } },
        IPAMOptions: { Driver: { Name: "default" }, Configs: n?.subnet ? [{ Subnet: n.subnet, Gateway: n.gateway }] : [] },
      },
      Addresses: [`${ip}/${(n?.subnet ?? "/24").split("/")[1]}`],
    };
  });
  return {
    ID: task.id,
    Version: { Index: service.version },
    CreatedAt: goTime(task.createdAt),
    UpdatedAt: goTime(task.stateAt),
    Labels: {},
    Spec: specJson(service, service).TaskTemplate,
    ServiceID: service.id,
    ...(task.slot !== null ? { Slot: task.slot } : {}),
    ...(task.nodeId ? { NodeID: task.nodeId } : {}),
    Status: {
      Timestamp: goTime(task.stateAt),
      State: task.state,
      Message: TASK_MESSAGES[task.state] ?? task.state,
      ...(task.error ? { Err: task.error } : {}),
      ...(task.containerId ? { ContainerStatus: { ContainerID: task.containerId, PID: task.state === "running" ? 1000 + (parseInt(task.id.slice(0, 4), 36) % 30000) : 0, ExitCode: 0 } } : {}),
      PortStatus: {},
    },
    DesiredState: task.desiredState,
    ...(attachments.length ? { NetworksAttachments: attachments } : {}),
  };
}

export function serviceInspectObject(_world: World, swarm: SwarmState, service: ServiceState) {
  const vips = Object.entries(service.vips).map(([netId, ip]) => ({ NetworkID: netId, Addr: `${ip}/${(swarm.networks[netId]?.subnet ?? "/24").split("/")[1]}` }));
  const status = service.updateStatus;
  return {
    ID: service.id,
    Version: { Index: service.version },
    CreatedAt: goTime(service.createdAt),
    UpdatedAt: goTime(service.updatedAt),
    Spec: specJson(service, service),
    ...(service.previousSpec ? { PreviousSpec: specJson(service, service.previousSpec) } : {}),
    Endpoint: {
      Spec: { Mode: service.endpointMode, ...(service.ports.length ? { Ports: service.ports.map(portJson) } : {}) },
      ...(service.ports.length ? { Ports: service.ports.map(portJson) } : {}),
      ...(vips.length ? { VirtualIPs: vips } : {}),
    },
    ...(status
      ? { UpdateStatus: { State: status.state, StartedAt: goTime(status.startedAt), ...(status.completedAt !== null ? { CompletedAt: goTime(status.completedAt) } : {}), Message: status.message } }
      : {}),
  };
}

function configPretty(title: string, orderLabel: string, c: UpdateConfig): string {
  return (
    `\n${title}:\n Parallelism:\t${c.parallelism}` +
    (c.delay > 0 ? `\n Delay:\t\t${goDurationString(c.delay)}` : "") +
    `\n On failure:\t${c.failureAction}` +
    (c.monitor > 0 ? `\n Monitoring Period: ${goDurationString(c.monitor)}` : "") +
    `\n Max failure ratio: ${c.maxFailureRatio}\n ${orderLabel}${c.order}`
  );
}

/** The Resources block of the pretty template: reservations, then limits, each only when set. */
function resourcesPretty(r: ServiceState["resources"]): string {
  if (!r) return "";
  const cpus = (n: number) => String(n / 1e9);
  let out = "";
  if (r.reservations.nanoCPUs > 0 || r.reservations.memoryBytes > 0) {
    out += "\n Reservations:";
    if (r.reservations.nanoCPUs > 0) out += `\n  CPU:\t\t${cpus(r.reservations.nanoCPUs)}`;
    if (r.reservations.memoryBytes) out += `\n  Memory:\t${bytesSize(r.reservations.memoryBytes)}`;
  }
  if (r.limits.nanoCPUs > 0 || r.limits.memoryBytes > 0 || r.limits.pids > 0) {
    out += "\n Limits:";
    if (r.limits.nanoCPUs > 0) out += `\n  CPU:\t\t${cpus(r.limits.nanoCPUs)}`;
    if (r.limits.memoryBytes) out += `\n  Memory:\t${bytesSize(r.limits.memoryBytes)}`;
    if (r.limits.pids > 0) out += `\n  PIDs:\t\t${r.limits.pids}`;
  }
  return out;
}

/** serviceInspectPrettyTemplate, rendered for the fields the simulator has (whitespace as its {{- }} trims leave it). */
export function servicePretty(world: World, swarm: SwarmState, service: ServiceState): string {
  const now = world.state.now;
  const labels = Object.keys(service.labels).sort();
  const status = service.updateStatus;
  let out = `\nID:\t\t${service.id}\nName:\t\t${service.name}`;
  if (labels.length) out += `\nLabels:${labels.map((k) => `\n ${k}${service.labels[k] ? `=${service.labels[k]}` : ""}`).join("")}`;
  out += service.mode === "global" ? "\nService Mode:\tGlobal" : `\nService Mode:\tReplicated\n Replicas:\t${service.replicas}`;
  if (status) {
    out += `\nUpdateStatus:\n State:\t\t${status.state}\n Started:\t${humanDuration(now - status.startedAt)} ago`;
    if (status.state === "completed" && status.completedAt !== null) out += `\n Completed:\t${humanDuration(now - status.completedAt)} ago`;
    out += `\n Message:\t${status.message}`;
  }
  out += "\nPlacement:";
  if (service.constraints.length) out += `\n Constraints:\t[${service.constraints.join(" ")}]`;
  if (service.placementPrefs?.length) out += `\n Preferences:   [${service.placementPrefs.map((p) => `spread=${p}`).join(" ")}]`;
  if (service.maxReplicas) out += `\n Max Replicas Per Node:   ${service.maxReplicas}`;
  out += configPretty("UpdateConfig", "Update order:      ", service.updateConfig);
  out += configPretty("RollbackConfig", "Rollback order:    ", service.rollbackConfig);
  out += `\nContainerSpec:\n Image:\t\t${service.image}`;
  if (service.args.length) out += `\n Args:\t\t${service.args.map((a) => `${a} `).join("")}`;
  if (service.env.length) out += `\n Env:\t\t${service.env.map((e) => `${e} `).join("")}`;
  out += `\n Init:\t\tfalse\nResources:${resourcesPretty(service.resources)}`;
  if (service.networks.length) out += `\nNetworks:${service.networks.map((id) => ` ${swarm.networks[id]?.name ?? id}`).join("")} `;
  out += `\nEndpoint Mode:\t${service.endpointMode}`;
  if (service.ports.length) {
    out += "\nPorts:";
    out += service.ports.map((p) => `\n PublishedPort = ${p.publishedPort}\n  Protocol = ${p.protocol}\n  TargetPort = ${p.targetPort}\n  PublishMode = ${p.publishMode}`).join("");
    out += " ";
  }
  return `${out}\n\n`;
}

export const serviceInspectCmd: CommandSpec = {
  path: ["service", "inspect"],
  use: "inspect [OPTIONS] SERVICE [SERVICE...]",
  short: "Display detailed information on one or more services",
  args: { kind: "min", n: 1 },
  complete: ["service"],
  flags: [INSPECT_FORMAT_FLAG, { name: "pretty", type: "bool", usage: "Print the information in a human friendly format" }],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const format = ctx.flags.get<string>("format") || undefined;
    const pretty = ctx.flags.get<boolean>("pretty") || format === "pretty";
    if (ctx.flags.get<boolean>("pretty") && format) {
      io.err("--format is incompatible with human friendly format\n");
      return 1;
    }
    if (format?.startsWith("pretty") && format !== "pretty") {
      io.err("cannot supply extra formatting options to the pretty template\n");
      return 1;
    }
    const m = requireManager(world, ctx.host);
    if (failed(io, m)) return 1;
    const swarm = m.value.swarm;
    if (pretty) {
      // The pretty writer prints each service in turn and stops at the first it cannot find.
      for (const ref of ctx.args) {
        const r = findService(swarm, ref);
        if (!r.ok) {
          io.err(`no such service: ${ref}\n`);
          return 1;
        }
        io.out(servicePretty(world, swarm, r.value));
      }
      return 0;
    }
    return writeInspect(io, ctx.args, format, (ref) => {
      const r = findService(swarm, ref);
      return r.ok ? { ok: true, value: serviceInspectObject(world, swarm, r.value) } : { ok: false, error: `no such service: ${ref}` };
    });
  },
};
