import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

const lab = () => createSandbox({ seed: "run", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
const names = async (sb: ReturnType<typeof lab>, flags = "-a") => (await sb.exec("node-1", `docker ps ${flags} --format '{{.Names}} {{.Status}}'`)).stdout;

describe("docker run: the main process decides", () => {
  it("runs the article's one-shot ping in a fresh container, prints it, and --rm removes the container", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker network create mynet");
    await sb.exec("node-1", "docker run -d --name web --network mynet nginx");
    const r = await sb.exec("node-1", "docker run --rm --network mynet alpine ping -c 2 web");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^PING web \(172\.18\.0\.2\): 56 data bytes\n64 bytes from 172\.18\.0\.2: seq=0 ttl=64 time=[\d.]+ ms\n64 bytes from 172\.18\.0\.2: seq=1 /);
    expect(r.stdout).toContain("2 packets transmitted, 2 packets received, 0% packet loss");
    expect(await names(sb)).toBe("web Up 1 second\n");
  });

  it("a one-shot command exits with its code; its output is the container's log", async () => {
    const sb = lab();
    expect(await sb.exec("node-1", "docker run --name hi alpine echo hello")).toEqual({ stdout: "hello\n", stderr: "", exitCode: 0 });
    expect((await sb.exec("node-1", "docker logs hi")).stdout).toBe("hello\n");
    expect((await sb.exec("node-1", "docker run --name lookup alpine nslookup nowhere")).exitCode).toBe(1);
    expect(await names(sb)).toBe("lookup Exited (1) Less than a second ago\nhi Exited (0) Less than a second ago\n");
  });

  it("a shell without -i or -t exits at once (so exec finds it stopped); -dit keeps it running", async () => {
    const sb = lab();
    const id = (await sb.exec("node-1", "docker run -d --name quick alpine")).stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect((await sb.exec("node-1", "docker ps -q")).stdout).toBe("");
    expect(await sb.exec("node-1", "docker exec quick hostname")).toEqual({ stdout: "", stderr: `Error response from daemon: container ${id} is not running\n`, exitCode: 1 });
    await sb.exec("node-1", "docker run -dit --name kept -h box alpine");
    expect(await sb.exec("node-1", "docker exec kept hostname")).toEqual({ stdout: "box\n", stderr: "", exitCode: 0 });
    await sb.exec("node-1", "docker run -d --name sleeper alpine sleep 1d");
    expect(await names(sb, "")).toBe("sleeper Up Less than a second\nkept Up Less than a second\n");
    expect((await sb.exec("node-1", "docker ps --format '{{.Command}}' -f name=sleeper")).stdout).toBe('"sleep 1d"\n');
  });

  it("a command the image does not have fails as runc does, leaving the container Created", async () => {
    const sb = lab();
    expect(await sb.exec("node-1", "docker run --name nope alpine dig web")).toEqual({
      stdout: "",
      stderr:
        'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "dig": executable file not found in $PATH: unknown\n\nRun \'docker run --help\' for more information\n',
      exitCode: 127,
    });
    expect(await names(sb)).toBe("nope Created\n");
  });

  it("refuses flags it does not model, in one clear line", async () => {
    const sb = lab();
    expect(await sb.exec("node-1", "docker run -v /data:/data alpine")).toEqual({
      stdout: "",
      stderr: "docker: --volume is not supported in this simulator (it models names, networks, ports, environment, labels, hostnames, -d, -i, -t and --rm)\n\nRun 'docker run --help' for more information\n",
      exitCode: 125,
    });
  });
});

describe("docker run -p", () => {
  it("publishes on the host: docker ps shows it, a client on another node reaches it and is seen as itself", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker run -d --name web -p 8080:80 nginx");
    expect((await sb.exec("node-1", "docker ps --format '{{.Ports}}'")).stdout).toBe("0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n");
    const r = await sb.exec("node-2", "curl -s 192.168.1.10:8080");
    expect(r.stdout).toMatch(/^Hostname: [0-9a-f]{12}\nIP: 172\.17\.0\.2\nRemoteAddr: 192\.168\.1\.20:\d+\n$/);
    // From the host itself, docker-proxy connects from the bridge's gateway.
    expect((await sb.exec("node-1", "curl -s localhost:8080")).stdout).toContain("RemoteAddr: 172.17.0.1:");
    expect((await sb.exec("node-1", "docker logs web")).stdout).toMatch(/192\.168\.1\.20 - - \[05\/Jan\/2026:09:00:0\d \+0000\] "GET \/ HTTP\/1\.1" 200/);
  });

  it("a port can be bound once; -P picks ports from 32768; bad specs fail as the CLI's parser says", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker run -d --name web -p 8080:80 nginx");
    const again = await sb.exec("node-1", "docker run -d --name web2 -p 8080:80 nginx");
    expect(again.exitCode).toBe(125);
    expect(again.stderr).toMatch(/^docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint web2 \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n/);
    await sb.exec("node-1", "docker run -d --name auto -P nginx");
    expect((await sb.exec("node-1", "docker ps -l --format '{{.Ports}}'")).stdout).toBe("0.0.0.0:32768->80/tcp, [::]:32768->80/tcp\n");
    for (const [spec, error] of [["abc", "invalid containerPort: abc"], ["abc:80", "invalid hostPort: abc"], ["80/xyz", "invalid proto: xyz"], ["1.2.3:80:80", "invalid IP address: 1.2.3"]]) {
      expect((await sb.exec("node-1", `docker run -p ${spec} nginx`)).stderr).toBe(`docker: ${error}\n\nRun 'docker run --help' for more information\n`);
    }
  });
});

