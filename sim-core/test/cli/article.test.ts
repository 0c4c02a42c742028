/**
 * The article's own examples, run end to end through the sandbox and the docker command tree, with
 * whole outputs asserted (IDs and tokens come from the seed, so they are stable).
 */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

function lab(seed = "article") {
  const sb = createSandbox({ nodes: 3, seed, shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  const run = (node: string, line: string) => sb.exec(node, line);
  return { sb, run };
}

describe("the article, end to end", () => {
  it("sets up a two-node swarm with an overlay and spreads 4 replicas, 2 on each node", async () => {
    const { sb, run } = lab();
    const init = await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    const nodeId = sb.state().hosts["node-1"].nodeId!;
    const token = (await run("node-1", "docker swarm join-token -q worker")).stdout.trim();
    expect(init).toEqual({
      stdout:
        `Swarm initialized: current node (${nodeId}) is now a manager.\n\n` +
        "To add a worker to this swarm, run the following command:\n\n" +
        `    docker swarm join --token ${token} 192.168.1.10:2377\n\n` +
        "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n",
      stderr: "",
      exitCode: 0,
    });
    expect(token).toMatch(/^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/);
    expect(await run("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`)).toEqual({
      stdout: "This node joined a swarm as a worker.\n",
      stderr: "",
      exitCode: 0,
    });

    const ls = await run("node-1", "docker node ls");
    // Node IDs are listed whole (25 characters), as docker node ls does.
    const ids = Object.values(Object.values(sb.state().swarms)[0].nodes).map((n) => n.id);
    expect(ls.stdout).toBe(
      "ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION\n" +
        `${ids[0]} *   node-1     Ready     Active         Leader           29.0.1\n` +
        `${ids[1]}     node-2     Ready     Active                          29.0.1\n`,
    );

    const net = await run("node-1", "docker network create --driver overlay --attachable appnet");
    expect(net.stdout).toMatch(/^[0-9a-z]{25}\n$/);
    const svc = await run("node-1", "docker service create --name api --replicas 4 --network appnet nginx");
    const serviceId = svc.stdout.split("\n")[0];
    const bar = "[==================================================>]";
    expect(svc.stdout).toBe(
      `${serviceId}\noverall progress: 4 out of 4 tasks\n` +
        [1, 2, 3, 4].map((i) => `${i}/4: running   ${bar}\n`).join("") +
        // docker follows a new service by the ID the daemon returned.
        `verify: Service ${serviceId} converged\n`,
    );
    const ps = (await run("node-1", "docker service ps api")).stdout.split("\n").slice(1, -1);
    expect(ps.filter((l) => /\bnode-1\b/.test(l))).toHaveLength(2);
    expect(ps.filter((l) => /\bnode-2\b/.test(l))).toHaveLength(2);
    expect(ps[0]).toMatch(/^[0-9a-z]{12}   api\.1     nginx:latest   node-\d    Running         Running 5 seconds ago\s*$/);
  });

  it("shows every 'Common mistakes' error as Docker prints it", async () => {
    const { run } = lab();
    expect(await run("node-1", "docker network create --driver overlay test")).toEqual({
      stdout: "",
      stderr: 'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n',
      exitCode: 1,
    });
    await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    const secure = await run("node-1", "docker network create --driver overlay --opt encrypted --subnet 10.5.0.0/16 secure-net");
    expect(secure.exitCode).toBe(0);
    expect((await run("node-1", "docker network ls")).stdout).toMatch(/secure-net\s+overlay\s+swarm\n/);
  });

  it("refuses a second service with the same name and reports unknown networks", async () => {
    const { run } = lab();
    await run("node-1", "docker swarm init");
    await run("node-1", "docker service create -d --name api nginx");
    expect(await run("node-1", "docker service create -d --name api nginx")).toEqual({
      stdout: "",
      stderr: "Error response from daemon: rpc error: code = AlreadyExists desc = name conflicts with an existing object: service api already exists\n",
      exitCode: 1,
    });
    expect((await run("node-1", "docker service create --network nope nginx")).stderr).toBe("Error response from daemon: network nope not found\n");
    expect(await run("node-1", "docker service ps nope")).toEqual({ stdout: "", stderr: "no such service: nope\n", exitCode: 1 });
  });

  it("resolves the service to its VIP and pings it by name from a container on the overlay", async () => {
    const { run } = lab("dns");
    await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    const token = (await run("node-1", "docker swarm join-token -q worker")).stdout.trim();
    await run("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
    await run("node-1", "docker network create --driver overlay --attachable appnet");
    await run("node-1", "docker service create -d --name api --replicas 5 --network appnet nginx");
    expect((await run("node-1", "docker run -dit --name debug --network appnet alpine")).exitCode).toBe(0);
    expect(await run("node-1", "docker exec debug nslookup api")).toEqual({
      // busybox 1.37: the A reply, then the AAAA one (empty: the name has no IPv6 address).
      stdout: "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tapi\nAddress: 10.0.1.2\n\nNon-authoritative answer:\n\n",
      stderr: "",
      exitCode: 0,
    });
    const ping = await run("node-1", "docker exec debug ping -c 3 api");
    expect(ping.exitCode).toBe(0);
    expect(ping.stdout).toMatch(
      /^PING api \(10\.0\.1\.2\): 56 data bytes\n(64 bytes from 10\.0\.1\.2: seq=\d ttl=64 time=\d\.\d{3} ms\n){3}\n--- api ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\nround-trip min\/avg\/max = [\d.]+\/[\d.]+\/[\d.]+ ms\n$/,
    );
    expect(await run("node-1", "docker exec debug ping -c 1 nope")).toEqual({ stdout: "", stderr: "ping: bad address 'nope'\n", exitCode: 1 });
  });

  it("refuses a standalone container on a non-attachable overlay, as Docker 28+ prints it", async () => {
    const { run } = lab("attach");
    await run("node-1", "docker swarm init");
    await run("node-1", "docker network create --driver overlay myoverlay");
    expect(await run("node-1", "docker run -dit --network myoverlay alpine")).toEqual({
      stdout: "",
      stderr:
        "docker: Error response from daemon: Could not attach to network myoverlay: rpc error: code = PermissionDenied desc = network myoverlay not manually attachable\n\nRun 'docker run --help' for more information\n",
      exitCode: 125,
    });
  });
});
