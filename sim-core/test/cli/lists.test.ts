import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ seed: "lists", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  await sb.exec("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
  await sb.exec("node-1", "docker node update --label-add zone=a node-2");
  await sb.exec("node-1", "docker service create -d --name web --replicas 2 -p 8080:80 nginx");
  await sb.exec("node-1", "docker service create -d --name agent --mode global alpine sleep 1d");
  await sb.exec("node-1", "docker service update -d --label-add team=ops agent");
  return sb;
}
const lines = (text: string) => text.split("\n").filter(Boolean);

describe("docker node ls", () => {
  it("lists whole node IDs, the current node starred, with docker's header", async () => {
    const sb = await lab();
    const nodes = Object.values(Object.values(sb.state().swarms)[0].nodes);
    const r = await sb.exec("node-1", "docker node ls");
    expect(r.stdout).toBe(
      "ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION\n" +
        `${nodes[0].id} *   node-1     Ready     Active         Leader           29.0.1\n` +
        `${nodes[1].id}     node-2     Ready     Active                          29.0.1\n`,
    );
  });

  it("filters by role, node label and name, and formats with Self", async () => {
    const sb = await lab();
    expect((await sb.exec("node-1", "docker node ls -f role=worker --format '{{.Hostname}}'")).stdout).toBe("node-2\n");
    expect((await sb.exec("node-1", "docker node ls -f node.label=zone=a --format '{{.Hostname}} {{.Self}}'")).stdout).toBe("node-2 false\n");
    expect((await sb.exec("node-1", "docker node ls -f name=node- --format '{{.Hostname}}:{{.ManagerStatus}}'")).stdout).toBe("node-1:Leader\nnode-2:\n");
    expect(await sb.exec("node-1", "docker node ls -f role=boss")).toEqual({ stdout: "", stderr: "Error response from daemon: Invalid role filter: 'boss'\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker node ls -f zone=a")).toEqual({ stdout: "", stderr: "Error response from daemon: invalid filter 'zone'\n", exitCode: 1 });
  });
});

describe("docker service ls", () => {
  it("filters by mode, name prefix and label; --format renders each service", async () => {
    const sb = await lab();
    expect((await sb.exec("node-1", "docker service ls --format '{{.Name}} {{.Mode}} {{.Replicas}} {{.Ports}}'")).stdout).toBe("agent global 2/2 \nweb replicated 2/2 *:8080->80/tcp\n");
    // docker 29 truncates service IDs even with -q (serviceContext.ID is TruncateID).
    expect((await sb.exec("node-1", "docker service ls -f mode=global -q")).stdout).toMatch(/^[0-9a-z]{12}\n$/);
    expect((await sb.exec("node-1", "docker service ls -f label=team=ops --format '{{.Name}}'")).stdout).toBe("agent\n");
    expect((await sb.exec("node-1", "docker service ls -f name=we --format 'table {{.Name}}\\t{{.Image}}'")).stdout).toBe("NAME      IMAGE\nweb       nginx:latest\n");
  });
});

describe("docker service ps and node ps", () => {
  it("indents a slot's earlier tasks in tables only, newest first", async () => {
    const sb = await lab();
    await sb.exec("node-1", "docker service update --image nginx:1.27 web");
    const table = lines((await sb.exec("node-1", "docker service ps --format 'table {{.Name}}\\t{{.Image}}\\t{{.DesiredState}}' web")).stdout);
    expect(table).toEqual(["NAME        IMAGE          DESIRED STATE", "web.1       nginx:1.27     Running", " \\_ web.1   nginx:latest   Shutdown", "web.2       nginx:1.27     Running", " \\_ web.2   nginx:latest   Shutdown"]);
    const plain = lines((await sb.exec("node-1", "docker service ps --format '{{.Name}} {{.DesiredState}}' web")).stdout);
    expect(plain).toEqual(["web.1 Running", "web.1 Shutdown", "web.2 Running", "web.2 Shutdown"]);
  });

  it("filters by desired state and node, and rejects an unknown state as the daemon does", async () => {
    const sb = await lab();
    await sb.exec("node-1", "docker service update --image nginx:1.27 web");
    expect(lines((await sb.exec("node-1", "docker service ps -f desired-state=running -q web")).stdout)).toHaveLength(2);
    expect(lines((await sb.exec("node-1", "docker service ps -f desired-state=shutdown --format '{{.Image}}' web")).stdout)).toEqual(["nginx:latest", "nginx:latest"]);
    const onNode2 = lines((await sb.exec("node-1", "docker service ps -f node=node-2 --format '{{.Node}}' web agent")).stdout);
    expect(new Set(onNode2)).toEqual(new Set(["node-2"]));
    expect(await sb.exec("node-1", "docker service ps -f desired-state=sleeping web")).toEqual({ stdout: "", stderr: "Error response from daemon: Invalid desired-state filter: 'sleeping'\n", exitCode: 1 });
  });

  it("node ps lists the tasks of several nodes in one table", async () => {
    const sb = await lab();
    const out = lines((await sb.exec("node-1", "docker node ps --format '{{.Name}}@{{.Node}}' node-1 node-2")).stdout);
    expect(out.filter((l) => l.startsWith("agent."))).toHaveLength(2);
    expect(out.filter((l) => l.startsWith("web."))).toHaveLength(2);
    expect((await sb.exec("node-1", "docker node ps --no-resolve --format '{{.Node}}' node-2")).stdout.split("\n")[0]).toMatch(/^[0-9a-z]{25}$/);
  });
});
