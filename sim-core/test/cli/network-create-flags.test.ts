/**
 * docker network create's IPAM flags and the rules around them: the 28.2 CLI's own checks (output taken from
 * the installed docker 28.2.2, which prints them before it looks for a daemon), moby's validateIpamConfig and
 * libnetwork's texts for what the daemon refuses, and what `docker network inspect` then shows.
 */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

const lab = () => {
  const sb = createSandbox({ nodes: 2, seed: "netflags", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  return (line: string, node = "node-1") => sb.exec(node, line);
};
const fails = (stderr: string) => ({ stdout: "", stderr, exitCode: 1 });

describe("docker network create: the CLI's IPAM checks", () => {
  it.each([
    ["--gateway 10.1.0.1 n", "every ip-range or gateway must have a corresponding subnet"],
    ["--subnet 10.1.0.0/24 --gateway 10.1.0.1 --gateway 10.1.0.2 n", "every ip-range or gateway must have a corresponding subnet"],
    ["--subnet 10.1.0.0/24 --gateway 10.2.0.1 n", "no matching subnet for gateway 10.2.0.1"],
    ["--subnet 10.1.0.0/24 --gateway x n", "no matching subnet for gateway x"],
    ["--subnet 10.1.0.0/24 --ip-range x n", "invalid CIDR address: x"],
    ["--subnet 10.1.0.0/24 --ip-range 10.2.0.0/28 n", "no matching subnet for range 10.2.0.0/28"],
    ["--subnet 10.1.0.0/24 --subnet 10.1.0.0/16 n", "multiple overlapping subnet configuration is not supported"],
    ["--subnet 10.1.0.0/24 --aux-address a=10.2.0.5 n", "no matching subnet for aux-address 10.2.0.5"],
    ["--subnet 10.1.0.0/24 --aux-address a= n", "no matching subnet for aux-address "],
  ])("%s", async (flags, text) => {
    expect(await lab()(`docker network create ${flags}`)).toEqual(fails(`${text}\n`));
  });

  it("rejects a bad --ipv4 value as pflag does (exit 125)", async () => {
    expect(await lab()("docker network create --ipv4=maybe n")).toEqual({
      stdout: "",
      stderr:
        'invalid argument "maybe" for "--ipv4" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nRun \'docker network create --help\' for more information\n',
      exitCode: 125,
    });
  });
});

describe("docker network create: the daemon's checks", () => {
  it("lists every problem moby's validateIpamConfig finds, one alone without a bullet", async () => {
    const run = lab();
    expect(await run("docker network create --subnet 10.1.0.5/24 --ip-range 10.1.0.0/16 n")).toEqual(
      fails(
        "Error response from daemon: invalid network config:\n* invalid subnet 10.1.0.5/24: it should be 10.1.0.0/24\n* invalid ip-range 10.1.0.0/16: CIDR block is bigger than its parent subnet 10.1.0.5/24\n",
      ),
    );
    expect(await run("docker network create --subnet 10.1.0.0/24 --ip-range 10.1.0.5/28 n")).toEqual(
      fails("Error response from daemon: invalid network config:\ninvalid ip-range 10.1.0.5/28: it should be 10.1.0.0/28\n"),
    );
  });

  it("reads a subnet as a netip.Prefix, and refuses one that is not", async () => {
    const run = lab();
    expect(await run("docker network create --subnet x n")).toEqual(fails("Error response from daemon: invalid JSON: netip.ParsePrefix(\"x\"): no '/'\n"));
    expect(await run("docker network create --subnet 10.1.0.300/24 n")).toEqual(
      fails('Error response from daemon: invalid JSON: netip.ParsePrefix("10.1.0.300/24"): ParseAddr("10.1.0.300"): IPv4 field has value >255\n'),
    );
    expect(await run("docker network create --subnet 10.1.0.0/33 n")).toEqual(fails('Error response from daemon: invalid JSON: netip.ParsePrefix("10.1.0.0/33"): prefix length out of range\n'));
  });

  it("knows only its own drivers and IPAM driver, one host and one null network, and IPv4 on", async () => {
    const run = lab();
    expect(await run("docker network create -d foo n")).toEqual(fails('Error response from daemon: plugin "foo" not found\n'));
    expect(await run("docker network create --ipam-driver foo n")).toEqual(fails('Error response from daemon: plugin "foo" not found\n'));
    expect(await run("docker network create -d host n")).toEqual(fails('Error response from daemon: only one instance of "host" network is allowed\n'));
    expect(await run("docker network create -d null n")).toEqual(fails('Error response from daemon: only one instance of "null" network is allowed\n'));
    expect(await run("docker network create --ipv4=false n")).toEqual(fails("Error response from daemon: IPv4 or IPv6 must be enabled\n"));
    expect(await run("docker network create --subnet 172.17.5.0/24 n")).toEqual(fails("Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n"));
    expect(await run("docker network create --subnet 10.9.0.0/24 --aux-address gw=10.9.0.1 n")).toEqual(
      fails("Error response from daemon: failed to allocate secondary ip address (gw:10.9.0.1): Address already in use\n"),
    );
  });

  it("applies libnetwork's scope rules", async () => {
    const run = lab();
    expect(await run("docker network create --scope swarm n")).toEqual(fails("Error response from daemon: cannot create a swarm scoped network when swarm is not active\n"));
    await run("docker swarm init --advertise-addr 192.168.1.10");
    const token = (await run("docker swarm join-token -q worker")).stdout.trim();
    await run(`docker swarm join --token ${token} 192.168.1.10:2377`, "node-2");
    expect(await run("docker network create --scope swarm n", "node-2")).toEqual(
      fails("Error response from daemon: Cannot create a multi-host network from a worker node. Please create the network from a manager node.\n"),
    );
    expect(await run("docker network create -d overlay --scope local n")).toEqual(fails("Error response from daemon: cannot downgrade network scope for overlay networks\n"));
    expect(await run("docker network create -d overlay --ipv4=false n")).toEqual(fails("Error response from daemon: IPv4 cannot be disabled in a Swarm scoped network\n"));
    expect(await run("docker network create -d overlay --ipam-driver foo n")).toEqual(
      fails("Error response from daemon: rpc error: code = InvalidArgument desc = error during lookup of plugin foo\n"),
    );
  });

  it("says plainly what the simulator does not model", async () => {
    const run = lab();
    expect(await run("docker network create --ipv6 n")).toEqual(fails("--ipv6 is not supported in this simulator (its networks are IPv4 only)\n"));
    expect(await run("docker network create -d macvlan n")).toEqual(fails("--driver macvlan is not supported in this simulator (it models bridge and overlay networks)\n"));
    expect(await run("docker network create --config-only n")).toEqual(
      fails("--config-only and --config-from are not supported in this simulator (configuration-only networks are not modelled)\n"),
    );
    expect(await run("docker network create --subnet 10.1.0.0/24 --subnet 10.2.0.0/24 n")).toEqual(
      fails("more than one --subnet is not supported in this simulator (a network has one IPv4 subnet)\n"),
    );
    await run("docker swarm init --advertise-addr 192.168.1.10");
    expect(await run("docker network create --scope swarm n")).toEqual(
      fails("--scope swarm is not supported in this simulator for the bridge driver (swarm-scoped bridges need configuration-only networks): use --driver overlay\n"),
    );
  });
});

describe("docker network create: ranges, reserved addresses and inspect", () => {
  it("hands out addresses from --ip-range only, never an --aux-address, and shows both", async () => {
    const run = lab();
    expect((await run("docker network create --subnet 10.1.0.0/24 --ip-range 10.1.0.128/30 --aux-address printer=10.1.0.130 --ipam-opt x=y n1")).exitCode).toBe(0);
    expect((await run("docker network inspect -f '{{json .IPAM}} {{.EnableIPv4}} {{.EnableIPv6}}' n1")).stdout).toBe(
      '{"Driver":"default","Options":{"x":"y"},"Config":[{"Subnet":"10.1.0.0/24","IPRange":"10.1.0.128/30","Gateway":"10.1.0.128","AuxiliaryAddresses":{"printer":"10.1.0.130"}}]} true false\n',
    );
    await run("docker run -d --name ca --network n1 alpine sleep 1000");
    await run("docker run -d --name cb --network n1 alpine sleep 1000");
    const ips = await run("docker inspect -f '{{.NetworkSettings.Networks.n1.IPAddress}}' ca cb");
    expect(ips.stdout).toBe("10.1.0.129\n10.1.0.131\n");
    expect((await run("docker run -d --name cc --network n1 alpine sleep 1000")).stderr).toContain("Error response from daemon:");
  });

  it("keeps a given gateway, and a CLI-made bridge shows IPAM Options {}", async () => {
    const run = lab();
    await run("docker network create --subnet 10.2.0.0/24 --gateway 10.2.0.254 n2");
    expect((await run("docker network inspect -f '{{json .IPAM}}' n2")).stdout).toBe('{"Driver":"default","Options":{},"Config":[{"Subnet":"10.2.0.0/24","Gateway":"10.2.0.254"}]}\n');
  });

  it("gives an overlay's range to its tasks and containers; swarmkit keeps no aux addresses", async () => {
    const run = lab();
    await run("docker swarm init --advertise-addr 192.168.1.10");
    await run("docker network create -d overlay --attachable --subnet 10.30.0.0/24 --ip-range 10.30.0.64/26 --aux-address a=10.30.0.70 ov");
    expect((await run("docker network inspect -f '{{json .IPAM}}' ov")).stdout).toBe('{"Driver":"default","Options":null,"Config":[{"Subnet":"10.30.0.0/24","IPRange":"10.30.0.64/26","Gateway":"10.30.0.64"}]}\n');
    await run("docker run -d --name ca --network ov alpine sleep 1000");
    expect((await run("docker inspect -f '{{.NetworkSettings.Networks.ov.IPAddress}}' ca")).stdout).toBe("10.30.0.65\n");
  });
});
