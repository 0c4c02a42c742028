/**
 * docker container inspect and docker inspect (docker/cli cli/command/container/inspect.go,
 * cli/command/system/inspect.go, cli/command/inspect/inspector.go): the container in the key order of
 * moby's api/types/container InspectResponse (Docker 29, overlay2 graph driver), Go JSON, and docker's
 * lookup, error texts and `--format` handling.
 */
import { findContainer, networkById } from "../../../daemon/containers";
import { errorText } from "../../../engine/errors";
import { endpointId } from "../../../engine/ids";
import { imageProfile } from "../../../engine/images";
import type { World } from "../../../engine/world";
import { goMap, goTime } from "../../../format/json";
import type { ContainerState, SwarmState, TaskState } from "../../../model/state";
import { findNetwork } from "../../../net/networks";
import { containerMac } from "../../../net/pcap";
import { findNode, requireManager, swarmOf } from "../../../swarm/cluster";
import { containerName, findService, taskName } from "../../../swarm/services";
import type { CommandSpec } from "../../types";
import { worldOf } from "./common";
import { INSPECT_FORMAT_FLAG, writeInspect, type InspectLookup } from "./format";
import { inspectNetwork } from "./network";
import { nodeInspectObject } from "./node-inspect";
import { serviceInspectObject, taskInspectObject } from "./service-inspect";

const ZERO_TIME = "0001-01-01T00:00:00Z";
const CONTAINERS_DIR = "/var/lib/docker/containers";

/** Image sizes on disk (SizeRootFs with `--size`), roughly those of the real images. */
const ROOTFS_SIZE: Record<string, number> = { nginx: 192_004_242, alpine: 8_311_645, busybox: 4_277_910, netshoot: 468_349_115, app: 8_311_645 };

/** The daemon's defaults for `docker run` without options, in HostConfig's key order (Resources inlined). */
function hostConfig(c: ContainerState, networkMode: string) {
  return {
    Binds: null,
    ContainerIDFile: "",
    LogConfig: { Type: "json-file", Config: {} },
    NetworkMode: networkMode,
    PortBindings: {},
    RestartPolicy: { Name: "no", MaximumRetryCount: 0 },
    AutoRemove: false,
    VolumeDriver: "",
    VolumesFrom: null,
    ConsoleSize: [0, 0],
    CapAdd: null,
    CapDrop: null,
    CgroupnsMode: "private",
    Dns: null,
    DnsOptions: [],
    DnsSearch: [],
    ExtraHosts: null,
    GroupAdd: null,
    IpcMode: "private",
    Cgroup: "",
    Links: null,
    OomScoreAdj: 0,
    PidMode: "",
    Privileged: false,
    PublishAllPorts: false,
    ReadonlyRootfs: false,
    SecurityOpt: null,
    UTSMode: "",
    UsernsMode: "",
    ShmSize: 67108864,
    Runtime: "runc",
    Isolation: "",
    CpuShares: 0,
    Memory: 0,
    NanoCpus: 0,
    CgroupParent: "",
    BlkioWeight: 0,
    BlkioWeightDevice: [],
    BlkioDeviceReadBps: [],
    BlkioDeviceWriteBps: [],
    BlkioDeviceReadIOps: [],
    BlkioDeviceWriteIOps: [],
    CpuPeriod: 0,
    CpuQuota: 0,
    CpuRealtimePeriod: 0,
    CpuRealtimeRuntime: 0,
    CpusetCpus: "",
    CpusetMems: "",
    Devices: [],
    DeviceCgroupRules: null,
    DeviceRequests: null,
    MemoryReservation: 0,
    MemorySwap: 0,
    MemorySwappiness: null,
    OomKillDisable: null,
    PidsLimit: null,
    Ulimits: [],
    CpuCount: 0,
    CpuPercent: 0,
    IOMaximumIOps: 0,
    IOMaximumBandwidth: 0,
    // moby daemon/pkg/oci/defaults.go (sorted as Docker 29 keeps them).
    MaskedPaths: c.state === "running"
      ? ["/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/sched_debug", "/proc/scsi", "/proc/timer_list", "/proc/timer_stats", "/sys/devices/virtual/powercap", "/sys/firmware"]
      : null,
    ReadonlyPaths: c.state === "running" ? ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"] : null,
  };
}

