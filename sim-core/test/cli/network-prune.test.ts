import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

const PROMPT = "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ";
const names = async (sb: ReturnType<typeof createSandbox>, node: string) =>
  (await sb.exec(node, "docker network ls --format '{{.Name}}'")).stdout.trim().split("\n");

describe("docker network prune", () => {
  it("asks first; with no answer it stops, prints nothing more and succeeds", async () => {
    const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    await sb.exec("node-1", "docker network create unused");
    expect(await sb.exec("node-1", "docker network prune")).toEqual({ stdout: PROMPT, stderr: "", exitCode: 0 });
    expect((await sb.exec("node-1", "docker network ls")).stdout).toContain(" unused ");
  });

  it("removes bridges without endpoints, keeps bridge/host/none and networks a running container uses", async () => {
    const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    for (const n of ["a", "b", "c"]) await sb.exec("node-1", `docker network create ${n}`);
    await sb.exec("node-1", "docker run -d --name web --network b nginx");
    await sb.exec("node-1", "docker run -dit --name old --network c alpine");
    await sb.exec("node-1", "docker stop old");
    expect(await sb.exec("node-1", "docker network prune -f")).toEqual({ stdout: "Deleted Networks:\na\nc\n\n", stderr: "", exitCode: 0 });
    expect(await sb.exec("node-1", "docker network prune --force")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect((await sb.exec("node-1", "docker network ls")).stdout).toMatch(/ b +bridge +local\n/);
  });

  it("on a manager prunes unused overlays but never ingress; docker_gwbridge only after leaving the swarm", async () => {
    const sb = createSandbox({ nodes: 2, shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
    await sb.exec("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
    for (const n of ["idle", "svcnet", "attach"]) await sb.exec("node-1", `docker network create -d overlay --attachable ${n}`);
    await sb.exec("node-1", "docker service create -d --name api --network svcnet nginx");
    await sb.exec("node-2", "docker run -dit --name dbg --network attach alpine");
    expect((await sb.exec("node-2", "docker network prune -f")).stdout).toBe("");
    expect(await sb.exec("node-1", "docker network prune -f")).toEqual({ stdout: "Deleted Networks:\nidle\n\n", stderr: "", exitCode: 0 });
    expect(await names(sb, "node-1")).toEqual(["attach", "bridge", "docker_gwbridge", "host", "ingress", "none", "svcnet"]);
    await sb.exec("node-2", "docker rm -f dbg");
    await sb.exec("node-2", "docker swarm leave");
    expect(await sb.exec("node-2", "docker network prune -f")).toEqual({ stdout: "Deleted Networks:\ndocker_gwbridge\n\n", stderr: "", exitCode: 0 });
    expect(await sb.exec("node-1", "docker network prune -f")).toEqual({ stdout: "Deleted Networks:\nattach\n\n", stderr: "", exitCode: 0 });
  });

  it("filters by label and by age; bad filters fail as the CLI and the daemon say", async () => {
    const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    await sb.exec("node-1", "docker network create --label keep=yes kept");
    await sb.exec("node-1", "docker network create --label env=dev dev");
    await sb.exec("node-1", "sleep 3600");
    await sb.exec("node-1", "docker network create fresh");
    expect((await sb.exec("node-1", "docker network prune -f --filter label=env=dev")).stdout).toBe("Deleted Networks:\ndev\n\n");
    expect((await sb.exec("node-1", "docker network prune -f --filter until=30m --filter label!=keep")).stdout).toBe("");
    expect((await sb.exec("node-1", "docker network prune -f --filter label!=keep")).stdout).toBe("Deleted Networks:\nfresh\n\n");
    expect(await sb.exec("node-1", "docker network prune -f --filter nope=1")).toEqual({ stdout: "", stderr: "Error response from daemon: invalid filter 'nope'\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker network prune -f --filter until=soon")).toEqual({
      stdout: "",
      stderr: 'Error response from daemon: failed to parse value as time or duration: "soon"\n',
      exitCode: 1,
    });
    expect(await sb.exec("node-1", "docker network prune -f --filter nope")).toEqual({
      stdout: "",
      stderr: 'invalid argument "nope" for "--filter" flag: bad format of filter (expected name=value)\n\nUsage:  docker network prune [OPTIONS]\n\nRun \'docker network prune --help\' for more information\n',
      exitCode: 125,
    });
  });
});
