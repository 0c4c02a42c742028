import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

async function lab(nodes = 3, managers = 1) {
  const sb = createSandbox({ nodes, seed: "system", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const worker = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  const manager = (await sb.exec("node-1", "docker swarm join-token -q manager")).stdout.trim();
  for (let k = 2; k <= nodes; k++) await sb.exec(`node-${k}`, `docker swarm join --token ${k <= managers ? manager : worker} 192.168.1.10:2377`);
  return sb;
}

const VERSION = `Client: Docker Engine - Community
 Version:           29.0.1
 API version:       1.52
 Go version:        go1.25.4
 Git commit:        eedd969
 Built:             Fri Nov 14 16:30:17 2025
 OS/Arch:           linux/amd64
 Context:           default

Server: Docker Engine - Community
 Engine:
  Version:          29.0.1
  API version:      1.52 (minimum version 1.44)
  Go version:       go1.25.4
  Git commit:       198b5e3
  Built:            Fri Nov 14 16:30:17 2025
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          v2.1.5
  GitCommit:        fcd43222d6b07379a4be9786bda52438f0dd16a1
 runc:
  Version:          1.3.3
  GitCommit:        v1.3.3-0-gd842d771
 docker-init:
  Version:          0.19.0
  GitCommit:        de40ad0
`;

const CLIENT = `Client: Docker Engine - Community
 Version:    29.0.1
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
`;

const counts = (all: number, running: number, images: number) => ` Containers: ${all}
  Running: ${running}
  Paused: 0
  Stopped: ${all - running}
 Images: ${images}
 Server Version: 29.0.1
 Storage Driver: overlayfs
  driver-type: io.containerd.snapshotter.v1
 Logging Driver: json-file
 Cgroup Driver: systemd
 Cgroup Version: 2
 Plugins:
  Volume: local
  Network: bridge host ipvlan macvlan null overlay
  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog
 CDI spec directories:
  /etc/cdi
  /var/run/cdi
`;

const tail = (name: string, id: string) => ` Runtimes: io.containerd.runc.v2 runc
 Default Runtime: runc
 Init Binary: docker-init
 containerd version: fcd43222d6b07379a4be9786bda52438f0dd16a1
 runc version: v1.3.3-0-gd842d771
 init version: de40ad0
 Security Options:
  apparmor
  seccomp
   Profile: builtin
  cgroupns
 Kernel Version: 6.12.57+deb13-amd64
 Operating System: Debian GNU/Linux 13 (trixie)
 OSType: linux
 Architecture: x86_64
 CPUs: 2
 Total Memory: 3.827GiB
 Name: ${name}
 ID: ${id}
 Docker Root Dir: /var/lib/docker
 Debug Mode: false
 Experimental: false
 Insecure Registries:
  ::1/128
  127.0.0.0/8
 Live Restore Enabled: false
 Firewall Backend: iptables

`;

const engineIdOf = (stdout: string) => /\n ID: (\S+)\n/.exec(stdout)![1];

describe("docker version", () => {
  it("prints the client and server of Docker Engine 29.0.1 as the version template lays them out", async () => {
    const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    expect(await sb.exec("node-1", "docker version")).toEqual({ stdout: VERSION, stderr: "", exitCode: 0 });
  });

  it("takes no arguments", async () => {
    const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    expect(await sb.exec("node-1", "docker version x")).toEqual({
      stdout: "",
      stderr: "docker: 'docker version' accepts no arguments\n\nUsage:  docker version [OPTIONS]\n\nRun 'docker version --help' for more information\n",
      exitCode: 1,
    });
  });
});

describe("docker info", () => {
  it("outside a swarm: counts from the host, Swarm: inactive, a stable engine ID", async () => {
    const sb = createSandbox({ seed: "system", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    await sb.exec("node-1", "docker run -dit --name ca alpine");
    await sb.exec("node-1", "docker run -d --name cb nginx");
    await sb.exec("node-1", "docker stop ca");
    const r = await sb.exec("node-1", "docker info");
    const id = engineIdOf(r.stdout);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r).toEqual({ stdout: `${CLIENT}${counts(2, 1, 2)} Swarm: inactive\n${tail("node-1", id)}`, stderr: "", exitCode: 0 });
    expect(engineIdOf((await sb.exec("node-1", "docker system info")).stdout)).toBe(id);
    expect(engineIdOf((await sb.exec("node-2", "docker info")).stdout)).not.toBe(id);
  });

  it("on a manager: the cluster block of printSwarmInfo; on a worker only its node lines", async () => {
    const sb = await lab(3);
    const st = sb.state();
    const swarm = Object.values(st.swarms)[0];
    const [n1, n2] = [st.hosts["node-1"].nodeId, st.hosts["node-2"].nodeId];
    const manager = (await sb.exec("node-1", "docker info")).stdout;
    expect(manager).toBe(
      `${CLIENT}${counts(0, 0, 0)} Swarm: active
  NodeID: ${n1}
  Is Manager: true
  ClusterID: ${swarm.id}
  Managers: 1
  Nodes: 3
  Default Address Pool: 10.0.0.0/8  
  SubnetSize: 24
  Data Path Port: 4789
  Orchestration:
   Task History Retention Limit: 5
  Raft:
   Snapshot Interval: 10000
   Number of Old Snapshots to Retain: 0
   Heartbeat Tick: 1
   Election Tick: 10
  Dispatcher:
   Heartbeat Period: 5 seconds
  CA Configuration:
   Expiry Duration: 3 months
   Force Rotate: 0
  Autolock Managers: false
  Root Rotation In Progress: false
  Node Address: 192.168.1.10
  Manager Addresses:
   192.168.1.10:2377
${tail("node-1", engineIdOf(manager))}`,
    );
    const worker = (await sb.exec("node-2", "docker info")).stdout;
    expect(worker).toContain(` Swarm: active
  NodeID: ${n2}
  Is Manager: false
  Node Address: 192.168.1.20
  Manager Addresses:
   192.168.1.10:2377
 Runtimes:`);
  });

  it("shows what swarm update changed", async () => {
    const sb = await lab(1);
    await sb.exec("node-1", "docker swarm update --task-history-limit 2 --dispatcher-heartbeat 20s --cert-expiry 720h --max-snapshots 3 --snapshot-interval 500 --autolock --external-ca protocol=cfssl,url=https://ca.example.com");
    expect((await sb.exec("node-1", "docker info")).stdout).toContain(`  Orchestration:
   Task History Retention Limit: 2
  Raft:
   Snapshot Interval: 500
   Number of Old Snapshots to Retain: 3
   Heartbeat Tick: 1
   Election Tick: 10
  Dispatcher:
   Heartbeat Period: 20 seconds
  CA Configuration:
   Expiry Duration: 4 weeks
   Force Rotate: 0
   External CAs:
     cfssl: https://ca.example.com
  Autolock Managers: true
`);
  });

  it("warns on stderr about two managers, and reports the lost quorum instead of the cluster", async () => {
    const sb = await lab(3, 2);
    const two = await sb.exec("node-1", "docker info");
    expect(two.stderr).toBe(
      "WARNING: Running Swarm in a two-manager configuration. This configuration provides\n         no fault tolerance, and poses a high risk to lose control over the cluster.\n         Refer to https://docs.docker.com/engine/swarm/admin_guide/ to configure the\n         Swarm for fault-tolerance.\n",
    );
    expect(two.stdout).toContain("  Managers: 2\n  Nodes: 3\n");
    expect(two.stdout).toContain("  Manager Addresses:\n   192.168.1.10:2377\n   192.168.1.20:2377\n");
    await sb.exec("node-2", "docker swarm leave --force");
    const lost = await sb.exec("node-1", "docker info");
    expect(lost.stderr).toBe("");
    expect(lost.stdout).toContain(`  Error: rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.
  Is Manager: true
  Node Address: 192.168.1.10
  Manager Addresses:
   192.168.1.10:2377
   192.168.1.20:2377
 Runtimes:`);
  });
});

describe("--format", () => {
  it("renders templates over version's and info's data, with Go's errors", async () => {
    const sb = await lab(2);
    expect(await sb.exec("node-1", "docker version --format '{{.Server.Version}}'")).toEqual({ stdout: "29.0.1\n", stderr: "", exitCode: 0 });
    expect(await sb.exec("node-1", "docker version -f '{{.Client.APIVersion}} {{.Nope}}'")).toEqual({
      stdout: "1.52 \n",
      stderr: 'template: :1:25: executing "" at <.Nope>: can\'t evaluate field Nope in type system.versionInfo\n',
      exitCode: 1,
    });
    const n2 = sb.state().hosts["node-2"].nodeId;
    expect(await sb.exec("node-2", "docker info -f '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.NodeID}} {{.Name}}'")).toEqual({
      stdout: `active false ${n2} node-2\n`,
      stderr: "",
      exitCode: 0,
    });
    expect((await sb.exec("node-1", "docker info -f '{{.Swarm.Nodes}} {{.Swarm.Managers}} {{.ServerVersion}}'")).stdout).toBe("2 1 29.0.1\n");
    expect(await sb.exec("node-1", "docker info -f '{{'")).toEqual({ stdout: "", stderr: "template parsing error: template: :1: unclosed action\n", exitCode: 64 });
  });
});

describe("help", () => {
  it("lists version and info as common commands, info under docker system", async () => {
    const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    expect((await sb.exec("node-1", "docker --help")).stdout).toContain(
      "  search      Search Docker Hub for images\n  version     Show the Docker version information\n  info        Display system-wide information\n",
    );
    expect((await sb.exec("node-1", "docker system --help")).stdout).toContain("\n  info        Display system-wide information\n");
    expect((await sb.exec("node-1", "docker info --help")).stdout).toBe(`Usage:  docker info [OPTIONS]

Display system-wide information

Aliases:
  docker system info, docker info

Options:
  -f, --format string   Format output using a custom template:
                        'json':             Print in JSON format
                        'TEMPLATE':         Print output using the given
                        Go template.
                        Refer to https://docs.docker.com/go/formatting/
                        for more information about formatting output with
                        templates
`);
  });
});