/** The swarm labels a task's container carries (moby daemon/cluster/executor/container). */
function swarmLabels(world: World, hostName: string, c: ContainerState): Record<string, string> {
  const swarm = swarmOf(world, hostName);
  const task = c.taskId ? swarm?.tasks[c.taskId] : undefined;
  const service = task ? swarm?.services[task.serviceId] : undefined;
  if (!task || !service) return {};
  return {
    "com.docker.swarm.node.id": task.nodeId ?? "",
    "com.docker.swarm.service.id": service.id,
    "com.docker.swarm.service.name": service.name,
    "com.docker.swarm.task": "",
    "com.docker.swarm.task.id": task.id,
    "com.docker.swarm.task.name": containerName(service, task),
  };
}

/** One entry of NetworkSettings.Networks (moby api/types/network EndpointSettings, in its key order). */
function endpointSettings(world: World, hostName: string, c: ContainerState, netId: string) {
  const net = networkById(world, hostName, netId)!;
  const ip = c.addresses[netId] ?? "";
  const defaultBridge = net.name === "bridge" && net.driver === "bridge";
  const requested = c.endpointConfig?.[netId];
  return {
    IPAMConfig: requested?.ipv4 ? { IPv4Address: requested.ipv4 } : null,
    Links: null,
    Aliases: requested?.aliases ?? null,
    DriverOpts: null,
    GwPriority: requested?.gwPriority ?? 0,
    NetworkID: net.id,
    EndpointID: ip ? endpointId(net.id, c.id) : "",
    // Overlay endpoints have no gateway: the container's default route goes through docker_gwbridge.
    Gateway: ip && net.driver === "bridge" ? (net.gateway ?? "") : "",
    IPAddress: ip,
    MacAddress: ip ? containerMac(ip).map((b) => b.toString(16).padStart(2, "0")).join(":") : "",
    IPPrefixLen: ip && net.subnet ? Number(net.subnet.split("/")[1]) : 0,
    IPv6Gateway: "",
    GlobalIPv6Address: "",
    GlobalIPv6PrefixLen: 0,
    // The embedded DNS names (name, aliases, short ID: buildEndpointDNSNames); none on the default bridge.
    DNSNames: defaultBridge ? null : [...new Set([c.name, ...(requested?.aliases ?? []), c.id.slice(0, 12)])],
  };
}

