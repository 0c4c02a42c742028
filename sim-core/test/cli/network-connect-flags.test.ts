/**
 * docker network connect --ip / --alias / --gw-priority as moby's validateEndpointSettings and libnetwork
 * take them: a static address in the network's subnet and free, aliases the embedded DNS answers, the
 * default route through the network with the highest priority; inspect shows what was asked for.
 */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ seed: "connflags", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  const run = (line: string) => sb.exec("node-1", line);
  await run("docker network create --subnet 10.1.0.0/24 front");
  await run("docker network create back");
  await run("docker run -d --name app --network back nicolaka/netshoot sleep 1000");
  await run("docker run -d --name web --network front nicolaka/netshoot sleep 1000");
  return run;
}
const fails = (stderr: string) => ({ stdout: "", stderr, exitCode: 1 });

describe("docker network connect --ip, --alias, --gw-priority", () => {
  it("takes the static address, answers to the aliases and routes by priority", async () => {
    const run = await lab();
    expect(await run("docker network connect --ip 10.1.0.50 --alias db --alias cache --gw-priority 10 front app")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect((await run("docker inspect -f '{{json .NetworkSettings.Networks.front.IPAMConfig}} {{.NetworkSettings.Networks.front.IPAddress}} {{json .NetworkSettings.Networks.front.Aliases}} {{.NetworkSettings.Networks.front.GwPriority}}' app")).stdout).toBe(
      '{"IPv4Address":"10.1.0.50"} 10.1.0.50 ["db","cache"] 10\n',
    );
    expect((await run("docker inspect -f '{{json .NetworkSettings.Networks.front.DNSNames}}' app")).stdout).toMatch(/^\["app","db","cache","[0-9a-f]{12}"\]\n$/);
    expect((await run("docker exec web dig +short cache")).stdout).toBe("10.1.0.50\n");
    expect((await run("docker exec app ip route")).stdout).toBe(
      "default via 10.1.0.1 dev eth1 \n10.1.0.0/24 dev eth1 scope link  src 10.1.0.50 \n172.18.0.0/16 dev eth0 scope link  src 172.18.0.2 \n",
    );
  });

  it("keeps the default route on the first network without a higher priority", async () => {
    const run = await lab();
    await run("docker network connect front app");
    expect((await run("docker exec app ip route")).stdout.split("\n")[0]).toBe("default via 172.18.0.1 dev eth0 ");
  });

  it("keeps the static address when the container starts again", async () => {
    const run = await lab();
    await run("docker stop app");
    await run("docker network connect --ip 10.1.0.77 front app");
    await run("docker start app");
    expect((await run("docker inspect -f '{{.NetworkSettings.Networks.front.IPAddress}}' app")).stdout).toBe("10.1.0.77\n");
  });

  it("refuses an address outside the subnet, in use, or on the default bridge, and aliases there", async () => {
    const run = await lab();
    expect(await run("docker network connect --ip 10.9.0.5 back app")).toEqual(fails("Error response from daemon: invalid endpoint settings:\nno configured subnet contains IP address 10.9.0.5\n"));
    expect(await run("docker network connect --ip 10.1.0.1 front app")).toEqual(fails("Error response from daemon: Address already in use\n"));
    expect(await run("docker network connect --ip 10.1.0.5 bridge app")).toEqual(
      fails(
        "Error response from daemon: invalid endpoint settings:\n* user-specified IP address is supported on user-defined networks only\n* no configured subnet contains IP address 10.1.0.5\n",
      ),
    );
    expect(await run("docker network connect --alias x bridge app")).toEqual(
      fails("Error response from daemon: invalid endpoint settings:\nnetwork-scoped aliases are only supported for user-defined networks\n"),
    );
    expect(await run("docker network connect --ip 10.1.0.300 front app")).toEqual(fails('Error response from daemon: invalid JSON: ParseAddr("10.1.0.300"): IPv4 field has value >255\n'));
    expect((await run("docker inspect -f '{{len .NetworkSettings.Networks}}' app")).stdout).toBe("1\n");
  });

  it("says plainly what the simulator does not model", async () => {
    const run = await lab();
    expect(await run("docker network connect --ip6 2001:db8::33 front app")).toEqual(fails("--ip6 is not supported in this simulator (its networks are IPv4 only)\n"));
    expect(await run("docker network connect --link web front app")).toEqual(
      fails("--link is not supported in this simulator (legacy links are not modelled: containers on a user-defined network reach each other by name)\n"),
    );
    expect(await run("docker network connect --driver-opt a=b front app")).toEqual(fails("--driver-opt is not supported in this simulator (endpoint driver options are not modelled)\n"));
    expect(await run("docker network connect --link-local-ip 169.254.1.1 front app")).toEqual(fails("--link-local-ip is not supported in this simulator (link-local addresses are not modelled)\n"));
  });
});
