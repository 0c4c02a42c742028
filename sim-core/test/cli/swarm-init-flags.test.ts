/**
 * docker swarm init / join flags: pflag's errors as the installed docker 28.2.2 prints them (before it looks
 * for a daemon), moby's default address pool checks, the cluster spec flags that `docker info` and
 * `docker swarm update` then see, autolock, and a data path port that really moves the VXLAN traffic.
 */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

const lab = (nodes = 1) => {
  const sb = createSandbox({ nodes, seed: "initflags", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  return { sb, run: (line: string, node = "node-1") => sb.exec(node, line) };
};
const usage = (cmd: string, use: string, message: string) => ({
  stdout: "",
  stderr: `${message}\n\nUsage:  docker swarm ${use}\n\nRun 'docker swarm ${cmd} --help' for more information\n`,
  exitCode: 125,
});

describe("docker swarm init: flag values", () => {
  it.each([
    ["--default-addr-pool x", 'invalid argument "x" for "--default-addr-pool" flag: invalid string being converted to CIDR: x'],
    ["--default-addr-pool 10.20.0.0/16,x", 'invalid argument "10.20.0.0/16,x" for "--default-addr-pool" flag: invalid string being converted to CIDR: x'],
    ["--data-path-port 4294967296", 'invalid argument "4294967296" for "--data-path-port" flag: strconv.ParseUint: parsing "4294967296": value out of range'],
    ["--data-path-port -1", 'invalid argument "-1" for "--data-path-port" flag: strconv.ParseUint: parsing "-1": invalid syntax'],
    ["--listen-addr x:y", 'invalid argument "x:y" for "--listen-addr" flag: parse "tcp://x:y": invalid port ":y" after host'],
    ["--external-ca foo", "invalid argument \"foo\" for \"--external-ca\" flag: invalid field 'foo' must be a key=value pair"],
    ["--cert-expiry 5x", 'invalid argument "5x" for "--cert-expiry" flag: time: unknown unit "x" in duration "5x"'],
    ["--task-history-limit x", 'invalid argument "x" for "--task-history-limit" flag: strconv.ParseInt: parsing "x": invalid syntax'],
  ])("%s", async (flags, message) => {
    expect(await lab().run(`docker swarm init ${flags}`)).toEqual(usage("init", "init [OPTIONS]", message));
  });

  it("checks --listen-addr on join too", async () => {
    expect(await lab().run("docker swarm join --listen-addr x:y 192.168.1.10:2377")).toEqual(
      usage("join", "join [OPTIONS] HOST:PORT", 'invalid argument "x:y" for "--listen-addr" flag: parse "tcp://x:y": invalid port ":y" after host'),
    );
  });

  it("refuses default address pools the daemon cannot carve", async () => {
    const { run } = lab();
    expect(await run("docker swarm init --default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 30")).toEqual({
      stdout: "",
      stderr: "Error response from daemon: subnet size is out of range: 30\n",
      exitCode: 1,
    });
    expect(await run("docker swarm init --default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 8")).toEqual({
      stdout: "",
      stderr: 'Error response from daemon: invalid CIDR: "10.20.0.0/16". Subnet size is too small for pool: 8\n',
      exitCode: 1,
    });
  });

  it("refuses --external-ca plainly", async () => {
    expect(await lab().run("docker swarm init --external-ca protocol=cfssl,url=https://ca.example.com")).toEqual({
      stdout: "",
      stderr: "--external-ca is not supported in this simulator for swarm init (there is no external CA to sign the first manager's certificate)\n",
      exitCode: 1,
    });
  });
});

describe("docker swarm init: what the swarm keeps", () => {
  it("stores the cluster spec flags where docker info shows them, and prints the unlock key with --autolock", async () => {
    const { run } = lab();
    const init = await run("docker swarm init --advertise-addr 192.168.1.10 --autolock --task-history-limit 2 --snapshot-interval 500 --max-snapshots 3 --dispatcher-heartbeat 10s --cert-expiry 48h");
    expect(init.stdout).toMatch(
      /^Swarm initialized: current node \([a-z0-9]{25}\) is now a manager\.\n\nTo add a worker to this swarm, run the following command:\n\n {4}docker swarm join --token SWMTKN-1-\S+ 192\.168\.1\.10:2377\n\nTo add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions\.\nTo unlock a swarm manager after it restarts, run the `docker swarm unlock`\ncommand and provide the following key:\n\n {4}SWMKEY-1-\S{43}\n\nRemember to store this key in a password manager, since without it you\nwill not be able to restart the manager\.\n$/,
    );
    const info = (await run("docker info")).stdout;
    expect(info).toContain("  Orchestration:\n   Task History Retention Limit: 2\n");
    expect(info).toContain("  Raft:\n   Snapshot Interval: 500\n   Number of Old Snapshots to Retain: 3\n");
    expect(info).toContain("  Dispatcher:\n   Heartbeat Period: 10 seconds\n");
    expect(info).toContain("  CA Configuration:\n   Expiry Duration: 2 days\n");
    expect(info).toContain("  Autolock Managers: true\n");
    expect((await run("docker swarm unlock-key -q")).stdout).toBe(init.stdout.match(/SWMKEY-1-\S+/)![0] + "\n");
  });

  it("still makes the swarm when the cluster spec is refused, as the daemon does", async () => {
    const { run } = lab();
    expect(await run("docker swarm init --cert-expiry 30m")).toEqual({
      stdout: "",
      stderr: "Error response from daemon: error updating cluster settings: rpc error: code = InvalidArgument desc = minimum certificate expiry time is: 1h0m0s\n",
      exitCode: 1,
    });
    expect((await run("docker node ls -q")).stdout).toMatch(/^[a-z0-9]{25}\n$/);
  });

  it("carves ingress and overlays from --default-addr-pool", async () => {
    const { run } = lab();
    await run("docker swarm init --default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 26");
    await run("docker network create -d overlay ov");
    expect((await run("docker network inspect -f '{{(index .IPAM.Config 0).Subnet}}' ingress ov")).stdout).toBe("10.20.0.0/26\n10.20.0.64/26\n");
    expect((await run("docker info")).stdout).toContain("  Default Address Pool: 10.20.0.0/16  \n  SubnetSize: 26\n  Data Path Port: 4789\n");
  });

  it("joins with the availability asked for", async () => {
    const { run } = lab(2);
    await run("docker swarm init --advertise-addr 192.168.1.10");
    const token = (await run("docker swarm join-token -q worker")).stdout.trim();
    expect((await run(`docker swarm join --availability drain --token ${token} 192.168.1.10:2377`, "node-2")).stdout).toBe("This node joined a swarm as a worker.\n");
    expect((await run("docker node ls --format '{{.Hostname}} {{.Availability}}'")).stdout).toBe("node-1 Active\nnode-2 Drain\n");
  });
});

describe("--data-path-port on the wire", () => {
  it("carries VXLAN on the chosen port, which tcpdump no longer decodes as VXLAN", async () => {
    const { run } = lab(2);
    await run("docker swarm init --advertise-addr 192.168.1.10 --data-path-port 7777");
    const token = (await run("docker swarm join-token -q worker")).stdout.trim();
    await run(`docker swarm join --token ${token} 192.168.1.10:2377`, "node-2");
    await run("docker network create -d overlay --attachable ov");
    await run("docker run -d --name ca --network ov nicolaka/netshoot sleep 1000");
    await run("docker run -d --name cb --network ov nicolaka/netshoot sleep 1000", "node-2");
    expect((await run("docker info")).stdout).toContain("  Data Path Port: 7777\n");
    const dump = run("tcpdump -n -c 1 udp port 7777", "node-2");
    await run("docker exec ca ping -c 1 cb");
    const out = await dump;
    expect(out.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{6} IP 192\.168\.1\.10\.\d+ > 192\.168\.1\.20\.7777: UDP, length 106\n$/);
  });
});