describe("docker stop", () => {
  it("waits the timeout for a shell that ignores SIGTERM, then it is killed (137); nginx quits at once (0)", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker run -dit --name sh alpine");
    await sb.exec("node-1", "docker run -d --name web nginx");
    const before = sb.clock.now();
    await sb.exec("node-1", "docker stop web");
    expect(sb.clock.now() - before).toBeLessThan(1000);
    await sb.exec("node-1", "docker stop sh");
    expect(sb.clock.now() - before).toBeGreaterThanOrEqual(10000);
    expect((await sb.exec("node-1", "docker ps -a --format '{{.Names}} {{.Status}}'")).stdout).toMatch(/^web Exited \(0\) 10 seconds ago\nsh Exited \(137\) Less than a second ago\n$/);
  });
});

describe("docker ps --filter and --format", () => {
  it("filters by status, name, exit code, network and is-task, and prints JSON rows with docker's keys", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker network create mynet");
    await sb.exec("node-1", "docker run -dit --name ca --network mynet --label tier=web alpine");
    await sb.exec("node-1", "docker run --name cb alpine false");
    const fmt = "--format '{{.Names}}'";
    expect((await sb.exec("node-1", `docker ps -f status=exited ${fmt}`)).stdout).toBe("cb\n");
    expect((await sb.exec("node-1", `docker ps -a -f exited=1 ${fmt}`)).stdout).toBe("cb\n");
    expect((await sb.exec("node-1", `docker ps -f network=mynet ${fmt}`)).stdout).toBe("ca\n");
    expect((await sb.exec("node-1", `docker ps -f label=tier=web ${fmt}`)).stdout).toBe("ca\n");
    expect((await sb.exec("node-1", `docker ps -a -f is-task=true ${fmt}`)).stdout).toBe("");
    expect((await sb.exec("node-1", "docker ps -n 1 --format '{{.Names}} {{.State}}'")).stdout).toBe("cb exited\n");
    const row = JSON.parse((await sb.exec("node-1", "docker ps --format json")).stdout);
    expect(Object.keys(row)).toEqual(["Command", "CreatedAt", "ID", "Image", "Labels", "LocalVolumes", "Mounts", "Names", "Networks", "Ports", "RunningFor", "Size", "State", "Status"]);
    expect(row).toMatchObject({ Names: "ca", Networks: "mynet", Labels: "tier=web", State: "running", Command: '"/bin/sh"' });
    expect(await sb.exec("node-1", "docker ps -f status=sleeping")).toEqual({ stdout: "", stderr: "Error response from daemon: invalid filter 'status=sleeping'\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker ps -f colour=red")).toEqual({ stdout: "", stderr: "Error response from daemon: invalid filter 'colour'\n", exitCode: 1 });
  });
});

describe("programs every image has", () => {
  it("env shows docker's environment: the image's, HOSTNAME, -e, HOME; exec adds its own -e", async () => {
    const sb = lab();
    const r = await sb.exec("node-1", "docker run --name ce -h box -e FOO=bar alpine env");
    expect(r).toEqual({ stdout: "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=box\nFOO=bar\nHOME=/root\n", stderr: "", exitCode: 0 });
    await sb.exec("node-1", "docker run -dit --name cs alpine");
    expect(await sb.exec("node-1", "docker exec -e X=1 cs printenv X")).toEqual({ stdout: "1\n", stderr: "", exitCode: 0 });
    expect((await sb.exec("node-1", "docker exec cs printenv X")).exitCode).toBe(1);
    expect(await sb.exec("node-1", "docker exec cs echo hi there")).toEqual({ stdout: "hi there\n", stderr: "", exitCode: 0 });
    const before = sb.clock.now();
    expect((await sb.exec("node-1", "docker exec cs sleep 2")).exitCode).toBe(0);
    expect(sb.clock.now() - before).toBe(2000);
    expect(await sb.exec("node-1", "docker exec cs sleep soon")).toEqual({ stdout: "", stderr: "sleep: invalid number 'soon'\n", exitCode: 1 });
  });
});
