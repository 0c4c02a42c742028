/**
 * `docker run -d IMAGE <one-shot command>`: docker prints the container's ID and returns at once; the
 * command runs on in the container in virtual time (its output is the container's log), until it ends by
 * itself, or `docker stop` / `rm -f` end it.
 */
import { describe, expect, it } from "vitest";
import { createLab, type Lab } from "../../src/lab";

const ID = /^[0-9a-f]{64}\n$/;

async function swarmLab(): Promise<Lab> {
  const lab = createLab({ seed: "detached" });
  for (const line of ["docker swarm init", "docker network create -d overlay --attachable appnet", "docker service create -d --name web --network appnet nginx"]) {
    expect((await lab.exec("node-1", line)).exitCode).toBe(0);
  }
  return lab;
}

const status = async (lab: Lab, name: string) =>
  (await lab.exec("node-1", `docker ps -a --filter name=^${name}$ --format '{{.Status}}'`)).stdout.trim();
const logLines = async (lab: Lab, name: string) => (await lab.exec("node-1", `docker logs ${name}`)).stdout.split("\n").filter(Boolean);

describe("docker run -d with a long-running command", () => {
  it("prints the ID and returns at once while the container pings on", async () => {
    const lab = await swarmLab();
    const before = lab.now();
    const r = await lab.exec("node-1", "docker run -d --name c1 --network appnet alpine ping web");
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(ID);
    expect(lab.now()).toBe(before);
    expect(lab.prompt("node-1")).toBe("node-1$ ");
    const plain = await lab.exec("node-1", "docker run -d alpine ping 127.0.0.1");
    expect([plain.stdout, plain.stderr, plain.exitCode]).toEqual([expect.stringMatching(ID), "", 0]);
    expect(lab.now()).toBe(before);
    expect(await status(lab, "c1")).toMatch(/^Up /);

    // The log fills up as virtual time passes (here while a foreground command runs): a reply a second.
    await lab.exec("node-1", "sleep 3");
    const lines = await logLines(lab, "c1");
    expect(lines[0]).toBe("PING web (10.0.1.2): 56 data bytes");
    expect(lines.slice(1).map((l) => /seq=(\d+)/.exec(l)?.[1])).toEqual(["0", "1", "2"]);
    expect((await lab.exec("node-1", "docker ps --format '{{.Names}} {{.Status}}' --filter name=c1")).stdout).toBe("c1 Up 3 seconds\n");
  });

  it("runs on past the foreground time limit (it used to end there, Exited (124))", async () => {
    const lab = await swarmLab();
    await lab.exec("node-1", "docker run -d --name c1 --network appnet alpine ping web");
    await lab.exec("node-1", "sleep 599");
    await lab.exec("node-1", "sleep 10");
    expect(await status(lab, "c1")).toBe("Up 10 minutes");
    expect((await logLines(lab, "c1")).at(-1)).toMatch(/^64 bytes from 10\.0\.1\.2: seq=608 /);
  });

  it("docker logs -f follows the lines as they come, until Ctrl-C", async () => {
    const lab = await swarmLab();
    await lab.exec("node-1", "docker run -d --name c1 --network appnet alpine ping web");
    const ac = new AbortController();
    const seen: string[] = [];
    const r = await lab.exec("node-1", "docker logs -f --tail 1 c1", {
      signal: ac.signal,
      onOutput: ({ text }) => {
        seen.push(text);
        if (seen.length === 4) ac.abort();
      },
    });
    expect(r.exitCode).toBe(0);
    expect(seen.map((l) => /seq=(\d+)/.exec(l)?.[1])).toEqual(["0", "1", "2", "3"]);
  });

  it("docker stop waits out the grace period (busybox ping as PID 1 ignores SIGTERM) and the container exits 137; rm -f removes it", async () => {
    const lab = await swarmLab();
    await lab.exec("node-1", "docker run -d --name c1 --network appnet alpine ping web");
    const t0 = lab.now();
    expect(await lab.exec("node-1", "docker stop c1")).toEqual({ stdout: "c1\n", stderr: "", exitCode: 0 });
    expect(lab.now() - t0).toBe(10_000);
    expect(await status(lab, "c1")).toBe("Exited (137) Less than a second ago");
    const stopped = await logLines(lab, "c1");
    await lab.exec("node-1", "sleep 5");
    // The process ended with the container: nothing more in its log (not even ping's summary).
    expect(await logLines(lab, "c1")).toEqual(stopped);
    expect(stopped.at(-1)).toMatch(/^64 bytes from .*seq=9 /);

    // docker start runs the command again.
    await lab.exec("node-1", "docker start c1");
    await lab.exec("node-1", "sleep 2");
    expect(await status(lab, "c1")).toMatch(/^Up /);
    expect((await logLines(lab, "c1")).slice(stopped.length)).toEqual(["PING web (10.0.1.2): 56 data bytes", expect.stringMatching(/seq=0 /), expect.stringMatching(/seq=1 /)]);

    expect(await lab.exec("node-1", "docker rm -f c1")).toEqual({ stdout: "c1\n", stderr: "", exitCode: 0 });
    expect(await status(lab, "c1")).toBe("");
    await lab.exec("node-1", "sleep 2");
    expect((await lab.exec("node-1", "docker ps -a --format '{{.Names}}'")).stdout).not.toContain("c1");
  });

  it("a command that ends exits the container with its code, and --rm removes it", async () => {
    const lab = await swarmLab();
    // One that ends at once has ended when docker run returns.
    expect((await lab.exec("node-1", "docker run -d --name quick alpine echo hello; docker ps -a --format '{{.Names}} {{.Status}}' -f name=quick")).stdout).toMatch(
      /^[0-9a-f]{64}\nquick Exited \(0\) Less than a second ago\n$/,
    );
    expect((await lab.exec("node-1", "docker logs quick")).stdout).toBe("hello\n");
    expect((await lab.exec("node-1", "docker run -d --name counted alpine ping -c 2 127.0.0.1")).stdout).toMatch(ID);
    expect((await lab.exec("node-1", "docker run -d --rm --name gone alpine ping -c 2 127.0.0.1")).stdout).toMatch(ID);
    expect((await lab.exec("node-1", "docker run -d --name lost --network appnet alpine ping -c 1 -w 1 nowhere")).stdout).toMatch(ID);
    expect(await status(lab, "counted")).toMatch(/^Up /);
    await lab.exec("node-1", "sleep 2");
    expect(await status(lab, "counted")).toBe("Exited (0) 1 second ago");
    expect(await status(lab, "gone")).toBe("");
    expect(await status(lab, "lost")).toBe("Exited (1) 2 seconds ago");
    expect((await logLines(lab, "counted")).at(-2)).toBe("2 packets transmitted, 2 packets received, 0% packet loss");
    expect(await lab.exec("node-1", "docker logs lost")).toEqual({ stdout: "", stderr: "ping: bad address 'nowhere'\n", exitCode: 0 });
  });

  it("a command the image lacks fails as runc does (the ID, then exit 127; the container stays Created)", async () => {
    const lab = await swarmLab();
    const r = await lab.exec("node-1", "docker run -d --name noping nginx ping web");
    expect(r.stdout).toMatch(ID);
    expect(r.stderr).toContain('exec: "ping": executable file not found in $PATH: unknown\n\nRun \'docker run --help\' for more information\n');
    expect(r.exitCode).toBe(127);
    expect(await status(lab, "noping")).toBe("Created");
  });

  it("after a restore, the restored world's detached processes start again", async () => {
    const lab = await swarmLab();
    await lab.exec("node-1", "docker run -d --name c1 --network appnet alpine ping web");
    await lab.exec("node-1", "sleep 2");
    const saved = lab.snapshot();
    await lab.exec("node-1", "sleep 1");
    const before = Object.values(lab.sandbox.world.state.hosts["node-1"].containers).find((c) => c.name === "c1")!;
    lab.restore(saved);
    await lab.exec("node-1", "sleep 2");
    // The process of the world before the restore ended with it.
    const frozen = before.logs?.length;
    await lab.exec("node-1", "sleep 2");
    expect(before.logs?.length).toBe(frozen);
    expect(await status(lab, "c1")).toBe("Up 6 seconds");
    // It starts from its beginning (the process is not part of the world's state), and goes on.
    const lines = (await logLines(lab, "c1")).map((l) => /seq=(\d+)/.exec(l)?.[1] ?? l);
    expect(lines).toEqual(["PING web (10.0.1.2): 56 data bytes", "0", "1", "PING web (10.0.1.2): 56 data bytes", "0", "1", "2", "3"]);
  });
});
