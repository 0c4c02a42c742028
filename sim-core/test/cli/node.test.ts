import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 3, seed: "nodes", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await sb.exec(n, `docker swarm join --token ${token} 192.168.1.10:2377`);
  return sb;
}

describe("docker node rm / ps", () => {
  it("removes a node only once it is down (or with -f), never a manager", async () => {
    const sb = await lab();
    const id = (n: string) => sb.state().hosts[n].nodeId!;
    const n2 = id("node-2");
    const n1 = id("node-1");
    expect(await sb.exec("node-1", "docker node rm node-2")).toEqual({
      stdout: "",
      stderr: `Error response from daemon: rpc error: code = FailedPrecondition desc = node ${n2} is not down and can't be removed\n`,
      exitCode: 1,
    });
    expect((await sb.exec("node-1", "docker node rm node-1")).stderr).toBe(
      `Error response from daemon: rpc error: code = FailedPrecondition desc = node ${n1} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal\n`,
    );
    await sb.exec("node-2", "docker swarm leave");
    expect(await sb.exec("node-1", "docker node rm node-2")).toEqual({ stdout: "node-2\n", stderr: "", exitCode: 0 });
    expect((await sb.exec("node-1", "docker node ls")).stdout).not.toContain("node-2");
    expect((await sb.exec("node-1", "docker node rm -f node-3")).exitCode).toBe(0);
    expect((await sb.exec("node-3", "docker node ls")).stderr).toMatch(/^Error response from daemon: This node is not a swarm manager\. Use/);
  });

  it("lists the tasks on a node", async () => {
    const sb = await lab();
    await sb.exec("node-1", "docker service create -d --name api --replicas 3 nginx");
    const rows = (await sb.exec("node-1", "docker node ps node-2")).stdout.split("\n").filter(Boolean);
    expect(rows[0]).toMatch(/^ID\s+NAME\s+IMAGE\s+NODE\s+DESIRED STATE\s+CURRENT STATE\s+ERROR\s+PORTS$/);
    expect(rows.slice(1)).toHaveLength(1);
    expect(rows[1]).toMatch(/ api\.\d\s+nginx:latest\s+node-2\s+Running\s+Running /);
  });
});
