/**
 * The daemon behaviours Docker's own tutorials rely on (docker/docs engine/swarm/swarm-tutorial/*,
 * engine/network/tutorials/overlay.md, swarm/networking.md), replayed through the lab's door. Expected
 * texts come from the docker/cli, moby and swarmkit sources cited at each test.
 */
import { describe, expect, it } from "vitest";
import { createLab } from "../../src/index";

async function swarmLab(seed = "tutorials") {
  const lab = createLab({ nodes: 3, seed });
  const run = (line: string, node = "node-1") => lab.exec(node, line);
  await run("docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await run(`docker swarm join --token ${token} 192.168.1.10:2377`, n);
  const swarm = () => Object.values(lab.state().swarms)[0];
  const service = (name: string) => Object.values(swarm().services).find((s) => s.name === name)!;
  const network = (name: string) => Object.values(swarm().networks).find((s) => s.name === name)!;
  return { lab, run, swarm, service, network };
}

const err = (stderr: string, exitCode = 1) => ({ stdout: "", stderr, exitCode });

describe("hostile lines", () => {
  it("answers a huge replica count at once with the lab's limit in one line, for create, scale and update", async () => {
    const { run, service } = await swarmLab();
    expect(await run("docker service create --replicas 100000000 nginx")).toEqual(
      err("this lab simulates at most 10000 tasks per swarm: 100000000 replicas is too many\n"),
    );
    await run("docker service create -d --name web --replicas 2 nginx");
    expect(await run("docker service scale web=10001")).toEqual(err("web: this lab simulates at most 10000 tasks per swarm: 10001 replicas is too many\n"));
    await run("docker service create -d --name api --replicas 9000 nginx");
    expect(await run("docker service update -d --replicas 1001 web")).toEqual(
      err("this lab simulates at most 10000 tasks per swarm: 1001 replicas is too many (other services already ask for 9000)\n"),
    );
    expect(service("web").replicas).toBe(2);
  }, 30_000);

  it("validates swarm names as swarmkit's validateAnnotations does (controlapi/common.go)", async () => {
    const { run } = await swarmLab();
    const dns = err("Error response from daemon: rpc error: code = InvalidArgument desc = name must be valid as a DNS name component\n");
    const long = err("Error response from daemon: rpc error: code = InvalidArgument desc = name must be 63 characters or fewer\n");
    expect(await run("docker service create --name мережа nginx")).toEqual(dns);
    expect(await run("docker service create --name my.web nginx")).toEqual(dns);
    expect(await run("docker service create --name -web nginx")).toEqual(dns);
    expect(await run(`docker service create --name ${"a".repeat(64)} nginx`)).toEqual(long);
    expect((await run(`docker service create -d --name ${"a".repeat(63)} nginx`)).exitCode).toBe(0);
    expect((await run("docker service create -d --name my_web-1 nginx")).exitCode).toBe(0);
    expect(await run("docker network create -d overlay мережа")).toEqual(dns);
    expect(await run(`docker network create -d overlay ${"n".repeat(64)}`)).toEqual(long);
    expect((await run("docker network create -d overlay my_net-2")).exitCode).toBe(0);
    // Local networks are not swarm objects: the daemon takes any name for a bridge.
    expect((await run("docker network create my.bridge")).exitCode).toBe(0);
  }, 30_000);

  it("validates container names as moby's reserveName does (daemon/names.go RestrictedNamePattern)", async () => {
    const { run } = await swarmLab();
    expect(await run("docker run -d --name мережа nginx")).toEqual(
      err(
        "docker: Error response from daemon: Invalid container name (мережа), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n\nRun 'docker run --help' for more information\n",
        125,
      ),
    );
    expect(await run("docker run -d --name x nginx")).toEqual(
      err("docker: Error response from daemon: Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n\nRun 'docker run --help' for more information\n", 125),
    );
    expect((await run("docker run -d --name /web.1_a-b nginx")).exitCode).toBe(0);
    expect((await run("docker ps --format '{{.Names}}'")).stdout).toBe("web.1_a-b\n");
    expect(await run("docker rename web.1_a-b мережа")).toEqual(
      err("failed to rename container: Error response from daemon: Error when allocating new name: Invalid container name (/мережа), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n"),
    );
  }, 30_000);
});
