/** docker service create as docker 29 prints it: every flag declared, the modelled ones simulated, the rest refused. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 3, seed: "svc-create", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  const run = (line: string, node = "node-1") => sb.exec(node, line);
  await run("docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await run(`docker swarm join --token ${token} 192.168.1.10:2377`, n);
  const swarm = () => Object.values(sb.state().swarms)[0];
  const service = (name: string) => Object.values(swarm().services).find((s) => s.name === name)!;
  return { sb, run, swarm, service };
}

const BAR = `[${"=".repeat(50)}>]`;
const usageTail = "\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker service create --help' for more information\n";

describe("docker service create", () => {
  it("declares every flag of docker's: its help is docker 28.2's with docker 29's two swap flags", async () => {
    const { run } = await lab();
    const real = readFileSync(new URL("../fixtures/docker-28.2-service-create-help.txt", import.meta.url), "utf8");
    const with29 = real.replace(
      "      --mode string",
      "      --memory-swap bytes                  Swap Bytes (-1 for unlimited)\n" +
        "      --memory-swappiness int              Tune memory swappiness\n" +
        "                                           (0-100), -1 to reset to\n" +
        "                                           default (default -1)\n" +
        "      --mode string",
    );
    expect(await run("docker service create --help")).toEqual({ stdout: with29, stderr: "", exitCode: 0 });
  });

  it("draws the bars only on a terminal over 110 columns wide, as jsonmessage does: a narrower one gets ID and state", async () => {
    const { sb, run } = await lab();
    const narrow = await sb.exec("node-1", "docker service create --name narrow --replicas 2 nginx", { tty: true, columns: 80 });
    expect(narrow.stdout).toMatch(/\noverall progress: 2 out of 2 tasks\n1\/2: running\n2\/2: running\nverify: Service \w+ converged\n$/);
    const edge = await sb.exec("node-1", "docker service create --name edge --replicas 1 nginx", { tty: true, columns: 110 });
    expect(edge.stdout).not.toContain("[=");
    const wide = await sb.exec("node-1", "docker service create --name wide --replicas 1 nginx", { tty: true, columns: 111 });
    expect(wide.stdout).toContain(`1/1: running   ${BAR}\n`);
    // Where no width is known (the final display printed off a terminal) docker's default of 200 columns holds.
    expect((await run("docker service create --name off --replicas 1 nginx")).stdout).toContain(`1/1: running   ${BAR}\n`);
  });

  it("follows the new service by its ID and prints docker's final display; -q waits silently; -d returns at once", async () => {
    const { run, service } = await lab();
    const r = await run("docker service create --name web --replicas 3 nginx");
    const id = service("web").id;
    expect(r).toEqual({
      stdout: `${id}\noverall progress: 3 out of 3 tasks\n` + [1, 2, 3].map((i) => `${i}/3: running   ${BAR}\n`).join("") + `verify: Service ${id} converged\n`,
      stderr: "",
      exitCode: 0,
    });
    expect(await run("docker service create -q --name api nginx")).toEqual({ stdout: `${service("api").id}\n`, stderr: "", exitCode: 0 });
    expect(await run("docker service create -d --name db --mode global redis")).toEqual({ stdout: `${service("db").id}\n`, stderr: "", exitCode: 0 });
  });

  it("on a terminal draws the countdown frames, then the final frame replaces them", async () => {
    const { sb, service } = await lab();
    const chunks: string[] = [];
    const onOutput = (a: unknown) => chunks.push(typeof a === "string" ? a : (a as { text: string }).text);
    const r = await sb.exec("node-1", "docker service create --name web --replicas 2 nginx", { tty: true, onOutput });
    const id = service("web").id;
    const lines = `overall progress: 2 out of 2 tasks\n1/2: running   ${BAR}\n2/2: running   ${BAR}\n`;
    expect(r.stdout).toBe(`${id}\n${lines}verify: Service ${id} converged\n`);
    const frames = chunks.filter((c) => c.startsWith("overall progress"));
    expect(frames.slice(0, 2)).toEqual([
      `${lines}verify: Waiting 5 seconds to verify that tasks are stable...\n`,
      `${lines}verify: Waiting 5 seconds to verify that tasks are stable...\n`,
    ]);
    expect(frames.map((f) => /Waiting (\d)/.exec(f)?.[1] ?? "final")).toEqual([..."5555544444333332222211111", "final"]);
    expect(frames.at(-1)).toBe(`${lines}verify: Service ${id} converged\n`);
  });

  it("shows a pending task's error and keeps waiting; Ctrl-C before convergence says the operation continues", async () => {
    const { sb, service } = await lab();
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    const r = await sb.exec("node-1", "docker service create --name big --reserve-memory 5g nginx", { signal: stop.signal });
    const id = service("big").id;
    expect(r).toEqual({
      stdout:
        `${id}\noverall progress: 0 out of 1 tasks\n1/1: no suitable node (insufficient resources on 3 nodes)\n` +
        `Operation continuing in background.\nUse \`docker service ps ${id}\` to check progress.\n`,
      stderr: "",
      exitCode: 0,
    });
  });

  it("stores every modelled setting and shows it in docker service inspect, in Docker's shape", async () => {
    const { run, swarm } = await lab();
    await run("docker network create -d overlay appnet");
    const r = await run(
      "docker service create -d --name web --replicas 2 --network name=appnet,alias=Front -p 8080:80 -e A=1 -e B=2 -e A=3 -l tier=web " +
        "--container-label team=blue --constraint node.role==manager --placement-pref spread=node.labels.zone --replicas-max-per-node 2 " +
        "--hostname '{{.Node.Hostname}}-{{.Task.Slot}}' --limit-cpu 0.5 --limit-memory 256m --limit-pids 100 --reserve-memory 64MiB " +
        "--restart-condition on-failure --restart-max-attempts 3 --update-parallelism 2 --update-delay 10s --rollback-order start-first " +
        "--with-registry-auth --no-resolve-image nginx nginx -g 'daemon off;'",
    );
    expect(r.exitCode).toBe(0);
    const netId = Object.values(swarm().networks).find((n) => n.name === "appnet")!.id;
    const spec = JSON.parse((await run("docker service inspect -f '{{json .Spec}}' web")).stdout);
    expect(spec.Labels).toEqual({ tier: "web" });
    expect(spec.TaskTemplate).toEqual({
      ContainerSpec: {
        Image: "nginx:latest",
        Labels: { team: "blue" },
        Args: ["nginx", "-g", "daemon off;"],
        Hostname: "{{.Node.Hostname}}-{{.Task.Slot}}",
        Env: ["B=2", "A=3"],
        Init: false,
        StopGracePeriod: 10000000000,
        DNSConfig: {},
        Isolation: "default",
      },
      Resources: { Limits: { NanoCPUs: 500000000, MemoryBytes: 268435456, Pids: 100 }, Reservations: { MemoryBytes: 67108864 } },
      RestartPolicy: { Condition: "on-failure", Delay: 5000000000, MaxAttempts: 3 },
      Placement: { Constraints: ["node.role==manager"], Preferences: [{ Spread: { SpreadDescriptor: "node.labels.zone" } }], MaxReplicas: 2 },
      Networks: [{ Target: netId, Aliases: ["front"] }],
      ForceUpdate: 0,
      Runtime: "container",
    });
    expect(spec.UpdateConfig).toEqual({ Parallelism: 2, Delay: 10000000000, FailureAction: "pause", Monitor: 5000000000, MaxFailureRatio: 0, Order: "stop-first" });
    expect(spec.RollbackConfig.Order).toBe("start-first");
    const pretty = (await run("docker service inspect --pretty web")).stdout;
    expect(pretty).toContain("\nPlacement:\n Constraints:\t[node.role==manager]\n Preferences:   [spread=node.labels.zone]\n Max Replicas Per Node:   2\n");
    expect(pretty).toContain("\nResources:\n Reservations:\n  Memory:\t64MiB\n Limits:\n  CPU:\t\t0.5\n  Memory:\t256MiB\n  PIDs:\t\t100\nNetworks: appnet \n");
    // Only node-1 is a manager and it takes two tasks at most: both land there, with the template expanded.
    const ps = (await run("docker service ps --format '{{.Name}} {{.Node}}' web")).stdout;
    expect(ps).toBe("web.1 node-1\nweb.2 node-1\n");
    const ctr = Object.values(swarm().tasks).find((t) => t.slot === 2)!.containerId!;
    expect(await run(`docker exec ${ctr} hostname`)).toEqual({ stdout: "node-1-2\n", stderr: "", exitCode: 0 });
  });

  it("answers to a network alias in DNS, publishes `-p 80` on a port the swarm picks, and spreads over a node label", async () => {
    const { run, service, swarm } = await lab();
    await run("docker network create -d overlay --attachable appnet");
    await run("docker node update --label-add zone=a node-1");
    await run("docker node update --label-add zone=a node-2");
    await run("docker node update --label-add zone=b node-3");
    await run("docker service create -d --name web --replicas 4 --network name=appnet,alias=front -p 80 --placement-pref spread=node.labels.zone nginx");
    expect(service("web").ports).toEqual([{ protocol: "tcp", targetPort: 80, publishedPort: 30000, publishMode: "ingress" }]);
    const nodes = Object.values(swarm().tasks).map((t) => swarm().nodes[t.nodeId!].hostname).sort();
    expect(nodes).toEqual(["node-1", "node-2", "node-3", "node-3"]);
    await run("docker run -d --name dbg --network appnet alpine sleep 1d");
    const vip = service("web").vips[service("web").networks[0]];
    expect((await run("docker exec dbg nslookup front")).stdout).toContain(`Name:\tfront\nAddress: ${vip}\n`);
  });

  it("a memory reservation is checked against each node's memory as tasks land", async () => {
    const { run } = await lab();
    await run("docker service create -d --name r --replicas 4 --reserve-memory 3g nginx");
    const rows = (await run("docker service ps --no-trunc --format '{{.Name}}|{{.CurrentState}}|{{.Error}}' r")).stdout.split("\n").filter(Boolean);
    expect(rows.map((l) => l.replace(/ \d+ seconds? ago| less than a second ago/, ""))).toEqual([
      "r.1|Running|", "r.2|Running|", "r.3|Running|", `r.4|Pending|"no suitable node (insufficient resources on 3 nodes)"`,
    ]);
  });

  it("refuses what docker's CLI refuses, with its texts and exit codes", async () => {
    const { run } = await lab();
    const e = async (line: string) => await run(line);
    expect(await e("docker service create --mode foo nginx")).toEqual({ stdout: "", stderr: "unknown mode: foo, only replicated and global supported\n", exitCode: 1 });
    expect(await e("docker service create --mode global --replicas 2 nginx")).toEqual({ stdout: "", stderr: "replicas can only be used with replicated or replicated-job mode\n", exitCode: 1 });
    expect(await e("docker service create --mode global --replicas-max-per-node 2 nginx")).toEqual({ stdout: "", stderr: "replicas-max-per-node can only be used with replicated or replicated-job mode\n", exitCode: 1 });
    expect(await e("docker service create --max-concurrent 2 nginx")).toEqual({ stdout: "", stderr: "max-concurrent can only be used with replicated-job mode\n", exitCode: 1 });
    for (const [value, cause] of [
      ["foo", "invalid containerPort: foo"],
      ["80:80:80", "invalid IP address: 80"],
      ["published=80", "missing mandatory field 'target'"],
      ["target=80,mode=x", "invalid publish mode value (x): must be either 'ingress' or 'host'"],
      ["8080:80/icmp", "invalid proto: icmp"],
    ]) {
      expect(await e(`docker service create -p ${value} nginx`)).toEqual({ stdout: "", stderr: `invalid argument "${value}" for "-p, --publish" flag: ${cause}\n${usageTail}`, exitCode: 125 });
    }
    expect(await e("docker service create --network name=a,foo=b nginx")).toEqual({ stdout: "", stderr: `invalid argument "name=a,foo=b" for "--network" flag: invalid field key foo\n${usageTail}`, exitCode: 125 });
    expect(await e("docker service create --limit-memory 1x nginx")).toEqual({ stdout: "", stderr: `invalid argument "1x" for "--limit-memory" flag: invalid suffix: 'x'\n${usageTail}`, exitCode: 125 });
    expect(await e("docker service create --reserve-cpu abc nginx")).toEqual({ stdout: "", stderr: `invalid argument "abc" for "--reserve-cpu" flag: failed to parse abc as a rational number\n${usageTail}`, exitCode: 125 });
    expect(await e("docker service create --placement-pref foo nginx")).toEqual({ stdout: "", stderr: `invalid argument "foo" for "--placement-pref" flag: placement preference must be of the format "<strategy>=<arg>"\n${usageTail}`, exitCode: 125 });
    expect(await e("docker service create")).toEqual({
      stdout: "",
      stderr: "docker: 'docker service create' requires at least 1 argument\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker service create --help' for more information\n",
      exitCode: 1,
    });
  });

  it("refuses what the daemon refuses, in the daemon's words", async () => {
    const { run } = await lab();
    await run("docker service create -d --name web nginx");
    const daemon = (text: string) => ({ stdout: "", stderr: `Error response from daemon: ${text}\n`, exitCode: 1 });
    expect(await run("docker service create --name web nginx")).toEqual(daemon("rpc error: code = AlreadyExists desc = name conflicts with an existing object: service web already exists"));
    expect(await run("docker service create --endpoint-mode foo nginx")).toEqual(daemon('invalid resolution mode: "foo"'));
    expect(await run("docker service create --restart-condition sometimes nginx")).toEqual(daemon('invalid RestartCondition: "sometimes"'));
    expect(await run("docker service create --rollback-failure-action x nginx")).toEqual(daemon("unrecognized update failure action x"));
    expect(await run("docker service create --update-max-failure-ratio 2 nginx")).toEqual(
      daemon("rpc error: code = InvalidArgument desc = TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1"),
    );
    expect(await run("docker service create --limit-memory 1024 nginx")).toEqual(daemon("rpc error: code = InvalidArgument desc = invalid memory value 1024: Must be at least 4MiB"));
    expect(await run("docker service create --limit-cpu 0.0000001 nginx")).toEqual(daemon("rpc error: code = InvalidArgument desc = invalid cpu value 1e-07: Must be at least 0.001"));
    expect(await run("docker service create --hostname '{{.Nope}}' nginx")).toEqual(
      daemon('rpc error: code = InvalidArgument desc = expanding hostname failed: template: expansion:1:2: executing "expansion" at <.Nope>: can\'t evaluate field Nope in type *template.Context'),
    );
    expect(await run("docker service create --network nosuch nginx")).toEqual(daemon("network nosuch not found"));
    expect(await run("docker service create -p 8080:80 --endpoint-mode dnsrr nginx")).toEqual(
      daemon("rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can't be used with dnsrr mode"),
    );
  });

  it("refuses what the simulator does not model in one clear line", async () => {
    const { run } = await lab();
    expect(await run("docker service create --env-file web.env nginx")).toEqual({
      stdout: "",
      stderr: "--env-file is not supported in this simulator (there are no files to read variables from): set them with -e KEY=VALUE\n",
      exitCode: 1,
    });
    expect(await run("docker service create --mode replicated-job --replicas 3 busybox")).toEqual({
      stdout: "",
      stderr: "--mode replicated-job is not supported in this simulator (jobs that run to completion are not modelled): use replicated or global\n",
      exitCode: 1,
    });
    expect((await run("docker service create --cap-add NET_ADMIN nginx")).stderr).toMatch(/^--cap-add is not supported in this simulator \(it models .*\)\n$/);
    expect(await run("docker service create --placement-pref spread=node.role nginx")).toEqual({
      stdout: "",
      stderr: "--placement-pref spread=node.role is not supported in this simulator (it spreads over node.labels.<name> only)\n",
      exitCode: 1,
    });
  });
});
