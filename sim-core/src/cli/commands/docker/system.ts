/**
 * docker version | info (also `docker system info`), as docker/cli v29.0.1 prints them
 * (cli/command/system/version.go template, info.go prettyPrintInfo/printSwarmInfo) over what a Debian
 * host running Docker Engine 29.0.1 from Docker's packages reports. The engine facts live here because
 * `docker node inspect` describes the same machine.
 */
import { managerStats, nodeOf, requireManager, swarmOf, MANAGER_PORT } from "../../../swarm/cluster";
import { NODE_CPUS as HOST_CPUS, NODE_MEMORY_BYTES as HOST_MEMORY_BYTES } from "../../../swarm/scheduler";
import { settingsOf } from "../../../swarm/settings";
import { errorText } from "../../../engine/errors";
import type { World } from "../../../engine/world";
import { executeTemplate, GO_TYPE, parseTemplate, TemplateError, type Template } from "../../../format/template";
import type { CommandIO, CommandSpec } from "../../types";
import { ENGINE_VERSION, humanDuration, worldOf } from "./common";
import { INSPECT_FORMAT_FLAG } from "./format";

/** docker/cli and moby at the v29.0.1 tags (commits eedd969, 198b5e3); Go and API versions from their Dockerfile and client. */
export const RELEASE = {
  apiVersion: "1.52",
  minApiVersion: "1.44",
  goVersion: "go1.25.4",
  clientCommit: "eedd969",
  engineCommit: "198b5e3",
  built: "Fri Nov 14 16:30:17 2025",
  containerd: { version: "v2.1.5", commit: "fcd43222d6b07379a4be9786bda52438f0dd16a1" },
  runc: { version: "1.3.3", commit: "v1.3.3-0-gd842d771" },
  init: { version: "0.19.0", commit: "de40ad0" },
} as const;

/** Every lab host is the same small VM; the scheduler checks reservations against the same figures. */
export { HOST_CPUS, HOST_MEMORY_BYTES };
export const KERNEL_VERSION = "6.12.57+deb13-amd64";
export const OPERATING_SYSTEM = "Debian GNU/Linux 13 (trixie)";

/** The engine's built-in plugins, by type (what `docker info` lists and swarm nodes advertise). */
export const ENGINE_PLUGINS = {
  Volume: ["local"],
  Network: ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"],
  Log: ["awslogs", "fluentd", "gcplogs", "gelf", "journald", "json-file", "local", "splunk", "syslog"],
} as const;

/**
 * `-f/--format` of version and info: the template over the command's data, then a newline. A template
 * that does not parse exits 64; one that fails while running keeps what it wrote and exits 1.
 */
