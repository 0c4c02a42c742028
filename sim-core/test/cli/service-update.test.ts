/** docker service update / rollback as the CLI prints them, over the rolling-update engine. */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 3, seed: "svc-update", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  const run = (line: string, node = "node-1") => sb.exec(node, line);
  await run("docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await run(`docker swarm join --token ${token} 192.168.1.10:2377`, n);
  await run("docker service create -d --name web --replicas 3 nginx");
  return { sb, run };
}

/**
 * Docker 29's display: a rollback's bars fill like an update's (reversed bars ended with docker 23), and
 * the rollback's completion is only announced when it lands before the CLI has seen the tasks converge.
 */
const converged = (name: string, rollback = false) =>
  `${name}\n${rollback ? "rollback: manually requested rollback\n" : ""}overall progress: ${rollback ? "rolling back update: " : ""}3 out of 3 tasks\n` +
  [1, 2, 3].map((i) => `${i}/3: running   [${"=".repeat(50)}>]\n`).join("") +
  `verify: Service ${name} converged\n`;

describe("docker service update", () => {
  it("rolls the image out slot by slot and prints docker's convergence display; ps shows the old tasks shut down under the new ones", async () => {
    const { run } = await lab();
    expect(await run("docker service update --image nginx:1.25 web")).toEqual({ stdout: converged("web"), stderr: "", exitCode: 0 });
    const ps = (await run("docker service ps web")).stdout.split("\n").slice(1, -1);
    expect(ps.map((l) => l.split(/\s{2,}/).slice(1, 3).join(" | "))).toEqual([
      "web.1 | nginx:1.25", "\\_ web.1 | nginx:latest", "web.2 | nginx:1.25", "\\_ web.2 | nginx:latest", "web.3 | nginx:1.25", "\\_ web.3 | nginx:latest",
    ]);
    expect(ps[1]).toMatch(/Shutdown\s+Shutdown \d+ seconds ago/);
  });

  it("with -d returns at once: the first slot is starting while the others still run the old image", async () => {
    const { run } = await lab();
    expect(await run("docker service update -d --image nginx:1.25 web")).toEqual({ stdout: "web\n", stderr: "", exitCode: 0 });
    const rows = (await run("docker service ps web")).stdout.split("\n").slice(1, 4).map((l) => l.split(/\s{2,}/).slice(1, 6).join(" | "));
    expect(rows).toEqual([
      "web.1 | nginx:1.25 | node-1 | Running | Starting less than a second ago",
      "\\_ web.1 | nginx:latest | node-1 | Shutdown | Shutdown less than a second ago",
      "web.2 | nginx:latest | node-2 | Running | Running less than a second ago",
    ]);
  });

  it("rollback restores the previous image with docker's rollback display; a second rollback needs a previous spec again", async () => {
    const { run, sb } = await lab();
    const id = Object.values(Object.values(sb.state().swarms)[0].services)[0].id;
    expect(await run("docker service rollback web")).toEqual({
      stdout: "",
      stderr: `Error response from daemon: rpc error: code = FailedPrecondition desc = service ${id} does not have a previous spec\n`,
      exitCode: 1,
    });
    await run("docker service update -q --image nginx:1.25 web");
    expect(await run("docker service rollback web")).toEqual({ stdout: converged("web", true), stderr: "", exitCode: 0 });
    expect((await run("docker service ls")).stdout).toMatch(/web\s+replicated\s+3\/3\s+nginx:latest/);
    expect(await run("docker service update --rollback -d web")).toEqual({ stdout: "web\n", stderr: "", exitCode: 0 });
  });

  it("-q waits without the display; with no flags nothing changes but the name is printed", async () => {
    const { run } = await lab();
    expect(await run("docker service update -q --env-add A=1 web")).toEqual({ stdout: "web\n", stderr: "", exitCode: 0 });
    expect(await run("docker service update web")).toEqual({ stdout: converged("web"), stderr: "", exitCode: 0 });
  });

  it("refuses what docker refuses, and flags the simulator does not model, in one line each", async () => {
    const { run } = await lab();
    await run("docker service create -d --name agent --mode global alpine sleep 1d");
    expect(await run("docker service update --replicas 2 agent")).toEqual({ stdout: "", stderr: "replicas can only be used with replicated mode\n", exitCode: 1 });
    expect(await run("docker service update --rollback --image x web")).toEqual({ stdout: "", stderr: "other flags may not be combined with --rollback\n", exitCode: 1 });
    expect(await run("docker service update --image x nosuch")).toEqual({ stdout: "", stderr: "Error response from daemon: service nosuch not found\n", exitCode: 1 });
    expect(await run("docker service update --update-order sideways web")).toEqual({ stdout: "", stderr: "Error response from daemon: unrecognized update order sideways\n", exitCode: 1 });
    expect((await run("docker service update --cap-add NET_ADMIN web")).stderr).toMatch(/^--cap-add is not supported in this simulator \(.*\)\n$/);
    expect(await run("docker service update --update-delay 5 web")).toEqual({
      stdout: "",
      stderr: 'invalid argument "5" for "--update-delay" flag: time: missing unit in duration "5"\n\nUsage:  docker service update [OPTIONS] SERVICE\n\nRun \'docker service update --help\' for more information\n',
      exitCode: 125,
    });
    expect(await run("docker service update --image x web", "node-2")).toMatchObject({ stderr: expect.stringContaining("Worker nodes can't be used"), exitCode: 1 });
  });

  it("changes env, labels, args, ports, networks and constraints as docker's CLI does", async () => {
    const { run, sb } = await lab();
    await run("docker network create -d overlay appnet");
    const r = await run(
      "docker service update -d --env-add B=2 --env-add A=1 --label-add tier=web --args \"nginx -g 'daemon off;'\" --publish-add 8080:80 --network-add appnet --constraint-add node.role==worker web",
    );
    expect(r).toEqual({ stdout: "web\n", stderr: "", exitCode: 0 });
    const web = Object.values(Object.values(sb.state().swarms)[0].services)[0];
    expect([web.env, web.labels, web.args, web.constraints]).toEqual([["A=1", "B=2"], { tier: "web" }, ["nginx", "-g", "daemon off;"], ["node.role==worker"]]);
    expect(web.ports).toEqual([{ protocol: "tcp", targetPort: 80, publishedPort: 8080, publishMode: "ingress" }]);
    expect(Object.keys(web.vips)).toHaveLength(2);
    expect(await run("docker service update -d --network-add appnet web")).toEqual({ stdout: "", stderr: "service is already attached to network appnet\n", exitCode: 1 });
    await run("docker service update -d --env-rm A --publish-rm 80 --network-rm appnet --label-rm tier web");
    const after = Object.values(Object.values(sb.state().swarms)[0].services)[0];
    expect([after.env, after.labels, after.ports, after.networks, Object.keys(after.vips)]).toEqual([["B=2"], {}, [], [], []]);
  });

  it("declares every flag of docker's, so its help matches docker's (docker 28.2's 92 flags and docker 29's two swap flags)", async () => {
    const { run } = await lab();
    const help = (await run("docker service update --help")).stdout;
    expect(help.startsWith("Usage:  docker service update [OPTIONS] SERVICE\n\nUpdate a service\n\nOptions:\n      --args command                       Service command args\n")).toBe(true);
    expect(help).toContain("      --ulimit-add ulimit                  Add or update a ulimit option\n                                           (default [])\n");
    expect(help).toContain("      --memory-swap bytes                  Swap Bytes (-1 for unlimited)\n");
    expect(help.match(/^ {2}(-\w, | {4})--/gm)).toHaveLength(94);
  });
});
