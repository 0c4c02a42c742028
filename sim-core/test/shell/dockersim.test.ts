import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const bin = path.join(import.meta.dirname, "../../bin/dockersim.js");

function raw(args: string[], input: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

function run(args: string[], input: string): Promise<{ lines: unknown[]; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ lines: out.split("\n").filter(Boolean).map((l) => JSON.parse(l)), stderr: err, code }));
    child.stdin.end(input);
  });
}

describe("dockersim --json", () => {
  it("answers a scripted session line by line, in order, and survives bad input", async () => {
    const script = [
      { node: "node-1", command: "echo hello; false || echo $?" },
      "this is not json",
      [1, 2],
      { node: "node-2", command: "ssh node-9" },
      { node: "node-1", command: "docker nope" },
      { node: "node-1", command: "echo '\u001b[31mred'" },
      { reset: true, nodes: 2, seed: "abc" },
      { node: "node-3", command: "echo gone" },
      { download: "node-1:/tmp/missing.pcap" },
      { hello: 1 },
    ]
      .map((l) => (typeof l === "string" ? l : JSON.stringify(l)))
      .join("\n");
    const { lines, code } = await run(["--json", "--nodes", "3", "--seed", "7"], script + "\n");
    expect(code).toBe(0);
    expect(lines).toEqual([
      { stdout: "hello\n1\n", stderr: "", exitCode: 0 },
      { error: expect.stringMatching(/^invalid JSON: /) },
      { error: "expected a JSON object" },
      { stdout: "", stderr: "ssh: Could not resolve hostname node-9: Name or service not known\n", exitCode: 255 },
      { stdout: "", stderr: "docker: unknown command: docker nope\n\nRun 'docker --help' for more information\n", exitCode: 1 },
      { stdout: "^[[31mred\n", stderr: "", exitCode: 0 },
      { ok: true },
      { stdout: "", stderr: "ssh: Could not resolve hostname node-3: Name or service not known\n", exitCode: 255 },
      { error: "no such file: node-1:/tmp/missing.pcap" },
      { error: 'expected {"node","command"}, {"reset":true} or {"download":"<node>:<path>"}' },
    ]);
  }, 30_000);

  it("keeps background jobs running in virtual time between requests", async () => {
    const script = ["sleep 5 &", "jobs", "sleep 6", "jobs", "sleep 700"].map((command) => JSON.stringify({ node: "node-1", command })).join("\n");
    const { lines } = await run(["--json"], script + "\n");
    expect(lines).toEqual([
      { stdout: "", stderr: "[1] 4242\n", exitCode: 0 },
      { stdout: "[1]+  Running                 sleep 5 &\n", stderr: "", exitCode: 0 },
      { stdout: "", stderr: "[1]+  Done                    sleep 5\n", exitCode: 0 },
      { stdout: "", stderr: "", exitCode: 0 },
      { stdout: "", stderr: "bash: sleep: stopped after 600 s of simulated time (the limit for one command)\n", exitCode: 124 },
    ]);
  }, 30_000);

  it("runs the article's flow across nodes and hands out the capture a background tcpdump wrote", async () => {
    const steps: [string, string][] = [
      ["node-1", "docker swarm init --advertise-addr 192.168.1.10"],
      ["node-2", "docker swarm join --token $(ssh node-1 docker swarm join-token -q worker) 192.168.1.10:2377"],
      ["node-1", "docker network create -d overlay --attachable appnet"],
      ["node-1", "docker service create --name api --replicas 4 --network appnet nginx"],
      ["node-1", "docker run -d --name c1 --network appnet alpine sleep 1d"],
      ["node-2", "tcpdump -i eth0 -n -w /tmp/cap.pcap udp port 4789 &"],
      ["node-1", "docker exec c1 ping -c 2 api"],
      ["node-2", "kill %1"],
    ];
    const script = [...steps.map(([node, command]) => JSON.stringify({ node, command })), JSON.stringify({ download: "node-2:/tmp/cap.pcap" })].join("\n");
    const { lines } = await run(["--json"], script + "\n");
    const results = lines.slice(0, steps.length) as { stdout: string; stderr: string; exitCode: number }[];
    expect(results.map((x) => x.exitCode)).toEqual(steps.map(() => 0));
    expect(results[1].stdout).toBe("This node joined a swarm as a worker.\n");
    expect(results[6].stdout).toContain("2 packets transmitted, 2 packets received, 0% packet loss");
    expect(results[7].stderr).toMatch(/^\d+ packets captured\n[\s\S]*\[1\]\+  Terminated {14}tcpdump -i eth0 -n -w \/tmp\/cap\.pcap udp port 4789\n$/);
    const pcap = Buffer.from((lines[steps.length] as { base64: string }).base64, "base64");
    expect(pcap.readUInt32LE(0)).toBe(0xa1b2c3d4);
    expect(pcap.length).toBeGreaterThan(24);
  }, 30_000);

  it("rejects bad options with a usage line", async () => {
    const { code, stderr } = await run(["--nodes", "zero"], "");
    expect([code, stderr]).toEqual([2, "dockersim: --nodes needs a positive number\nusage: dockersim [--json] [--nodes N] [--seed S]\n"]);
  }, 30_000);
});

describe("dockersim REPL", () => {
  it("prompts node-1$, follows ssh, runs docker, and ends at end of input", async () => {
    const { stdout, stderr, code } = await raw(["--nodes", "2"], "echo hi\nssh node-2\ndocker nope\nssh node-3\nexit\necho back\n");
    expect(code).toBe(0);
    // exit on node-2 ends the ssh login and comes back to node-1, as ssh does; end of input ends dockersim
    expect(stdout).toBe("node-1$ hi\nnode-1$ node-2$ node-2$ node-2$ node-1$ back\nnode-1$ ");
    expect(stderr).toBe(
      "docker: unknown command: docker nope\n\nRun 'docker --help' for more information\nssh: Could not resolve hostname node-3: Name or service not known\nlogout\nConnection to node-2 closed.\n",
    );
  }, 30_000);
});
