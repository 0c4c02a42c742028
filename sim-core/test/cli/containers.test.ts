import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

const lab = () => createSandbox({ seed: "ctr", shell: shellFactory({ docker: DOCKER_COMMANDS }) });

describe("docker stop / start / rm", () => {
  it("stops, restarts (back on its network) and removes a standalone container", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker network create mynet");
    await sb.exec("node-1", "docker run -d --name web --network mynet nginx");
    expect(await sb.exec("node-1", "docker stop web")).toEqual({ stdout: "web\n", stderr: "", exitCode: 0 });
    expect((await sb.exec("node-1", "docker ps -q")).stdout).toBe("");
    expect((await sb.exec("node-1", "docker ps -a")).stdout).toMatch(/Exited \(0\) Less than a second ago\s+80\/tcp\s+web\n$/);
    expect((await sb.exec("node-1", "docker start web")).exitCode).toBe(0);
    expect(Object.values(Object.values(sb.state().hosts["node-1"].containers)[0].addresses)).toEqual(["172.18.0.3"]);
    expect(await sb.exec("node-1", "docker rm web")).toEqual({
      stdout: "",
      stderr: 'Error response from daemon: cannot remove container "/web": container is running: stop the container before removing or force remove\n',
      exitCode: 1,
    });
    expect(await sb.exec("node-1", "docker rm -f web")).toEqual({ stdout: "web\n", stderr: "", exitCode: 0 });
    expect(await sb.exec("node-1", "docker rm web")).toEqual({ stdout: "", stderr: "Error response from daemon: No such container: web\n", exitCode: 1 });
  });

  it("removing a task's container fails the task; the restart policy brings a replacement after its delay", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker swarm init");
    await sb.exec("node-1", "docker service create -d --name api --replicas 1 nginx");
    const taskContainer = Object.values(sb.state().hosts["node-1"].containers)[0];
    expect((await sb.exec("node-1", `docker rm -f ${taskContainer.name}`)).exitCode).toBe(0);
    let ps = (await sb.exec("node-1", "docker service ps api")).stdout.split("\n");
    expect(ps[1]).toMatch(/api\.1 .*Ready\s+Ready/);
    expect(ps[2]).toMatch(/ \\_ api\.1 .*Shutdown\s+Failed .*"task: non-zero exit \(137\)"/);
    await sb.exec("node-1", "sleep 5");
    ps = (await sb.exec("node-1", "docker service ps api")).stdout.split("\n");
    expect(ps[1]).toMatch(/api\.1 .*Running\s+Running/);
  });

  it("docker stop on a task's nginx container: the task completes (exit 0) and is restarted too", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker swarm init");
    await sb.exec("node-1", "docker service create -d --name api --replicas 1 nginx");
    const taskContainer = Object.values(sb.state().hosts["node-1"].containers)[0];
    expect(await sb.exec("node-1", `docker stop ${taskContainer.name}`)).toEqual({ stdout: `${taskContainer.name}\n`, stderr: "", exitCode: 0 });
    await sb.exec("node-1", "sleep 5");
    const ps = (await sb.exec("node-1", "docker service ps --format '{{.Name}} {{.CurrentState}}' api")).stdout.split("\n");
    expect(ps[0]).toMatch(/^api\.1 Running /);
    expect(ps[1]).toMatch(/^api\.1 Complete 5 seconds ago$/);
  });
});
