/**
 * Background jobs in the host shell, as bash runs them: `&` puts the whole and-or list in the background
 * (`[N] PID`), the job keeps the location it started at (the pane's prompt never moves), its output is
 * written to the terminal as it comes, and `[N]+  Done …` (the whole job text) before a later prompt.
 */
import { describe, expect, it } from "vitest";
import { createLab, type Lab } from "../../src/lab";
import type { OutputChunk } from "../../src/model/exec";

const DONE = (n: number, text: string, mark = "+") => `[${n}]${mark}  ${"Done".padEnd(24)}${text}\n`;

/** Runs a line and keeps what was streamed to the terminal. */
async function run(lab: Lab, line: string, node = "node-1") {
  const chunks: OutputChunk[] = [];
  const res = await lab.exec(node, line, { onOutput: (c) => chunks.push(c) });
  return { ...res, streamed: chunks.map((c) => c.text).join("") };
}

describe("background jobs (&)", () => {
  it("backgrounds the whole and-or list: its output comes when it runs, then bash's Done line with the job's text", async () => {
    const lab = createLab({ seed: "jobs" });
    const t0 = lab.now();
    expect(await run(lab, "sleep 1 && echo hi-from-bg &")).toMatchObject({ stdout: "", stderr: "[1] 4242\n", exitCode: 0 });
    // The line returns at once: the sleep is the job's, not the line's.
    expect(lab.now()).toBe(t0);
    expect(await run(lab, "jobs")).toMatchObject({ stdout: "[1]+  Running                 sleep 1 && echo hi-from-bg &\n" });
    const later = await run(lab, "sleep 2");
    expect(later).toMatchObject({ stdout: "hi-from-bg\n", stderr: DONE(1, "sleep 1 && echo hi-from-bg"), exitCode: 0 });
    // …and it reaches the terminal (onOutput), not only the result.
    expect(later.streamed).toBe(`hi-from-bg\n${DONE(1, "sleep 1 && echo hi-from-bg")}`);
    expect(await run(lab, "jobs")).toMatchObject({ stdout: "", stderr: "" });
  });

  it("prints what a job writes at once after [N] PID, and the Done notice at the next prompt (an empty Enter too)", async () => {
    const lab = createLab({ seed: "jobs" });
    const r = await run(lab, "echo hi &");
    expect(r).toMatchObject({ stdout: "hi\n", stderr: "[1] 4242\n" });
    expect(r.streamed).toBe("[1] 4242\nhi\n");
    expect(await run(lab, "")).toMatchObject({ stdout: "", stderr: DONE(1, "echo hi"), streamed: DONE(1, "echo hi") });
    expect(await run(lab, "")).toMatchObject({ stdout: "", stderr: "" });
    // A failing job: `Exit N`; $? after `&` is 0.
    expect(await run(lab, "false || nosuch &")).toMatchObject({ stderr: "[1] 4243\nbash: nosuch: command not found\n", exitCode: 0 });
    expect(await run(lab, "true")).toMatchObject({ stderr: `[1]+  ${"Exit 127".padEnd(24)}false || nosuch\n` });
  });

  it("docker exec … & keeps the host prompt, streams the ping lines as they come, then reports Done", async () => {
    const lab = createLab({ seed: "jobs" });
    await run(lab, "docker run -dit --name c1 alpine");
    const started = await run(lab, "docker exec c1 ping -c 3 127.0.0.1 &");
    expect(started.stderr).toBe("[1] 4242\n");
    expect(started.streamed).toMatch(/^\[1\] 4242\nPING 127\.0\.0\.1 \(127\.0\.0\.1\): 56 data bytes\n64 bytes from 127\.0\.0\.1: seq=0 /);
    expect(lab.prompt("node-1")).toBe("node-1$ ");
    // The session is still on the host: docker works while the job runs in the container.
    const ps = await run(lab, "docker ps --format '{{.Names}}'");
    expect(ps).toMatchObject({ stdout: "c1\n", stderr: "", exitCode: 0 });
    const later = await run(lab, "sleep 3");
    expect(later.streamed).toMatch(/^64 bytes from 127\.0\.0\.1: seq=1 [^\n]*\n64 bytes from 127\.0\.0\.1: seq=2 [^\n]*\n\n--- 127\.0\.0\.1 ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\nround-trip [^\n]*\n/);
    expect(later.stderr).toBe(DONE(1, "docker exec c1 ping -c 3 127.0.0.1"));
    expect(lab.prompt("node-1")).toBe("node-1$ ");
  });

  it("a job started in a container shell stays there while the pane leaves it", async () => {
    const lab = createLab({ seed: "jobs" });
    await run(lab, "docker run -dit --name c1 alpine");
    await run(lab, "docker exec -it c1 sh");
    expect(lab.prompt("node-1")).toBe("/ # ");
    expect((await run(lab, "ping -c 2 127.0.0.1 &")).stderr).toBe("[1] 4242\n");
    expect((await run(lab, "exit")).exitCode).toBe(0);
    expect(lab.prompt("node-1")).toBe("node-1$ ");
    const later = await run(lab, "sleep 2");
    expect(later.stdout).toContain("2 packets transmitted, 2 packets received");
    expect(later.stderr).toBe(DONE(1, "ping -c 2 127.0.0.1"));
  });

  it("output that comes while the pane is idle goes to onBackgroundOutput as it happens", async () => {
    const idle: { node: string; text: string }[] = [];
    const lab = createLab({ seed: "jobs", onBackgroundOutput: (node, c) => idle.push({ node, text: c.text }) });
    await run(lab, "sleep 1 && echo hi-from-bg &");
    // With instant pacing, the job's one-second step goes on while nothing runs, and no further.
    for (let i = 0; i < 20 && idle.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(idle).toEqual([{ node: "node-1", text: "hi-from-bg\n" }]);
    expect(await run(lab, "")).toMatchObject({ stdout: "", stderr: DONE(1, "sleep 1 && echo hi-from-bg") });
  });

  it("without onBackgroundOutput, idle output comes first in the next line's terminal output", async () => {
    const lab = createLab({ seed: "jobs" });
    await run(lab, "sleep 1 && echo hi-from-bg &");
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await run(lab, "echo next")).toMatchObject({ stdout: "hi-from-bg\nnext\n", streamed: `hi-from-bg\nnext\n${DONE(1, "sleep 1 && echo hi-from-bg")}` });
  });

  it("an idle background sleep moves virtual time one step at most", async () => {
    const lab = createLab({ seed: "jobs" });
    const t0 = lab.now();
    await run(lab, "sleep 100 &");
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lab.now() - t0).toBeLessThanOrEqual(1000);
    expect(await run(lab, "kill %1")).toMatchObject({ stderr: `[1]+  ${"Terminated".padEnd(24)}sleep 100\n` });
  });

  it("wait waits for the jobs (their output going on), and reports no Done line for them", async () => {
    const lab = createLab({ seed: "jobs" });
    await run(lab, "sleep 2 && echo two &");
    await run(lab, "sleep 1 && false &");
    const t0 = lab.now();
    const waited = await run(lab, "wait");
    expect(waited).toMatchObject({ stdout: "two\n", stderr: "", exitCode: 0 });
    expect(lab.now() - t0).toBe(2000);
    expect(await run(lab, "jobs")).toMatchObject({ stdout: "" });
    await run(lab, "sleep 1 && false &");
    expect(await run(lab, "wait %1")).toMatchObject({ stderr: "", exitCode: 1 });
    expect(await run(lab, "wait %7")).toMatchObject({ stderr: "bash: wait: %7: no such job\n", exitCode: 127 });
    expect(await run(lab, "wait 99")).toMatchObject({ stderr: "bash: wait: pid 99 is not a child of this shell\n", exitCode: 127 });
    // Ctrl-C stops the waiting, not the job.
    await run(lab, "sleep 5 && echo late &");
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 0);
    expect((await lab.exec("node-1", "wait", { signal: ac.signal })).exitCode).toBe(130);
    expect(await run(lab, "jobs")).toMatchObject({ stdout: "[1]+  Running                 sleep 5 && echo late &\n" });
  });

  it("what a background job cannot do fails clearly", async () => {
    const lab = createLab({ seed: "jobs" });
    await run(lab, "docker run -dit --name c1 alpine");
    expect(await run(lab, "fg &")).toMatchObject({ stderr: "[1] 4242\nbash: fg: no job control\n", exitCode: 0 });
    expect(await run(lab, "true")).toMatchObject({ stdout: "", stderr: `[1]+  ${"Exit 1".padEnd(24)}fg\n` });
    expect(await run(lab, "docker exec -it c1 sh &")).toMatchObject({
      stderr: "[1] 4243\nbash: docker: an interactive shell cannot run in a background job in this simulator (it needs the terminal)\n",
    });
    expect(await run(lab, "true")).toMatchObject({ stderr: `[1]+  ${"Exit 1".padEnd(24)}docker exec -it c1 sh\n` });
    expect(lab.prompt("node-1")).toBe("node-1$ ");
    expect(await run(lab, "echo $(true &)")).toMatchObject({ stderr: "bash: background jobs (&) inside $(…) are not supported in this simulator\n" });
  });
});
