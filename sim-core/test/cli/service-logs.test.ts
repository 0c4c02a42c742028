/** docker service logs: task-prefixed lines from every task, the routing mesh's client addresses, and the flags. */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";
import type { TaskState } from "../../src/model/state";

async function lab(seed = "svclogs") {
  const sb = createSandbox({ nodes: 3, seed, shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  const run = (node: string, line: string) => sb.exec(node, line);
  await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await run(n, `docker swarm join --token ${token} 192.168.1.10:2377`);
  const swarm = () => Object.values(sb.state().swarms)[0];
  /** The service's tasks by slot, oldest first within a slot. */
  const tasks = (name: string): TaskState[] => {
    const s = Object.values(swarm().services).find((x) => x.name === name)!;
    return Object.values(swarm().tasks)
      .filter((t) => t.serviceId === s.id)
      .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || a.createdAt - b.createdAt);
  };
  const host = (t: TaskState) => swarm().nodes[t.nodeId!].hostname;
  return { sb, run, swarm, tasks, host };
}

const ACCESS = (client: string, time: string, bytes: number) => `${client} - - [05/Jan/2026:${time} +0000] "GET / HTTP/1.1" 200 ${bytes} "-" "curl/8.14.1" "-"`;

describe("docker service logs", () => {
  it("prefixes each task's lines with <service>.<slot>.<task id>@<node>, stdout and stderr apart", async () => {
    const { run, tasks, host } = await lab();
    await run("node-1", "docker service create -d --name web --replicas 2 nginx");
    const [t1, t2] = tasks("web");
    const p1 = `web.1.${t1.id.slice(0, 12)}@${host(t1)}    | `;
    const p2 = `web.2.${t2.id.slice(0, 12)}@${host(t2)}    | `;
    const r = await run("node-1", "docker service logs web");
    const out = r.stdout.split("\n").slice(0, -1);
    const err = r.stderr.split("\n").slice(0, -1);
    expect(out).toHaveLength(18);
    expect(out[0]).toBe(`${p1}/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`);
    expect(out[9]).toBe(`${p2}/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`);
    expect(err).toHaveLength(16);
    expect(err[7]).toBe(`${p1}2026/01/05 09:00:00 [notice] 1#1: start worker process 30`);
    expect(err[15]).toBe(`${p2}2026/01/05 09:00:00 [notice] 1#1: start worker process 30`);
    expect(r.exitCode).toBe(0);
  });

  it("through the routing mesh the task logs an ingress address as the client; with mode=host, the real client", async () => {
    const { run, swarm, tasks } = await lab();
    await run("node-1", "docker service create -d --name web --publish 8080:80 --constraint node.hostname==node-2 nginx");
    await run("node-1", "docker service create -d --name edge --publish published=9090,target=80,mode=host --constraint node.hostname==node-2 nginx");
    const body = await run("node-3", "curl -s http://node-2:8080");
    expect(body.exitCode).toBe(0);
    const node2 = swarm().nodes[Object.values(swarm().nodes).find((n) => n.hostname === "node-2")!.id];
    const ingress = Object.values(swarm().networks).find((n) => n.ingress)!;
    const sbox = Object.entries(ingress.endpoints).find(([, o]) => o === `ingress-sbox:${node2.id}`)![0];
    expect(sbox).toMatch(/^10\.0\.0\.\d+$/);
    const web = tasks("web")[0];
    expect(await run("node-1", "docker service logs --tail 1 web")).toEqual({
      stdout: `web.1.${web.id.slice(0, 12)}@node-2    | ${ACCESS(sbox, "09:00:00", body.stdout.length)}\n`,
      stderr: "",
      exitCode: 0,
    });

    const direct = await run("node-3", "curl -s http://node-2:9090");
    const edge = tasks("edge")[0];
    expect(await run("node-1", "docker service logs -n 1 --no-task-ids edge")).toEqual({
      stdout: `edge.1@node-2    | ${ACCESS("192.168.1.30", "09:00:00", direct.stdout.length)}\n`,
      stderr: "",
      exitCode: 0,
    });
    // A task ID works as the argument too, and --raw leaves the line as the container printed it.
    expect((await run("node-1", `docker service logs --raw -n 1 ${edge.id.slice(0, 5)}`)).stdout).toBe(`${ACCESS("192.168.1.30", "09:00:00", direct.stdout.length)}\n`);
  });

  it("--no-trunc, --no-resolve, -t, --details, --raw --details, --since and a per-task --tail", async () => {
    const { sb, run, tasks, swarm } = await lab();
    await run("node-1", "docker service create -d --name web --replicas 2 nginx");
    const [t1, t2] = tasks("web");
    const node = (t: TaskState) => swarm().nodes[t.nodeId!];
    const last = "2026/01/05 09:00:00 [notice] 1#1: start worker process 30";
    expect((await run("node-1", "docker service logs --no-trunc -n 1 web")).stderr).toBe(
      `web.1.${t1.id}@${node(t1).hostname}    | ${last}\nweb.2.${t2.id}@${node(t2).hostname}    | ${last}\n`,
    );
    const s = Object.values(swarm().services)[0];
    expect((await run("node-1", "docker service logs --no-resolve -n 1 web")).stderr).toBe(
      `${s.id}.1.${t1.id.slice(0, 12)}@${node(t1).id}    | ${last}\n${s.id}.2.${t2.id.slice(0, 12)}@${node(t2).id}    | ${last}\n`,
    );
    expect((await run("node-1", `docker service logs -t --details -n 1 ${t2.id}`)).stderr).toBe(
      `2026-01-05T09:00:00.000000000Z web.2.${t2.id.slice(0, 12)}@${node(t2).hostname}    |  ${last}\n`,
    );
    expect((await run("node-1", `docker service logs --raw --details -n 1 ${t2.id}`)).stderr).toBe(
      `com.docker.swarm.node.id=${node(t2).id},com.docker.swarm.service.id=${s.id},com.docker.swarm.task.id=${t2.id} ${last}\n`,
    );
    await sb.clock.sleep(60_000);
    expect(await run("node-1", "docker service logs --since 30s web")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect((await run("node-1", "docker service logs --since 2m --raw web")).stdout.split("\n")).toHaveLength(19);
    expect(await run("node-1", "docker service logs -n 0 web")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("pads the prefix to the widest slot", async () => {
    const { run, tasks } = await lab();
    await run("node-1", "docker service create -d --name w --replicas 10 alpine sleep 1d");
    await run("node-1", "docker service create -d --name web --replicas 10 nginx");
    const ts = tasks("web");
    const lines = (await run("node-1", "docker service logs --no-task-ids -n 1 web")).stderr.split("\n");
    expect(lines[0]).toMatch(/^web\.1@node-\d {5}\| 2026/);
    expect(lines[9]).toMatch(/^web\.10@node-\d {4}\| 2026/);
    expect(ts).toHaveLength(10);
  });

  it("keeps the lines of tasks an update replaced, until the task is pruned", async () => {
    const { run, tasks } = await lab();
    await run("node-1", "docker service create -d --name web --constraint node.hostname==node-2 --publish 8080:80 nginx");
    const body = await run("node-2", "curl -s http://localhost:8080");
    await run("node-1", "docker service update -d --force web");
    const [old, now] = tasks("web");
    expect(old.state).toBe("shutdown");
    expect(now.state).toMatch(/running|starting/);
    const client = /RemoteAddr: ([\d.]+):/.exec(body.stdout)![1];
    // The old task's container is gone, but its lines stay with the task (here, its last one: the request).
    expect(await run("node-1", "docker service logs -n 1 web")).toMatchObject({
      stdout: `web.1.${old.id.slice(0, 12)}@node-2    | ${ACCESS(client, "09:00:00", body.stdout.length)}\n`,
      exitCode: 0,
    });
    expect((await run("node-1", "docker service logs -n 1 web")).stderr).toContain(`web.1.${now.id.slice(0, 12)}@node-2    | `);
  });

  it("-f follows new lines, and new tasks, until Ctrl-C", async () => {
    const { sb, run, tasks } = await lab();
    await run("node-1", "docker service create -d --name web --constraint node.hostname==node-1 --publish 8080:80 nginx");
    const controller = new AbortController();
    const following = sb.exec("node-1", "docker service logs -f -n 0 web", { signal: controller.signal });
    await sb.clock.sleep(1500);
    const body = await run("node-2", "curl -s http://localhost:8080");
    await sb.clock.sleep(1500);
    controller.abort();
    const t = tasks("web")[0];
    const r = await following;
    expect(r.stdout).toMatch(new RegExp(`^web\\.1\\.${t.id.slice(0, 12)}@node-1    \\| 10\\.0\\.0\\.\\d+ - - \\[05/Jan/2026:09:00:01 \\+0000\\] "GET / HTTP/1\\.1" 200 ${body.stdout.length} `));
    expect(r.stdout.split("\n")).toHaveLength(2);
    expect(r.exitCode).toBe(0);
  });

  it("errors as docker prints them", async () => {
    const { run } = await lab();
    await run("node-1", "docker service create -d --name web nginx");
    expect(await run("node-1", "docker service logs nope")).toEqual({ stdout: "", stderr: "no such task or service: nope\n", exitCode: 1 });
    expect(await run("node-1", "docker service logs --tail x web")).toEqual({
      stdout: "",
      stderr: 'Error response from daemon: tail value must be a positive integer or "all"\n',
      exitCode: 1,
    });
    expect(await run("node-1", "docker service logs --tail -1 web")).toEqual({ stdout: "", stderr: "Error response from daemon: negative tail values not supported\n", exitCode: 1 });
    expect(await run("node-1", "docker service logs --since yesterday web")).toEqual({
      stdout: "",
      stderr: 'invalid value for "since": failed to parse value as time or duration: "yesterday"\n',
      exitCode: 1,
    });
    expect((await run("node-2", "docker service logs web")).stderr).toBe(
      "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n",
    );
    expect(await run("node-1", "docker service logs")).toEqual({
      stdout: "",
      stderr: "docker: 'docker service logs' requires 1 argument\n\nUsage:  docker service logs [OPTIONS] SERVICE|TASK\n\nRun 'docker service logs --help' for more information\n",
      exitCode: 1,
    });
  });

  it("prints docker's help", async () => {
    const { run } = await lab();
    expect((await run("node-1", "docker service logs --help")).stdout).toBe(
      `Usage:  docker service logs [OPTIONS] SERVICE|TASK

Fetch the logs of a service or task

Options:
      --details        Show extra details provided to logs
  -f, --follow         Follow log output
      --no-resolve     Do not map IDs to Names in output
      --no-task-ids    Do not include task IDs in output
      --no-trunc       Do not truncate output
      --raw            Do not neatly format logs
      --since string   Show logs since timestamp (e.g.
                       "2013-01-02T13:23:37Z") or relative (e.g. "42m"
                       for 42 minutes)
  -n, --tail string    Number of lines to show from the end of the logs
                       (default "all")
  -t, --timestamps     Show timestamps
`,
    );
  });
});
