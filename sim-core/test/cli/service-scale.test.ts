/** docker service scale as docker 29's scale.go runs it: check every argument, scale each, then follow each. */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 3, seed: "svc-scale", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  const run = (line: string, node = "node-1") => sb.exec(node, line);
  await run("docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await run(`docker swarm join --token ${token} 192.168.1.10:2377`, n);
  await run("docker service create -d --name web nginx");
  await run("docker service create -d --name api --replicas 3 nginx");
  await run("docker service create -d --name agent --mode global alpine sleep 1d");
  return { sb, run };
}

const BAR = `[${"=".repeat(50)}>]`;
const display = (name: string, n: number) =>
  `overall progress: ${n} out of ${n} tasks\n` + Array.from({ length: n }, (_, i) => `${i + 1}/${n}: running   ${BAR}\n`).join("") + `verify: Service ${name} converged\n`;

describe("docker service scale", () => {
  it("scales every service first, then follows each one's convergence by the name given", async () => {
    const { run } = await lab();
    expect(await run("docker service scale web=2 api=1")).toEqual({
      stdout: `web scaled to 2\napi scaled to 1\n${display("web", 2)}${display("api", 1)}`,
      stderr: "",
      exitCode: 0,
    });
    expect(await run("docker service scale -d web=007")).toEqual({ stdout: "web scaled to 7\n", stderr: "", exitCode: 0 });
    expect((await run("docker service ls --format '{{.Name}} {{.Replicas}}'")).stdout).toBe("agent 3/3\napi 1/1\nweb 7/7\n");
  });

  it("keeps going past a bad argument and prints every error at the end, exit 1", async () => {
    const { run } = await lab();
    expect(await run("docker service scale nosuch=2 agent=2 web=abc web=-1 api=2 -d")).toEqual({
      stdout: "api scaled to 2\n",
      stderr:
        "nosuch: Error response from daemon: service nosuch not found\n" +
        "agent: scale can only be used with replicated or replicated-job mode\n" +
        'web: invalid replicas value abc: strconv.ParseUint: parsing "abc": invalid syntax\n' +
        'web: invalid replicas value -1: strconv.ParseUint: parsing "-1": invalid syntax\n',
      exitCode: 1,
    });
  });

  it("refuses a malformed SERVICE=REPLICAS before doing anything", async () => {
    const { run } = await lab();
    for (const arg of ["web", "web=", "=3"]) {
      expect(await run(`docker service scale api=5 ${arg}`)).toEqual({
        stdout: "",
        stderr: `invalid scale specifier '${arg}'.\nSee 'docker service scale --help'.\n\nUsage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services\n`,
        exitCode: 1,
      });
    }
    expect((await run("docker service ls --format '{{.Name}} {{.Replicas}}'")).stdout).toContain("api 3/3\n");
    expect(await run("docker service scale web=2", "node-2")).toEqual({
      stdout: "",
      stderr:
        "web: Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n",
      exitCode: 1,
    });
  });

  it("above 20 tasks shows only the overall count; a global service shows one line per node ID", async () => {
    const { run, sb } = await lab();
    expect(await run("docker service scale api=25")).toEqual({
      stdout: "api scaled to 25\noverall progress: 25 out of 25 tasks\nverify: Service api converged\n",
      stderr: "",
      exitCode: 0,
    });
    const r = await run("docker service create --name mon --mode global alpine sleep 1d");
    const swarm = Object.values(sb.state().swarms)[0];
    const id = Object.values(swarm.services).find((s) => s.name === "mon")!.id;
    const nodeIds = Object.keys(swarm.nodes).sort().map((n) => n.slice(0, 12));
    expect(r.stdout).toBe(`${id}\noverall progress: 3 out of 3 tasks\n${nodeIds.map((n) => `${n}: running   ${BAR}\n`).join("")}verify: Service ${id} converged\n`);
  });
});
