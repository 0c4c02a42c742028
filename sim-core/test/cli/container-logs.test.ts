import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";
import { appendLog } from "../../src/engine/logs";

const lab = () => createSandbox({ seed: "logs", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });

const NGINX_OUT = `/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration
/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/
/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh
10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf
10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf
/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh
/docker-entrypoint.sh: Configuration complete; ready for start up
`;
const NGINX_ERR = `2026/01/05 09:00:00 [notice] 1#1: using the "epoll" event method
2026/01/05 09:00:00 [notice] 1#1: nginx/1.27.4
2026/01/05 09:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) 
2026/01/05 09:00:00 [notice] 1#1: OS: Linux 6.8.0-51-generic
2026/01/05 09:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576
2026/01/05 09:00:00 [notice] 1#1: start worker processes
2026/01/05 09:00:00 [notice] 1#1: start worker process 29
2026/01/05 09:00:00 [notice] 1#1: start worker process 30
`;

describe("docker logs", () => {
  it("prints nginx's startup lines (stdout and stderr) and an access-log line per request answered", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker network create mynet");
    await sb.exec("node-1", "docker run -d --name web --network mynet nginx");
    await sb.exec("node-1", "docker run -dit --name debug --network mynet nicolaka/netshoot");
    expect(await sb.exec("node-1", "docker logs web")).toEqual({ stdout: NGINX_OUT, stderr: NGINX_ERR, exitCode: 0 });
    expect((await sb.exec("node-1", "docker exec debug curl -s http://web/index.html")).exitCode).toBe(0);
    const r = await sb.exec("node-1", "docker container logs --tail 1 web");
    expect(r).toEqual({ stdout: '172.18.0.3 - - [05/Jan/2026:09:00:00 +0000] "GET /index.html HTTP/1.1" 200 67 "-" "curl/8.14.1" "-"\n', stderr: "", exitCode: 0 });
    // netshoot's shell prints nothing.
    expect(await sb.exec("node-1", "docker logs debug")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("-t, --details, -n, --since and --until", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker run -d --name web nginx");
    // The tail counts lines of both streams together: the last one is nginx's last notice.
    expect(await sb.exec("node-1", "docker logs -t -n 1 web")).toEqual({
      stdout: "",
      stderr: "2026-01-05T09:00:00.000000000Z 2026/01/05 09:00:00 [notice] 1#1: start worker process 30\n",
      exitCode: 0,
    });
    expect((await sb.exec("node-1", "docker logs --details -n 9 web")).stderr).toBe(" " + NGINX_ERR.split("\n").slice(0, 8).join("\n ") + "\n");
    expect((await sb.exec("node-1", "docker logs -n 0 web")).stdout).toBe("");
    expect((await sb.exec("node-1", "docker logs --since 2026-01-05T09:00:01Z web")).stdout).toBe("");
    expect((await sb.exec("node-1", "docker logs --until 2026-01-05T08:59:59Z web")).stdout).toBe("");
    expect((await sb.exec("node-1", "docker logs --since 10m web")).stdout).toBe(NGINX_OUT);
    expect(await sb.exec("node-1", "docker logs --since yesterday web")).toEqual({
      stdout: "",
      stderr: 'invalid value for "since": failed to parse value as time or duration: "yesterday"\n',
      exitCode: 1,
    });
  });

  it("-f follows new lines until Ctrl-C", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker run -d --name web nginx");
    const web = Object.values(sb.state().hosts["node-1"].containers)[0];
    const controller = new AbortController();
    const running = sb.exec("node-1", "docker logs -f -n 0 web", { signal: controller.signal });
    await sb.clock.sleep(1500);
    const live = sb.world.state.hosts["node-1"].containers[web.id];
    appendLog(live, { at: sb.clock.now(), stream: "stdout", text: "hello" });
    await sb.clock.sleep(1500);
    controller.abort();
    expect(await running).toEqual({ stdout: "hello\n", stderr: "", exitCode: 0 });
  });

  it("errors as docker prints them", async () => {
    const sb = lab();
    expect(await sb.exec("node-1", "docker logs nope")).toEqual({ stdout: "", stderr: "Error response from daemon: No such container: nope\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker logs")).toEqual({
      stdout: "",
      stderr: "docker: 'docker logs' requires 1 argument\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nRun 'docker logs --help' for more information\n",
      exitCode: 1,
    });
  });

  it("keeps the last 200 lines", () => {
    const c = { logs: [] } as unknown as Parameters<typeof appendLog>[0];
    for (let i = 0; i < 250; i++) appendLog(c, { at: i, stream: "stdout", text: `l${i}` });
    expect(c.logs!.length).toBe(200);
    expect(c.logs![0].text).toBe("l50");
  });
});

describe("docker rename", () => {
  it("renames; the embedded DNS answers to the new name", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker network create mynet");
    await sb.exec("node-1", "docker run -d --name web --network mynet nginx");
    await sb.exec("node-1", "docker run -dit --name debug --network mynet alpine");
    expect(await sb.exec("node-1", "docker rename web site")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect((await sb.exec("node-1", "docker ps")).stdout).toMatch(/ site\n/);
    expect((await sb.exec("node-1", "docker exec debug nslookup site")).exitCode).toBe(0);
    expect((await sb.exec("node-1", "docker exec debug nslookup web")).exitCode).toBe(1);
    expect((await sb.exec("node-1", "docker container rename site web")).exitCode).toBe(0);
  });

  it("refuses as the daemon does", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker run -d --name web nginx");
    await sb.exec("node-1", "docker run -dit --name db alpine");
    const db = Object.values(sb.state().hosts["node-1"].containers).find((c) => c.name === "db")!;
    const fail = (stderr: string) => ({ stdout: "", stderr: `failed to rename container: ${stderr}\n`, exitCode: 1 });
    expect(await sb.exec("node-1", "docker rename web db")).toEqual(
      fail(`Error response from daemon: Error when allocating new name: Conflict. The container name "/db" is already in use by container "${db.id}". You have to remove (or rename) that container to be able to reuse that name.`),
    );
    expect(await sb.exec("node-1", "docker rename web web")).toEqual(fail("Error response from daemon: Renaming a container with the same name as its current name"));
    expect(await sb.exec("node-1", "docker rename web 'a b'")).toEqual(
      fail("Error response from daemon: Error when allocating new name: Invalid container name (/a b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"),
    );
    expect(await sb.exec("node-1", "docker rename web ' '")).toEqual(fail("new name cannot be blank"));
    expect(await sb.exec("node-1", "docker rename nope x1")).toEqual(fail("Error response from daemon: No such container: nope"));
    expect(await sb.exec("node-1", "docker rename web")).toEqual({
      stdout: "",
      stderr: "docker: 'docker rename' requires 2 arguments\n\nUsage:  docker rename CONTAINER NEW_NAME\n\nRun 'docker rename --help' for more information\n",
      exitCode: 1,
    });
  });
});