/** `docker container inspect` of one container, as the daemon returns it. */
export function containerInspectObject(world: World, hostName: string, c: ContainerState, size = false): Record<string, unknown> {
  const profile = imageProfile(c.image);
  // The command `docker run` was given (or a service's args), else the image's; the entrypoint stays.
  const cmd = c.command ?? profile.cmd;
  const argv = [...(profile.entrypoint ?? []), ...cmd];
  const running = c.state === "running";
  const started = c.state !== "created";
  const dir = `${CONTAINERS_DIR}/${c.id}`;
  const layer = endpointId("layer", c.id);
  const networks = c.networks ?? Object.keys(c.addresses);
  const firstNet = networks[0] ? networkById(world, hostName, networks[0]) : undefined;
  const labels = { ...profile.labels, ...swarmLabels(world, hostName, c) };
  const sizes = size ? { SizeRw: profile.family === "nginx" ? 1093 : 0, SizeRootFs: ROOTFS_SIZE[profile.family] } : {};
  return {
    Id: c.id,
    Created: goTime(c.createdAt),
    Path: argv[0],
    Args: argv.slice(1),
    State: {
      Status: c.state,
      Running: running,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: running ? 1000 + (parseInt(c.id.slice(0, 4), 16) % 30000) : 0,
      // nginx stops cleanly on SIGQUIT; a shell ignores SIGTERM and is killed after the timeout.
      ExitCode: c.state === "exited" && profile.family !== "nginx" ? 137 : 0,
      Error: "",
      StartedAt: started ? goTime(c.createdAt) : ZERO_TIME,
      FinishedAt: ZERO_TIME,
    },
    Image: `sha256:${endpointId("image", c.image)}`,
    ResolvConfPath: `${dir}/resolv.conf`,
    HostnamePath: `${dir}/hostname`,
    HostsPath: `${dir}/hosts`,
    LogPath: `${dir}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: 0,
    Driver: "overlay2",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: "docker-default",
    ExecIDs: null,
    HostConfig: hostConfig(c, c.taskId ? "default" : (firstNet?.name ?? "bridge")),
    GraphDriver: {
      Data: {
        ID: c.id,
        LowerDir: `/var/lib/docker/overlay2/${layer}-init/diff:/var/lib/docker/overlay2/${endpointId("image-layer", c.image)}/diff`,
        MergedDir: `/var/lib/docker/overlay2/${layer}/merged`,
        UpperDir: `/var/lib/docker/overlay2/${layer}/diff`,
        WorkDir: `/var/lib/docker/overlay2/${layer}/work`,
      },
      Name: "overlay2",
    },
    ...sizes,
    Mounts: [],
    Config: {
      Hostname: c.hostname,
      Domainname: "",
      User: "",
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ...(profile.exposedPorts.length ? { ExposedPorts: Object.fromEntries(profile.exposedPorts.map((p) => [p, {}])) } : {}),
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: profile.env,
      Cmd: cmd,
      // As the operator gave it: `docker run nginx` keeps "nginx"; a task's container names the tag.
      Image: !c.taskId && c.image.endsWith(":latest") ? c.image.slice(0, -7) : c.image,
      Volumes: null,
      WorkingDir: "",
      Entrypoint: profile.entrypoint,
      Labels: goMap(labels),
      ...(profile.stopSignal ? { StopSignal: profile.stopSignal } : {}),
    },
    NetworkSettings: {
      SandboxID: running ? endpointId("sandbox", c.id) : "",
      SandboxKey: running ? `/var/run/docker/netns/${endpointId("netns", c.id).slice(0, 12)}` : "",
      Ports: running ? Object.fromEntries(profile.exposedPorts.map((p) => [p, null])) : {},
      Networks: goMap(
        Object.fromEntries(
          networks.flatMap((id) => {
            const net = networkById(world, hostName, id);
            return net ? [[net.name, endpointSettings(world, hostName, c, id)]] : [];
          }),
        ),
      ),
    },
  };
}

export const containerInspectCmd: CommandSpec = {
  path: ["container", "inspect"],
  use: "inspect [OPTIONS] CONTAINER [CONTAINER...]",
  short: "Display detailed information on one or more containers",
  args: { kind: "min", n: 1 },
  complete: ["container"],
  flags: [INSPECT_FORMAT_FLAG, { name: "size", short: "s", type: "bool", usage: "Display total file sizes" }],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const size = ctx.flags.get<boolean>("size") ?? false;
    return writeInspect(io, ctx.args, ctx.flags.get<string>("format") ?? "", (ref) => {
      const r = findContainer(world, ctx.host, ref);
      return r.ok ? { ok: true, value: containerInspectObject(world, ctx.host, r.value, size) } : { ok: false, error: `Error response from daemon: ${errorText(r.error)}` };
    });
  },
};

/** docker inspect's object types (cli/command/system/inspect.go allTypes). */
const TYPES = ["config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"];

export const inspectCmd: CommandSpec = {
  path: ["inspect"],
  use: "inspect [OPTIONS] NAME|ID [NAME|ID...]",
  short: "Return low-level information on Docker objects",
  args: { kind: "min", n: 1 },
  complete: ["container", "network"],
  flags: [
    INSPECT_FORMAT_FLAG,
    { name: "size", short: "s", type: "bool", usage: "Display total file sizes if the type is container" },
    { name: "type", type: "string", usage: "Only inspect objects of the given type", values: TYPES },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const type = ctx.flags.get<string>("type") ?? "";
    const size = ctx.flags.get<boolean>("size") ?? false;
    const all = `must be one of "${TYPES.join('", "')}"`;
    if (ctx.flags.changed.has("type") && type === "") {
      io.err(`type is empty: ${all}\n`);
      return 1;
    }
    if (type && !TYPES.includes(type)) {
      io.err(`unknown type: ${JSON.stringify(type)}: ${all}\n`);
      return 1;
    }
    // In docker's order: container, image, network, volume, then swarm objects (node, service, task). Images,
    // volumes, plugins, secrets and configs do not exist in the simulator.
    const lookup = (ref: string): InspectLookup => {
      if (!type || type === "container") {
        const c = findContainer(world, ctx.host, ref);
        if (c.ok) return { ok: true, value: containerInspectObject(world, ctx.host, c.value, size) };
        if (type) return { ok: false, error: `Error response from daemon: ${errorText(c.error)}` };
      }
      if (type === "image") return { ok: false, error: `Error response from daemon: No such image: ${ref}` };
      if (type === "volume") return { ok: false, error: `Error response from daemon: get ${ref}: no such volume` };
      if (!type || type === "network") {
        const n = findNetwork(world, ctx.host, ref);
        if (n.ok) {
          if (size) io.err("WARNING: --size ignored for network\n");
          return { ok: true, value: inspectNetwork(world, ctx.host, n.value) };
        }
        if (type) return { ok: false, error: `Error response from daemon: ${errorText(n.error)}` };
      }
      // Swarm objects, on a manager: nodes, services, tasks (by ID, ID prefix or name), as docker's inspectAll.
      const m = requireManager(world, ctx.host);
      if (!type || type === "node") {
        const node = m.ok ? findNode(world, ctx.host, ref) : m;
        if (node.ok && m.ok) return { ok: true, value: nodeInspectObject(m.value.swarm, node.value) };
        if (type) return { ok: false, error: `Error response from daemon: ${errorText(node.ok ? { code: "node-not-found", data: { ref } } : node.error)}` };
      }
      if (!type || type === "service") {
        const svc = m.ok ? findService(m.value.swarm, ref) : m;
        if (svc.ok && m.ok) return { ok: true, value: serviceInspectObject(world, m.value.swarm, svc.value) };
        if (type) return { ok: false, error: `Error response from daemon: ${m.ok ? `service ${ref} not found` : errorText(m.error)}` };
      }
      if (!type || type === "task") {
        const task = m.ok ? findTask(m.value.swarm, ref) : errorText(m.error);
        if (typeof task !== "string" && m.ok) return { ok: true, value: taskInspectObject(m.value.swarm, m.value.swarm.services[task.serviceId], task) };
        if (type) return { ok: false, error: `Error response from daemon: ${task as string}` };
      }
      if (type) return { ok: false, error: `Error response from daemon: ${type} ${ref} not found` };
      return { ok: false, error: `error: no such object: ${ref}` };
    };
    return writeInspect(io, ctx.args, ctx.flags.get<string>("format") ?? "", lookup);
  },
};

/** moby's getTask: full ID, then full name (`web.1.<id>`), then a unique ID prefix; else the daemon's error text. */
function findTask(swarm: SwarmState, ref: string): TaskState | string {
  const tasks = Object.values(swarm.tasks);
  const exact = tasks.find((t) => t.id === ref);
  if (exact) return exact;
  let found = tasks.filter((t) => swarm.services[t.serviceId] && `${taskName(swarm.services[t.serviceId], t)}.${t.id}` === ref);
  if (found.length === 0) found = tasks.filter((t) => t.id.startsWith(ref));
  if (found.length === 0) return `task ${ref} not found`;
  if (found.length > 1) return `task ${ref} is ambiguous (${found.length} matches found)`;
  return found[0];
}

export const INSPECT_COMMANDS = [containerInspectCmd, inspectCmd];
