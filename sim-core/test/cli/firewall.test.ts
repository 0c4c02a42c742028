/** The firewall exercise: block VXLAN on a worker, watch cross-host pings fail, list and remove the rule. */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 2, seed: "fw", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  const run = (node: string, line: string) => sb.exec(node, line);
  await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("node-1", "docker swarm join-token -q worker")).stdout.trim();
  await run("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
  await run("node-1", "docker network create --driver overlay --attachable appnet");
  await run("node-1", "docker service create -d --name web --replicas 2 --constraint node.hostname==node-2 --network appnet nginx");
  await run("node-1", "docker run -dit --name debug --network appnet alpine");
  return run;
}

describe("iptables on the underlay", () => {
  it("dropping UDP 4789 on node-2 breaks the cross-host ping; deleting the rule mends it", async () => {
    const run = await lab();
    expect(await run("node-2", "iptables -A INPUT -p udp --dport 4789 -j DROP")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect((await run("node-2", "iptables -L INPUT")).stdout).toBe(
      "Chain INPUT (policy ACCEPT)\ntarget     prot opt source               destination         \nDROP       udp  --  anywhere             anywhere             udp dpt:4789\n",
    );
    expect((await run("node-2", "iptables -L INPUT -n")).stdout).toContain("DROP       udp  --  0.0.0.0/0            0.0.0.0/0            udp dpt:4789\n");
    const lost = await run("node-1", "docker exec debug ping -c 2 web");
    expect(lost.exitCode).toBe(1);
    expect(lost.stdout).toMatch(/\n2 packets transmitted, 0 packets received, 100% packet loss\n$/);
    expect((await run("node-2", "iptables -D INPUT -p udp --dport 4789 -j DROP")).exitCode).toBe(0);
    expect((await run("node-1", "docker exec debug ping -c 1 web")).exitCode).toBe(0);
  });

  it("answers mistakes as iptables does", async () => {
    const run = await lab();
    expect(await run("node-2", "iptables -D INPUT -p udp --dport 4789 -j DROP")).toEqual({
      stdout: "",
      stderr: "iptables: Bad rule (does a matching rule exist in that chain?).\n",
      exitCode: 1,
    });
    expect(await run("node-2", "iptables -A INPUT --dport 4789 -j DROP")).toEqual({
      stdout: "",
      stderr: 'iptables v1.8.9 (nf_tables): unknown option "--dport"\nTry `iptables -h\' or \'iptables --help\' for more information.\n',
      exitCode: 2,
    });
    expect((await run("node-2", "iptables -L NOPE")).stderr).toBe("iptables: No chain/target/match by that name.\n");
  });
});
