/** busybox wget inside alpine: the body, busybox's stderr lines, its errors, and the access log it leaves. */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 2, seed: "wget", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  const run = (node: string, line: string) => sb.exec(node, line);
  await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("node-1", "docker swarm join-token -q worker")).stdout.trim();
  await run("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
  await run("node-1", "docker network create -d overlay --attachable appnet");
  await run("node-1", "docker service create -d --name web --constraint node.hostname==node-2 --network appnet nginx");
  await run("node-1", "docker run -dit --name ca --network appnet alpine");
  const swarm = Object.values(sb.state().swarms)[0];
  const appnet = Object.values(swarm.networks).find((n) => n.name === "appnet")!;
  const vip = Object.values(swarm.services)[0].vips[appnet.id];
  const me = Object.values(sb.state().hosts["node-1"].containers).find((c) => c.name === "ca")!.addresses[appnet.id];
  return { sb, run, vip, me };
}

const BAR = "*".repeat(32);

describe("wget", () => {
  it("-qO- prints the body alone; the task's nginx logs the request with wget's agent", async () => {
    const { run, me } = await lab();
    const r = await run("node-1", "docker exec ca wget -qO- http://web");
    expect(r.stdout).toMatch(new RegExp(`^Hostname: [0-9a-f]{12}\\nIP: 10\\.0\\.1\\.\\d+\\nRemoteAddr: ${me.replaceAll(".", "\\.")}:\\d+\\n$`));
    expect(r).toMatchObject({ stderr: "", exitCode: 0 });
    expect(await run("node-1", "docker service logs --raw -n 1 web")).toEqual({
      stdout: `${me} - - [05/Jan/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 ${r.stdout.length} "-" "Wget" "-"\n`,
      stderr: "",
      exitCode: 0,
    });
  });

  it("-S: the status line and headers as read, two spaces in, the empty line too, -q or not (wget.c fgets_trim_sanitize)", async () => {
    const { run, vip } = await lab();
    const r = await run("node-1", "docker exec ca wget -S -O - http://web");
    const n = r.stdout.length;
    const head = `  HTTP/1.1 200 OK\n  Date: Mon, 05 Jan 2026 09:00:00 GMT\n  Content-Length: ${n}\n  Content-Type: text/plain; charset=utf-8\n  \n`;
    expect(r.stderr).toBe(`Connecting to web (${vip}:80)\n${head}writing to stdout\n-                    100% |${BAR}| ${String(n).padStart(5)}  0:00:00 ETA\nwritten to stdout\n`);
    const quiet = await run("node-1", "docker exec ca wget -q -S -O - http://web");
    expect(quiet.stderr).toBe(head.replace(`${n}`, `${quiet.stdout.length}`));
  });

  it("without -q: Connecting to, writing to stdout, the progress line and written to stdout, on stderr", async () => {
    const { run, vip } = await lab();
    const r = await run("node-1", "docker exec ca wget -O- http://web");
    expect(r.stderr).toBe(`Connecting to web (${vip}:80)\nwriting to stdout\n-                    100% |${BAR}|    ${r.stdout.length}  0:00:00 ETA\nwritten to stdout\n`);
    expect(r.stdout).toMatch(/^Hostname: /);
    expect(r.exitCode).toBe(0);
  });

  it("without -O it saves the URL's file name, index.html for a bare path", async () => {
    const { run, vip } = await lab();
    const r = await run("node-1", "docker exec ca wget http://web");
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^Connecting to web \\(${vip.replaceAll(".", "\\.")}:80\\)\\nsaving to 'index\\.html'\\nindex\\.html {11}100% \\|\\*{32}\\|    6\\d  0:00:00 ETA\\n'index\\.html' saved\\n$`));
    expect((await run("node-1", "docker exec ca wget -O /tmp/page http://web/a/b.html")).stderr).toMatch(/\nsaving to '\/tmp\/page'\npage {17}100% .*\n'\/tmp\/page' saved\n$/);
  });

  it("errors: a bad address, a closed port, and a dropped path until the kernel or -T gives up", async () => {
    const { sb, run, vip } = await lab();
    expect(await run("node-1", "docker exec ca wget -q http://nope")).toEqual({ stdout: "", stderr: "wget: bad address 'nope'\n", exitCode: 1 });
    expect(await run("node-1", "docker exec ca wget http://web:8080")).toEqual({
      stdout: "",
      stderr: `Connecting to web (${vip}:8080)\nwget: can't connect to remote host (${vip}): Connection refused\n`,
      exitCode: 1,
    });
    await run("node-2", "iptables -A INPUT -p udp --dport 4789 -j DROP");
    let start = sb.clock.now();
    expect(await run("node-1", "docker exec ca wget -q -T 5 http://web")).toEqual({ stdout: "", stderr: "wget: download timed out\n", exitCode: 1 });
    expect(sb.clock.now() - start).toBe(5000);
    start = sb.clock.now();
    expect(await run("node-1", "docker exec ca wget -qO- http://web")).toEqual({ stdout: "", stderr: `wget: can't connect to remote host (${vip}): Operation timed out\n`, exitCode: 1 });
    expect(sb.clock.now() - start).toBe(127_000);
  });

  it("is busybox's: nginx has none", async () => {
    const { run } = await lab();
    await run("node-1", "docker run -d --name cn --network appnet nginx");
    expect((await run("node-1", "docker exec cn wget -qO- http://web")).exitCode).toBe(127);
  });
});
