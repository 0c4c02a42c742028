/** Node labels and placement constraints, with swarmkit's parse errors and its constraint enforcer. */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 3, seed: "labels", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await sb.exec(n, `docker swarm join --token ${token} 192.168.1.10:2377`);
  const run = (line: string) => sb.exec("node-1", line);
  /** A service's tasks as `docker service ps` would list them: name, node, desired and current state, error. */
  const ps = async (svc: string) => {
    const swarm = Object.values(sb.state().swarms)[0];
    const service = Object.values(swarm.services).find((s) => s.name === svc)!;
    return Object.values(swarm.tasks)
      .filter((t) => t.serviceId === service.id)
      .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || (a.desiredState === "running" ? -1 : 1))
      .map((t) => [t.slot ?? "g", swarm.nodes[t.nodeId ?? ""]?.hostname ?? "", t.desiredState, t.state, t.error ?? ""].join(" | ").replace(/ \| $/, ""));
  };
  return { sb, run, ps };
}

describe("docker node update --label-add / --label-rm", () => {
  it("has Docker's help", async () => {
    const { run } = await lab();
    expect((await run("docker node update --help")).stdout).toBe(
      `Usage:  docker node update [OPTIONS] NODE

Update a node

Options:
      --availability string   Availability of the node ("active",
                              "pause", "drain")
      --label-add list        Add or update a node label ("key=value")
      --label-rm list         Remove a node label if exists
      --role string           Role of the node ("worker", "manager")
`,
    );
  });

  it("labels steer node.labels constraints; removing a missing key fails as the CLI says", async () => {
    const { sb, run, ps } = await lab();
    expect(await run("docker node update --label-add zone=east --label-add ssd node-2")).toEqual({ stdout: "node-2\n", stderr: "", exitCode: 0 });
    const node2 = Object.values(Object.values(sb.state().swarms)[0].nodes).find((n) => n.hostname === "node-2")!;
    expect(node2.labels).toEqual({ zone: "east", ssd: "" });
    await run("docker service create -d --name east --replicas 2 --constraint node.labels.zone==east nginx");
    await run("docker service create -d --name west --replicas 2 --constraint node.labels.zone!=EAST --constraint node.role==worker nginx");
    expect(await ps("east")).toEqual(["1 | node-2 | running | running", "2 | node-2 | running | running"]);
    expect(await ps("west")).toEqual(["1 | node-3 | running | running", "2 | node-3 | running | running"]);
    expect(await run("docker node update --label-rm nope node-2")).toEqual({ stdout: "", stderr: "key nope doesn't exist in node's labels\n", exitCode: 1 });
    expect(node2.labels).toEqual({ zone: "east", ssd: "" });
    expect(await run("docker node update --label-rm ssd node-2")).toEqual({ stdout: "node-2\n", stderr: "", exitCode: 0 });
    expect(node2.labels).toEqual({ zone: "east" });
  });

  it("a label change rejects the tasks whose constraints the node no longer meets, and they move (constraint enforcer)", async () => {
    const { run, ps } = await lab();
    await run("docker node update --label-add zone=east node-2");
    await run("docker service create -d --name east --constraint node.labels.zone==east nginx");
    await run("docker node update --label-rm zone node-2");
    expect(await ps("east")).toEqual([
      "1 |  | running | pending | no suitable node (scheduling constraints not satisfied on 3 nodes)",
      "1 | node-2 | shutdown | rejected | assigned node no longer meets constraints",
    ]);
    expect((await run("docker service ps east")).stdout).toMatch(/ east\.1\s+nginx:latest\s+node-2\s+Shutdown\s+Rejected less than a second ago\s+"assigned node no longer meets…"\s*\n/);
    await run("docker node update --label-add zone=east node-3");
    expect((await ps("east"))[0]).toBe("1 | node-3 | running | running");
  });

  it("a paused node keeps tasks it no longer qualifies for; demoting a node moves its node.role==manager tasks", async () => {
    const { run, ps } = await lab();
    await run("docker node promote node-2");
    await run("docker service create -d --name m --replicas 2 --constraint node.role==manager nginx");
    await run("docker node update --availability pause --role worker node-2");
    expect((await ps("m")).filter((r) => r.includes("node-2"))).toEqual(["2 | node-2 | running | running"]);
    await run("docker node update --availability active --role manager node-2");
    await run("docker node demote node-2");
    expect((await ps("m")).filter((r) => r.includes("node-2"))).toEqual(["2 | node-2 | shutdown | rejected | assigned node no longer meets constraints"]);
    expect((await ps("m")).filter((r) => r.endsWith("running | running"))).toEqual(["1 | node-1 | running | running", "2 | node-1 | running | running"]);
  });
});

describe("placement constraints", () => {
  it.each([
    ["node.role", "constraint expected one operator from ==, !="],
    ["node.role=manager", "constraint expected one operator from ==, !="],
    ["node labels.zone==east", "key 'node labels.zone' is invalid"],
    ["n==x", "key 'n' is invalid"],
    ["node.role==man<ager", "value 'man<ager' is invalid"],
    ["node.labels.zone==", "value '' is invalid"],
  ])("refuses %s as swarmkit does", async (c, why) => {
    const { run } = await lab();
    expect(await run(`docker service create -d --constraint '${c}' nginx`)).toEqual({ stdout: "", stderr: `Error response from daemon: rpc error: code = Unknown desc = ${why}\n`, exitCode: 1 });
  });

  it.each([
    ["node.hostname == node-3", ["node-3"]],
    ["node.id!=SELF", ["node-2", "node-3"]],
    ["node.platform.os==linux", ["node-1", "node-2", "node-3"]],
    ["node.platform.arch==aarch64", []],
    ["node.ip==192.168.1.20", ["node-2"]],
    ["node.ip!=192.168.1.0/24", []],
    ["node.ip==not-an-ip", []],
    ["node.ip!=not-an-ip", []],
    ["engine.labels.disk==ssd", []],
    ["engine.labels.disk!=ssd", ["node-1", "node-2", "node-3"]],
    ["node.labels.zone!=east", ["node-1", "node-2", "node-3"]],
    ["no.such.key!=x", []],
  ])("%s places on %j", async (c, nodes) => {
    const { sb, run, ps } = await lab();
    const self = sb.state().hosts["node-1"].nodeId!;
    await run(`docker service create -d --name s --mode global --constraint '${c.replace("SELF", self)}' nginx`);
    expect((await ps("s")).map((r) => r.split(" | ")[1]).sort()).toEqual(nodes);
    if (nodes.length === 0) {
      await run(`docker service create -d --name r --constraint '${c.replace("SELF", self)}' nginx`);
      expect(await ps("r")).toEqual(["1 |  | running | pending | no suitable node (scheduling constraints not satisfied on 3 nodes)"]);
    }
  });
});
