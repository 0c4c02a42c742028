/** --internal networks: reachable among themselves, but no default route out (and no docker_gwbridge endpoint). */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 3, seed: "internal", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  const run = (node: string, line: string) => sb.exec(node, line);
  await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await run(n, `docker swarm join --token ${token} 192.168.1.10:2377`);
  await run("node-1", "docker network create -d overlay --internal --attachable secret");
  await run("node-1", "docker network create -d overlay --attachable open");
  await run("node-1", "docker service create -d --name db --constraint node.hostname==node-2 --network secret nginx");
  await run("node-1", "docker service create -d --name web --publish 8080:80 --constraint node.hostname==node-3 --network secret nginx");
  return run;
}

describe("--internal overlays", () => {
  it("carry traffic between their members across hosts", async () => {
    const run = await lab();
    await run("node-1", "docker run -dit --name box --network secret nicolaka/netshoot");
    expect(await run("node-1", "docker exec box ping -c 1 db")).toMatchObject({ stdout: expect.stringContaining("1 packets transmitted, 1 packets received, 0% packet loss"), exitCode: 0 });
    expect((await run("node-1", "docker exec box curl -s http://db")).exitCode).toBe(0);
  });

  it("give a container only on them no route out: ping's sendto fails, curl cannot connect", async () => {
    const run = await lab();
    await run("node-1", "docker run -dit --name box --network secret nicolaka/netshoot");
    expect(await run("node-1", "docker exec box ping -c 1 192.168.1.20")).toEqual({
      stdout: "PING 192.168.1.20 (192.168.1.20): 56 data bytes\n",
      stderr: "ping: sendto: Network unreachable\n",
      exitCode: 1,
    });
    expect(await run("node-1", "docker exec box curl http://192.168.1.20:8080")).toEqual({
      stdout: "",
      stderr: "curl: (7) Failed to connect to 192.168.1.20 port 8080 after 0 ms: Couldn't connect to server\n",
      exitCode: 7,
    });
  });

  it("leave a container that is also on a normal network its way out; a service on one still publishes through ingress", async () => {
    const run = await lab();
    await run("node-1", "docker run -dit --name both --network secret --network open nicolaka/netshoot");
    expect((await run("node-1", "docker exec both curl -s http://192.168.1.20:8080")).stdout).toMatch(/^Hostname: [0-9a-f]{12}\nIP: 10\.0\.0\.\d+\nRemoteAddr: 10\.0\.0\.\d+:\d+\n$/);
    expect((await run("node-2", "curl -s http://localhost:8080")).exitCode).toBe(0);
  });
});
