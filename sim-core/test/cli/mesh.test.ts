/** The routing mesh and its source-address caveat, and host-mode publishing, seen through curl. */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 3, seed: "mesh", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  const run = (node: string, line: string) => sb.exec(node, line);
  await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await run(n, `docker swarm join --token ${token} 192.168.1.10:2377`);
  return { sb, run };
}

describe("published ports", () => {
  it("any node answers an ingress port; the task sees the receiving node's ingress address, not the client", async () => {
    const { sb, run } = await lab();
    await run("node-1", "docker service create -d --name web --publish published=8080,target=80 --constraint node.hostname==node-2 nginx");
    expect((await run("node-1", "docker service ls")).stdout).toMatch(/web\s+replicated\s+1\/1\s+nginx:latest\s+\*:8080->80\/tcp\n$/);
    const r = await run("node-3", "curl http://localhost:8080");
    expect(r.exitCode).toBe(0);
    const swarm = Object.values(sb.state().swarms)[0];
    const node3 = sb.state().hosts["node-3"].nodeId!;
    const sbox = Object.entries(Object.values(swarm.networks).find((n) => n.ingress)!.endpoints).find(([, o]) => o === `ingress-sbox:${node3}`)![0];
    expect(r.stdout).toMatch(new RegExp(`^Hostname: [0-9a-f]{12}\\nIP: 10\\.0\\.0\\.\\d+\\nRemoteAddr: ${sbox.replaceAll(".", "\\.")}:\\d+\\n$`));
    expect(r.stdout).not.toContain("192.168.1.30");
  });

  it("mode=host keeps the client's address and answers only where a task runs", async () => {
    const { run } = await lab();
    await run("node-1", "docker service create -d --name edge --publish published=9090,target=80,mode=host --constraint node.hostname==node-2 nginx");
    expect((await run("node-3", "curl http://node-2:9090")).stdout).toMatch(/RemoteAddr: 192\.168\.1\.30:\d+\n$/);
    expect(await run("node-3", "curl http://node-1:9090")).toEqual({
      stdout: "",
      stderr: "curl: (7) Failed to connect to node-1 port 9090 after 0 ms: Couldn't connect to server\n",
      exitCode: 7,
    });
  });

  it("a blocked VXLAN port breaks the mesh from nodes without a task", async () => {
    const { run } = await lab();
    await run("node-1", "docker service create -d --name web --publish 8080:80 --constraint node.hostname==node-2 nginx");
    await run("node-2", "iptables -A INPUT -p udp --dport 4789 -j DROP");
    expect((await run("node-3", "curl -s http://localhost:8080")).stderr).toBe(
      "curl: (28) Failed to connect to localhost port 8080 after 10000 ms: Timeout was reached\n",
    );
    expect((await run("node-2", "curl -s http://localhost:8080")).exitCode).toBe(0);
  });

  it("inside a container, curl reaches a service by name and load-balances over its tasks", async () => {
    const { run } = await lab();
    await run("node-1", "docker network create --driver overlay --attachable appnet");
    await run("node-1", "docker service create -d --name api --replicas 3 --network appnet nginx");
    await run("node-1", "docker run -dit --name debug --network appnet nicolaka/netshoot");
    const hosts = new Set<string>();
    for (let i = 0; i < 3; i++) hosts.add((await run("node-1", "docker exec debug curl -s http://api")).stdout.split("\n")[0]);
    expect(hosts.size).toBe(3);
    expect((await run("node-1", "docker exec debug curl http://nope")).stderr).toBe("curl: (6) Could not resolve host: nope\n");
  });
});
