/**
 * Service tasks whose main process ends, as on a real swarm: `complete` or `failed` with the exit code,
 * the restart policy's replacement in the same slot after its delay, the task history kept per slot,
 * REPLICAS 0/N, and a convergence display that never converges.
 */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";
import type { SimEvent } from "../../src/engine/world";

async function lab() {
  const sb = createSandbox({ nodes: 2, seed: "svc-restart", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  const run = (line: string) => sb.exec("node-1", line);
  await run("docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("docker swarm join-token -q worker")).stdout.trim();
  await sb.exec("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
  return { sb, run };
}

const PS = "docker service ps --format 'table {{.Name}}\\t{{.Node}}\\t{{.DesiredState}}\\t{{.CurrentState}}\\t{{.Error}}'";
const nodeId = async (run: (line: string) => Promise<{ stdout: string }>, name: string) =>
  (await run(`docker node inspect --format '{{.ID}}' ${name}`)).stdout.trim();
const ok = (stdout: string) => ({ stdout, stderr: "", exitCode: 0 });

describe("service tasks whose process ends", () => {
  it("a shell exits at once: complete, a replacement waits Ready for the 5 s delay, again and again; REPLICAS 0/2", async () => {
    const { run } = await lab();
    await run("docker service create -d --name loop --replicas 2 alpine");
    expect(await run(`${PS} loop`)).toEqual(
      ok(
        "NAME      NODE      DESIRED STATE   CURRENT STATE                    ERROR\n" +
          "loop.1    node-1    Running         Running less than a second ago   \n" +
          "loop.2    node-2    Running         Running less than a second ago   \n",
      ),
    );
    await run("sleep 12");
    expect(await run(`${PS} loop`)).toEqual(
      ok(
        "NAME         NODE      DESIRED STATE   CURRENT STATE             ERROR\n" +
          "loop.1       node-1    Ready           Ready 1 second ago        \n" +
          " \\_ loop.1   node-1    Shutdown        Complete 1 second ago     \n" +
          " \\_ loop.1   node-1    Shutdown        Complete 6 seconds ago    \n" +
          " \\_ loop.1   node-1    Shutdown        Complete 11 seconds ago   \n" +
          "loop.2       node-2    Ready           Ready 1 second ago        \n" +
          " \\_ loop.2   node-2    Shutdown        Complete 1 second ago     \n" +
          " \\_ loop.2   node-2    Shutdown        Complete 6 seconds ago    \n" +
          " \\_ loop.2   node-2    Shutdown        Complete 11 seconds ago   \n",
      ),
    );
    expect(await run("docker service ls --format '{{.Name}} {{.Replicas}}'")).toEqual(ok("loop 0/2\n"));
  });

  it("keeps at most the task history limit of tasks per slot, the oldest pruned", async () => {
    const { run } = await lab();
    await run("docker swarm update --task-history-limit 3");
    await run("docker service create -d --name loop alpine");
    await run("sleep 60");
    expect(await run(`${PS} loop`)).toEqual(
      ok(
        "NAME         NODE      DESIRED STATE   CURRENT STATE            ERROR\n" +
          "loop.1       node-1    Ready           Ready 3 seconds ago      \n" +
          " \\_ loop.1   node-1    Shutdown        Complete 3 seconds ago   \n" +
          " \\_ loop.1   node-1    Shutdown        Complete 8 seconds ago   \n",
      ),
    );
  });

  it("--restart-condition none: the task stays Complete and its slot is not filled again", async () => {
    const { run } = await lab();
    await run("docker service create -d --name once --replicas 2 --restart-condition none alpine echo hi");
    await run("sleep 30");
    await run("docker service create -d --name other nginx");
    expect(await run(`${PS} once`)).toEqual(
      ok(
        "NAME      NODE      DESIRED STATE   CURRENT STATE             ERROR\n" +
          "once.1    node-1    Shutdown        Complete 29 seconds ago   \n" +
          "once.2    node-2    Shutdown        Complete 29 seconds ago   \n",
      ),
    );
    expect(await run("docker service ls --format '{{.Name}} {{.Replicas}}'")).toEqual(ok("once 0/2\nother 1/1\n"));
  });

  it("--restart-condition on-failure: a non-zero exit is Failed with its error, restarted up to --restart-max-attempts", async () => {
    const { run } = await lab();
    await run("docker service create -d --name bad --restart-condition on-failure --restart-max-attempts 2 --restart-delay 1s alpine false");
    await run("sleep 30");
    expect(await run(`${PS} bad`)).toEqual(
      ok(
        "NAME        NODE      DESIRED STATE   CURRENT STATE           ERROR\n" +
          "bad.1       node-1    Shutdown        Failed 27 seconds ago   \"task: non-zero exit (1)\"\n" +
          " \\_ bad.1   node-1    Shutdown        Failed 28 seconds ago   \"task: non-zero exit (1)\"\n" +
          " \\_ bad.1   node-1    Shutdown        Failed 29 seconds ago   \"task: non-zero exit (1)\"\n",
      ),
    );
    // A clean exit is not a failure: on-failure leaves it Complete.
    await run("docker service create -d --name fine --restart-condition on-failure alpine ping -c 3 127.0.0.1");
    await run("sleep 10");
    expect(await run(`${PS} fine`)).toEqual(
      ok("NAME      NODE      DESIRED STATE   CURRENT STATE            ERROR\nfine.1    node-1    Shutdown        Complete 7 seconds ago   \n"),
    );
  });

  it("--restart-window counts only the restarts within it, so restarts far enough apart go on", async () => {
    const { run } = await lab();
    await run("docker service create -d --name win --restart-max-attempts 1 --restart-window 10s --restart-delay 15s alpine false");
    await run("docker service create -d --name nowin --restart-max-attempts 1 --restart-delay 15s alpine false");
    await run("sleep 50");
    expect(await run(`${PS} win nowin`)).toEqual(
      ok(
        "NAME          NODE      DESIRED STATE   CURRENT STATE           ERROR\n" +
          "nowin.1       node-2    Shutdown        Failed 34 seconds ago   \"task: non-zero exit (1)\"\n" +
          " \\_ nowin.1   node-2    Shutdown        Failed 49 seconds ago   \"task: non-zero exit (1)\"\n" +
          "win.1         node-1    Ready           Ready 4 seconds ago     \n" +
          " \\_ win.1     node-1    Shutdown        Failed 4 seconds ago    \"task: non-zero exit (1)\"\n",
      ),
    );
  });

  it("a global service's task restarts on its own node; sh -c without a loop and a sleep it cannot read end at once", async () => {
    const { run } = await lab();
    await run("docker service create -d --name g --mode global --restart-max-attempts 1 --restart-delay 1s alpine sleep forever");
    await run("docker service create -d --name script --restart-condition none alpine sh -c 'echo hi'");
    await run("sleep 5");
    const nodes = [{ name: "node-1", id: await nodeId(run, "node-1") }, { name: "node-2", id: await nodeId(run, "node-2") }].sort((a, b) => a.id.localeCompare(b.id));
    const failed = (state: string) => `Shutdown        Failed ${state} seconds ago     "task: non-zero exit (1)"\n`;
    expect(await run(`${PS} g script`)).toEqual(
      ok(
        "NAME                              NODE      DESIRED STATE   CURRENT STATE            ERROR\n" +
          nodes.map((n) => `g.${n.id}       ${n.name}    ${failed("3")} \\_ g.${n.id}   ${n.name}    ${failed("4")}`).join("") +
          "script.1                          node-1    Shutdown        Complete 4 seconds ago   \n",
      ),
    );
  });

  it("a long-running command (sleep 1d, sleep infinity, a looping sh -c) runs; sleep N ends after N", async () => {
    const { run } = await lab();
    await run("docker service create -d --name up alpine sleep 1d");
    await run("docker service create -d --name forever busybox sleep infinity");
    await run("docker service create -d --name loop alpine sh -c 'while true; do sleep 1; done'");
    await run("docker service create -d --name nap --restart-condition none alpine sleep 20");
    await run("sleep 60");
    expect(await run("docker service ls --format '{{.Name}} {{.Replicas}}'")).toEqual(ok("forever 1/1\nloop 1/1\nnap 0/1\nup 1/1\n"));
    expect(await run(`${PS} nap up`)).toEqual(
      ok(
        "NAME      NODE      DESIRED STATE   CURRENT STATE                ERROR\n" +
          "nap.1     node-2    Shutdown        Complete 40 seconds ago      \n" +
          "up.1      node-1    Running         Running about a minute ago   \n",
      ),
    );
  });

  it("docker service create follows it without converging, until Ctrl-C", async () => {
    const { sb } = await lab();
    const stop = new AbortController();
    const start = sb.state().now;
    const onOutput = () => {
      if (sb.state().now - start >= 12_000) stop.abort();
    };
    const r = await sb.exec("node-1", "docker service create --name loop --replicas 2 alpine", { tty: true, onOutput, signal: stop.signal });
    const id = Object.values(Object.values(sb.state().swarms)[0].services)[0].id;
    const ready = `ready     [${"=".repeat(38)}>${" ".repeat(12)}]`;
    expect(r).toEqual(
      ok(
        `${id}\noverall progress: 0 out of 2 tasks\n1/2: ${ready}\n2/2: ${ready}\nverify: Detected task failure\n` +
          `Operation continuing in background.\nUse \`docker service ps ${id}\` to check progress.\n`,
      ),
    );
  });

  it("the display shows a failed task's error once no restart follows", async () => {
    const { sb } = await lab();
    const stop = new AbortController();
    const start = sb.state().now;
    const onOutput = () => {
      if (sb.state().now - start >= 3_000) stop.abort();
    };
    const line = "docker service create --name bad --restart-max-attempts 1 --restart-delay 1s alpine false";
    const r = await sb.exec("node-1", line, { tty: true, onOutput, signal: stop.signal });
    const id = Object.values(Object.values(sb.state().swarms)[0].services)[0].id;
    expect(r).toEqual(
      ok(
        `${id}\noverall progress: 0 out of 1 tasks\n1/1: task: non-zero exit (1)\nverify: Detected task failure\n` +
          `Operation continuing in background.\nUse \`docker service ps ${id}\` to check progress.\n`,
      ),
    );
  });

  it("announces each task's states: running, complete, the replacement ready, then running", async () => {
    const { sb, run } = await lab();
    const seen: string[] = [];
    sb.events.subscribe((e: SimEvent) => {
      if (e.type === "task.state") seen.push(`${(e.at - start) / 100} ${e.from}->${e.to}`);
    });
    const start = sb.state().now;
    await run("docker service create -d --name loop alpine");
    await run("sleep 6");
    expect(seen).toEqual(["0 null->running", "1 running->complete", "1 null->ready", "51 ready->running", "52 running->complete", "52 null->ready"]);
  });
});

describe("docker service update --restart-*", () => {
  it("changes the restart policy (a task-spec change), and a service that then fails stops being restarted", async () => {
    const { run } = await lab();
    await run("docker service create -d --name w --replicas 1 alpine sleep 1d");
    expect((await run("docker service update -d --restart-condition none --restart-max-attempts 3 w")).exitCode).toBe(0);
    expect((await run("docker service inspect -f '{{json .Spec.TaskTemplate.RestartPolicy}}' w")).stdout).toBe('{"Condition":"none","Delay":5000000000,"MaxAttempts":3}\n');
    expect(await run("docker service update -d --restart-condition sometimes w")).toEqual({ stdout: "", stderr: 'Error response from daemon: invalid RestartCondition: "sometimes"\n', exitCode: 1 });
    await run("docker service update -d --args false w");
    await run("sleep 12");
    // The failed task is not replaced (condition none): nothing runs or waits to run in the slot any more.
    expect((await run(PS + " w")).stdout).toMatch(/ \\_ w\.1 +node-\d +Shutdown +Failed \d+ seconds ago +"task: non-zero exit \(1\)"/);
    expect((await run("docker service ps -q -f desired-state=running -f desired-state=ready w")).stdout).toBe("");
    expect((await run("docker service ls --format '{{.Replicas}}'")).stdout).toBe("0/1\n");
  });
});