function writeTemplate(io: CommandIO, format: string, data: unknown): number {
  let tmpl: Template;
  try {
    tmpl = parseTemplate(format === "json" ? "{{json .}}" : format);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    io.err(`template parsing error: ${e.message}\n`);
    return 64;
  }
  try {
    io.out(`${executeTemplate(tmpl, data)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    io.out(`${e.partial ?? ""}\n`);
    io.err(`${e.message}\n`);
    return 1;
  }
}

/** go-units BytesSize: binary units with Go's %.4g. */
export function bytesSize(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${Number(n.toPrecision(4))}${units[i]}`;
}

/** The version template's tabwriter (minwidth 20, padding 1): labels are padded to 20 columns. */
const row = (indent: string, label: string, value: string) => `${`${indent}${label}:`.padEnd(19)} ${value}\n`;

function versionText(): string {
  let out = "Client: Docker Engine - Community\n";
  out += row(" ", "Version", ENGINE_VERSION);
  out += row(" ", "API version", RELEASE.apiVersion);
  out += row(" ", "Go version", RELEASE.goVersion);
  out += row(" ", "Git commit", RELEASE.clientCommit);
  out += row(" ", "Built", RELEASE.built);
  out += row(" ", "OS/Arch", "linux/amd64");
  out += row(" ", "Context", "default");
  out += "\nServer: Docker Engine - Community\n Engine:\n";
  out += row("  ", "Version", ENGINE_VERSION);
  out += row("  ", "API version", `${RELEASE.apiVersion} (minimum version ${RELEASE.minApiVersion})`);
  out += row("  ", "Go version", RELEASE.goVersion);
  out += row("  ", "Git commit", RELEASE.engineCommit);
  out += row("  ", "Built", RELEASE.built);
  out += row("  ", "OS/Arch", "linux/amd64");
  out += row("  ", "Experimental", "false");
  for (const [name, c] of [["containerd", RELEASE.containerd], ["runc", RELEASE.runc], ["docker-init", RELEASE.init]] as const) {
    out += ` ${name}:\n${row("  ", "Version", c.version)}${row("  ", "GitCommit", c.commit)}`;
  }
  return out;
}

/** The version command's data (its versionInfo struct), for templates such as `{{.Server.Version}}`. */
function versionData() {
  const engine = { GitCommit: RELEASE.engineCommit, GoVersion: RELEASE.goVersion, BuildTime: RELEASE.built, Experimental: false };
  // Go structs: an unknown field is an error naming the type, as in docker.
  return {
    [GO_TYPE]: "system.versionInfo",
    Client: { [GO_TYPE]: "system.clientVersion", Platform: { Name: "Docker Engine - Community" }, Version: ENGINE_VERSION, APIVersion: RELEASE.apiVersion, DefaultAPIVersion: RELEASE.apiVersion, ...engine, GitCommit: RELEASE.clientCommit, Os: "linux", Arch: "amd64", Context: "default" },
    Server: {
      [GO_TYPE]: "*system.serverVersion",
      Platform: { Name: "Docker Engine - Community" },
      Version: ENGINE_VERSION,
      APIVersion: RELEASE.apiVersion,
      MinAPIVersion: RELEASE.minApiVersion,
      Os: "linux",
      Arch: "amd64",
      KernelVersion: KERNEL_VERSION,
      ...engine,
    },
  };
}

export const versionCmd: CommandSpec = {
  path: ["version"],
  use: "version [OPTIONS]",
  short: "Show the Docker version information",
  top: 10,
  args: { kind: "none" },
  flags: [INSPECT_FORMAT_FLAG],
  async run(ctx, io) {
    const format = ctx.flags.get<string>("format");
    if (format) return writeTemplate(io, format, versionData());
    io.out(versionText());
    return 0;
  },
};

/** A stable engine ID (a UUID, as Docker 29 reports it) derived from the lab's seed and the host. */
function engineId(world: World, host: string): string {
  let h = 2166136261;
  const hexes: string[] = [];
  for (let round = 0; hexes.join("").length < 32; round++) {
    for (const c of `${world.state.seed}/${host}/${round}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    hexes.push(h.toString(16).padStart(8, "0"));
  }
  const x = hexes.join("").slice(0, 32);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(13, 16)}-${"89ab"[parseInt(x[16], 16) & 3]}${x.slice(17, 20)}-${x.slice(20, 32)}`;
}

/** printSwarmInfo: the lines after ` Swarm: <state>`, and the daemon's warnings (stderr). */
function swarmLines(world: World, host: string): { lines: string; warnings: string[] } {
  const node = nodeOf(world, host);
  const swarm = swarmOf(world, host);
  if (!node || !swarm) return { lines: " Swarm: inactive\n", warnings: [] };
  let out = ` Swarm: active\n  NodeID: ${node.id}\n`;
  const isManager = node.role === "manager";
  const m = isManager ? requireManager(world, host) : null;
  // Without a quorum the manager cannot read the cluster: the daemon reports the error instead.
  if (m && !m.ok) out += `  Error: ${errorText(m.error)}\n`;
  out += `  Is Manager: ${isManager}\n`;
  const warnings: string[] = [];
  if (m?.ok) {
    const s = settingsOf(swarm);
    const { reachable, unreachable } = managerStats(swarm);
    out += `  ClusterID: ${swarm.id}\n  Managers: ${reachable + unreachable}\n  Nodes: ${Object.keys(swarm.nodes).length}\n`;
    out += `  Default Address Pool: ${swarm.defaultAddrPool.map((p) => `${p}  `).join("")}\n  SubnetSize: ${swarm.subnetSize}\n`;
    out += `  Data Path Port: ${swarm.dataPathPort}\n`;
    out += `  Orchestration:\n   Task History Retention Limit: ${s.taskHistoryLimit}\n`;
    out += `  Raft:\n   Snapshot Interval: ${s.snapshotInterval}\n   Number of Old Snapshots to Retain: ${s.keepOldSnapshots}\n`;
    out += `   Heartbeat Tick: ${s.heartbeatTick}\n   Election Tick: ${s.electionTick}\n`;
    out += `  Dispatcher:\n   Heartbeat Period: ${humanDuration(s.dispatcherHeartbeatMs)}\n`;
    out += `  CA Configuration:\n   Expiry Duration: ${humanDuration(s.certExpiryMs)}\n   Force Rotate: ${s.forceRotate}\n`;
    if (s.externalCAs.length > 0) out += `   External CAs:\n${s.externalCAs.map((c) => `     ${c.protocol}: ${c.url}\n`).join("")}`;
    out += `  Autolock Managers: ${s.autolock}\n  Root Rotation In Progress: false\n`;
    // moby daemon/cluster/swarm.go Info.
    if (reachable + unreachable === 2) {
      warnings.push(
        "WARNING: Running Swarm in a two-manager configuration. This configuration provides\n         no fault tolerance, and poses a high risk to lose control over the cluster.\n         Refer to https://docs.docker.com/engine/swarm/admin_guide/ to configure the\n         Swarm for fault-tolerance.",
      );
    }
  }
  out += `  Node Address: ${node.addr}\n`;
  const managers = Object.values(swarm.nodes)
    .filter((n) => n.role === "manager")
    .map((n) => `${n.addr}:${MANAGER_PORT}`)
    .sort();
  if (managers.length > 0) out += `  Manager Addresses:\n${managers.map((a) => `   ${a}\n`).join("")}`;
  return { lines: out, warnings };
}

function infoText(world: World, host: string): { out: string; warnings: string[] } {
  const h = world.state.hosts[host];
  const containers = Object.values(h.containers);
  const running = containers.filter((c) => c.state === "running").length;
  const images = new Set(containers.map((c) => c.image)).size;
  const swarm = swarmLines(world, host);
  const out = `Client: Docker Engine - Community
 Version:    ${ENGINE_VERSION}
 Context:    default
 Debug Mode: false
 Plugins:
  buildx: Docker Buildx (Docker Inc.)
    Version:  v0.30.0
    Path:     /usr/libexec/docker/cli-plugins/docker-buildx
  compose: Docker Compose (Docker Inc.)
    Version:  v2.40.3
    Path:     /usr/libexec/docker/cli-plugins/docker-compose

Server:
 Containers: ${containers.length}
  Running: ${running}
  Paused: 0
  Stopped: ${containers.length - running}
 Images: ${images}
 Server Version: ${ENGINE_VERSION}
 Storage Driver: overlayfs
  driver-type: io.containerd.snapshotter.v1
 Logging Driver: json-file
 Cgroup Driver: systemd
 Cgroup Version: 2
 Plugins:
  Volume: ${ENGINE_PLUGINS.Volume.join(" ")}
  Network: ${ENGINE_PLUGINS.Network.join(" ")}
  Log: ${ENGINE_PLUGINS.Log.join(" ")}
 CDI spec directories:
  /etc/cdi
  /var/run/cdi
${swarm.lines} Runtimes: io.containerd.runc.v2 runc
 Default Runtime: runc
 Init Binary: docker-init
 containerd version: ${RELEASE.containerd.commit}
 runc version: ${RELEASE.runc.commit}
 init version: ${RELEASE.init.commit}
 Security Options:
  apparmor
  seccomp
   Profile: builtin
  cgroupns
 Kernel Version: ${KERNEL_VERSION}
 Operating System: ${OPERATING_SYSTEM}
 OSType: linux
 Architecture: x86_64
 CPUs: ${HOST_CPUS}
 Total Memory: ${bytesSize(HOST_MEMORY_BYTES)}
 Name: ${host}
 ID: ${engineId(world, host)}
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
 Experimental: false
 Insecure Registries:
  ::1/128
  127.0.0.0/8
 Live Restore Enabled: false
 Firewall Backend: iptables

`;
  return { out, warnings: swarm.warnings };
}

/** The info command's data (system.Info and the client's part) for templates such as `{{.Swarm.LocalNodeState}}`. */
function infoData(world: World, host: string) {
  const containers = Object.values(world.state.hosts[host].containers);
  const running = containers.filter((c) => c.state === "running").length;
  const node = nodeOf(world, host);
  const swarm = swarmOf(world, host);
  const m = node?.role === "manager" ? requireManager(world, host) : null;
  return {
    [GO_TYPE]: "system.dockerInfo",
    ID: engineId(world, host),
    Containers: containers.length,
    ContainersRunning: running,
    ContainersPaused: 0,
    ContainersStopped: containers.length - running,
    Images: new Set(containers.map((c) => c.image)).size,
    Driver: "overlayfs",
    LoggingDriver: "json-file",
    CgroupDriver: "systemd",
    CgroupVersion: "2",
    KernelVersion: KERNEL_VERSION,
    OperatingSystem: OPERATING_SYSTEM,
    OSType: "linux",
    Architecture: "x86_64",
    NCPU: HOST_CPUS,
    MemTotal: HOST_MEMORY_BYTES,
    DockerRootDir: "/var/lib/docker",
    Name: host,
    ServerVersion: ENGINE_VERSION,
    Swarm: {
      [GO_TYPE]: "swarm.Info",
      NodeID: node?.id ?? "",
      NodeAddr: node?.addr ?? "",
      LocalNodeState: node ? "active" : "inactive",
      ControlAvailable: node?.role === "manager",
      Error: m && !m.ok ? errorText(m.error) : "",
      RemoteManagers: swarm ? Object.values(swarm.nodes).filter((n) => n.role === "manager").map((n) => ({ NodeID: n.id, Addr: `${n.addr}:${MANAGER_PORT}` })) : null,
      ...(m?.ok ? { Nodes: Object.keys(swarm!.nodes).length, Managers: Object.values(swarm!.nodes).filter((n) => n.role === "manager").length, Cluster: { ID: swarm!.id } } : {}),
    },
    ClientInfo: { Debug: false, Version: ENGINE_VERSION, Context: "default" },
  };
}

const infoSpec = (path: string[]): CommandSpec => ({
  path,
  use: "info [OPTIONS]",
  short: "Display system-wide information",
  aliasPaths: ["docker system info", "docker info"],
  top: path.length === 1 ? 12 : undefined,
  args: { kind: "none" },
  flags: [INSPECT_FORMAT_FLAG],
  async run(ctx, io) {
    const format = ctx.flags.get<string>("format");
    if (format) return writeTemplate(io, format, infoData(worldOf(ctx), ctx.host));
    const { out, warnings } = infoText(worldOf(ctx), ctx.host);
    io.out(out);
    for (const w of warnings) io.err(`${w}\n`);
    return 0;
  },
});

export const SYSTEM_COMMANDS = [versionCmd, infoSpec(["info"]), infoSpec(["system", "info"])];
