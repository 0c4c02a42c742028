import { describe, expect, it } from "vitest";
import { createEngine } from "./engine";
import { freshViews, type FromWorker, type SessionCore } from "./protocol";
import { fitScript, scriptFromBlock } from "./script";

/** An engine in instant pacing with every message it posts, and helpers to wait for them. */
function harness(pacing: "instant" | "realtime" = "instant") {
  const messages: FromWorker[] = [];
  const waiters: { test: (m: FromWorker) => boolean; resolve: (m: FromWorker) => void }[] = [];
  const engine = createEngine((m) => {
    messages.push(m);
    for (const w of [...waiters]) if (w.test(m)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  }, { pacing });
  const next = <T extends FromWorker["type"]>(type: T, test: (m: Extract<FromWorker, { type: T }>) => boolean = () => true) =>
    new Promise<Extract<FromWorker, { type: T }>>((resolve) =>
      waiters.push({ test: (m) => m.type === type && test(m as Extract<FromWorker, { type: T }>), resolve: resolve as (m: FromWorker) => void }),
    );
  const run = async (pane: string, line: string) => {
    const done = next("done", (m) => m.pane === pane);
    await engine.handle({ type: "exec", pane, line });
    return done;
  };
  const boot = async (session: SessionCore) => {
    const ready = next("ready");
    await engine.handle({ type: "boot", session });
    return ready;
  };
  return { engine, messages, next, run, boot };
}

const outputOf = (h: ReturnType<typeof harness>, pane: string) =>
  h.messages.filter((m): m is Extract<FromWorker, { type: "output" }> => m.type === "output" && m.pane === pane).map((m) => m.text).join("");

describe("lab engine", () => {
  it("boots a new cluster into the views the page draws before it answers", async () => {
    for (let nodes = 1; nodes <= 5; nodes++) {
      const ready = await harness().boot({ seed: `fresh-${nodes}`, nodes, log: [] });
      expect(ready.panes).toEqual(freshViews(nodes));
    }
  });

  it("runs the two-node example across panes, and a replay of its log gives the same panes", async () => {
    const h = harness();
    await h.boot({ seed: "two", nodes: 2, log: [] });
    await h.run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    const token = /--token (\S+)/.exec(outputOf(h, "node-1"))![1];
    await h.run("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
    expect(outputOf(h, "node-2")).toContain("This node joined a swarm as a worker.");
    await h.run("node-1", "docker network create -d overlay --attachable appnet");
    await h.run("node-1", "docker service create --name web --replicas 2 --network appnet nginx");
    const ps = await h.run("node-1", "docker service ps web --format '{{.Node}}'");
    expect(ps.exitCode).toBe(0);
    expect(outputOf(h, "node-1")).toMatch(/node-1\nnode-2\n|node-2\nnode-1\n/);
    // A ping interrupted with Ctrl-C after its second reply.
    await h.run("node-2", "docker run -d --name probe --network appnet alpine sleep 1d");
    const pingDone = h.next("done", (m) => m.pane === "node-2");
    await h.engine.handle({ type: "exec", pane: "node-2", line: "docker exec probe ping web" });
    await h.next("output", (m) => m.pane === "node-2" && m.text.includes("seq=1"));
    await h.engine.handle({ type: "interrupt", pane: "node-2" });
    const done = await pingDone;
    expect(done.log.at(-1)).toMatchObject({ line: "docker exec probe ping web", abortAt: expect.any(Number) });
    expect(outputOf(h, "node-2")).toMatch(/\^C\n--- web ping statistics ---\n\d+ packets transmitted/);

    const again = harness();
    const ready = await again.boot({ seed: "two", nodes: 2, log: done.log });
    const first = await h.boot({ seed: "two", nodes: 2, log: done.log });
    expect(ready.panes).toEqual(first.panes);
    expect(ready.panes["node-2"].stream).toContain("--- web ping statistics ---");
    expect(ready.session.log).toEqual(done.log);
  });

  it("keeps the pane streams identical between the live run and the replay", async () => {
    const h = harness();
    await h.boot({ seed: "s", nodes: 1, log: [] });
    await h.run("node-1", "docker swarm init");
    await h.run("node-1", "docker service create --name web --replicas 3 nginx");
    const done = await h.run("node-1", "docker service ls");
    const live = "node-1$ " + "docker swarm init\r\n" + ""; // the stream starts with the first prompt and line
    const replayed = await harness().boot({ seed: "s", nodes: 1, log: done.log });
    expect(replayed.panes["node-1"].stream.startsWith(live)).toBe(true);
    expect(replayed.panes["node-1"].stream).toContain("web       replicated   3/3");
  });

  it("wraps help to the pane's width, and the replay wraps it the same way", async () => {
    const h = harness();
    await h.boot({ seed: "w", nodes: 1, log: [] });
    await h.run("node-1", "docker service create --help");
    const defaultWidth = outputOf(h, "node-1");
    const done = await new Promise<Extract<FromWorker, { type: "done" }>>((resolve) => {
      void h.next("done").then(resolve);
      void h.engine.handle({ type: "exec", pane: "node-1", line: "docker service create --help", columns: 50 });
    });
    const narrow = outputOf(h, "node-1").slice(defaultWidth.length);
    expect(done.log.at(-1)).toMatchObject({ line: "docker service create --help", cols: 50 });
    // Docker wraps the options to the width less one; the usage line is never wrapped.
    const longest = (text: string) => Math.max(...text.split("\n").filter((l) => !l.startsWith("Usage:")).map((l) => l.length));
    expect(longest(narrow)).toBeLessThanOrEqual(49);
    expect(longest(defaultWidth)).toBeGreaterThan(50);
    const replayed = await harness().boot({ seed: "w", nodes: 1, log: done.log });
    const live = await h.boot({ seed: "w", nodes: 1, log: done.log });
    expect(replayed.panes["node-1"].stream).toBe(live.panes["node-1"].stream);
    expect(replayed.panes["node-1"].stream).toContain(narrow.trim().split("\n").at(-1));
  });

  it("refuses a width no terminal has, and runs the command at the default width", async () => {
    const h = harness();
    await h.boot({ seed: "w", nodes: 1, log: [] });
    const done = await new Promise<Extract<FromWorker, { type: "done" }>>((resolve) => {
      void h.next("done").then(resolve);
      void h.engine.handle({ type: "exec", pane: "node-1", line: "docker --help", columns: 1e9 });
    });
    expect(done.log.at(-1)).toEqual({ pane: "node-1", line: "docker --help", at: expect.any(Number) });
  });

  it("undoes the last command from a snapshot, and a pane move by replay", async () => {
    const h = harness();
    await h.boot({ seed: "u", nodes: 2, log: [] });
    await h.run("node-1", "docker swarm init");
    await h.run("node-1", "docker network create -d overlay net1");
    const ready = h.next("ready");
    // The page's topology starts again from scratch: its packet path of the command undone goes with it.
    const topology = h.next("topology", (m) => m.reset);
    await h.engine.handle({ type: "undo" });
    const undone = await ready;
    await topology;
    expect(undone.session.log.map((e) => e.line)).toEqual(["docker swarm init"]);
    expect(undone.panes["node-1"].stream).not.toContain("net1");
    await h.run("node-1", "docker network ls --filter name=net1 -q");
    expect(outputOf(h, "node-1").endsWith("")).toBe(true);
    const ls = h.messages.filter((m) => m.type === "done").length;
    expect(ls).toBe(3);
    // After the undo, the network is gone from the world: `ls -q` printed nothing for it.
    const lastOut = h.messages.slice(h.messages.findLastIndex((m) => m.type === "ready")).filter((m) => m.type === "output");
    expect(lastOut).toEqual([]);

    await h.run("node-1", "ssh node-2");
    const moved = h.next("ready");
    await h.engine.handle({ type: "undo" });
    expect((await moved).panes["node-1"].prompt).toBe("node-1$ ");
  });

  it("completes names, downloads a tcpdump file and records a capture", async () => {
    const h = harness();
    await h.boot({ seed: "c", nodes: 2, log: [] });
    await h.run("node-1", "docker swarm init");
    await h.run("node-1", "docker service create --name webapp nginx");
    const completion = h.next("completion");
    await h.engine.handle({ type: "complete", id: 7, pane: "node-1", line: "docker service ps we", cursor: 20 });
    expect(await completion).toEqual({ type: "completion", id: 7, start: 18, candidates: ["webapp"] });

    await h.engine.handle({ type: "capture-start", host: "node-1" });
    await h.run("node-1", "tcpdump -c 1 -w f.pcap");
    const running = h.messages.findLast((m) => m.type === "running");
    expect(running).toMatchObject({ captures: ["node-1"], files: { "node-1": ["f.pcap"], "node-2": [] } });
    const save = h.next("save");
    const typed = await h.run("node-1", "download f.pcap");
    const f = await save;
    expect(f.name).toBe("f.pcap");
    expect([...f.bytes.slice(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
    expect(outputOf(h, "node-1")).toContain(`Downloaded f.pcap (${f.bytes.length} bytes)\n`);
    expect(typed.log.map((e) => e.line)).not.toContain("download f.pcap");
    await h.run("node-2", "download f.pcap");
    expect(outputOf(h, "node-2")).toBe("download: f.pcap: No such file on node-2\n");
    const button = h.next("save");
    await h.engine.handle({ type: "download", host: "node-1", path: "f.pcap" });
    expect((await button).bytes).toEqual(f.bytes);
    const cap = h.next("file");
    await h.engine.handle({ type: "capture-stop", id: 3, host: "node-1" });
    expect((await cap).name).toBe("node-1-eth0.pcap");
  });

  it("fast-forwards a realtime command: a 20-second ping ends at once", async () => {
    const h = harness("realtime");
    await h.boot({ seed: "ff", nodes: 1, log: [] });
    await h.run("node-1", "docker network create n");
    await h.run("node-1", "docker run -d --name aa --network n nginx");
    const t = Date.now();
    const done = h.next("done");
    await h.engine.handle({ type: "exec", pane: "node-1", line: "docker run --rm --network n alpine ping -c 20 aa" });
    await h.engine.handle({ type: "fast-forward" });
    await done;
    expect(Date.now() - t).toBeLessThan(3000);
    expect(outputOf(h, "node-1")).toContain("20 packets transmitted, 20 packets received");
  });

  it("posts a background job's output while its pane is idle, and a replay puts it in the same place", async () => {
    const h = harness("realtime");
    await h.boot({ seed: "bg", nodes: 1, log: [] });
    const heard = h.next("output", (m) => m.text.includes("hi-from-bg"));
    await h.run("node-1", "sleep 1 && echo hi-from-bg &");
    const started = outputOf(h, "node-1");
    expect(started).toMatch(/^\[1\] \d+\n$/);
    // Posted while nothing runs in the pane: the page prints it above the prompt.
    await heard;
    const done = await h.run("node-1", "echo next");
    const live = `node-1$ sleep 1 && echo hi-from-bg &\r\n${started}hi-from-bg\nnode-1$ echo next\r\n${outputOf(h, "node-1").slice(started.length + "hi-from-bg\n".length)}`;
    const replayed = await harness("realtime").boot({ seed: "bg", nodes: 1, log: done.log });
    expect(replayed.panes["node-1"].stream).toBe(live);
  });

  it("undoes by replay while a detached container's command runs, so the world is the one a reload rebuilds", async () => {
    const h = harness();
    await h.boot({ seed: "det", nodes: 1, log: [] });
    await h.run("node-1", "docker run -d --name c1 alpine ping 127.0.0.1");
    await h.run("node-1", "sleep 3");
    await h.run("node-1", "hostname");
    const ready = h.next("ready");
    await h.engine.handle({ type: "undo" });
    const undone = await ready;
    const before = outputOf(h, "node-1").length;
    await h.run("node-1", "docker logs c1");
    const logs = outputOf(h, "node-1").slice(before);
    const fresh = harness();
    await fresh.boot({ seed: "det", nodes: 1, log: undone.session.log });
    await fresh.run("node-1", "docker logs c1");
    expect(logs).toContain("seq=2");
    expect(logs).toBe(outputOf(fresh, "node-1"));
  });

  it("starts the prompt below output left mid-line, and says when a command cleared the screen", async () => {
    const h = harness();
    await h.boot({ seed: "line", nodes: 1, log: [] });
    await h.run("node-1", "echo -n hello");
    expect(outputOf(h, "node-1")).toBe("hello\r\n");
    const sleeping = h.next("done", (m) => m.pane === "node-1");
    await h.engine.handle({ type: "exec", pane: "node-1", line: "sleep 20" });
    await h.engine.handle({ type: "interrupt", pane: "node-1" });
    await sleeping;
    expect(outputOf(h, "node-1")).toBe("hello\r\n^C\r\n");
    // A command whose output ends its line gets nothing more.
    await h.run("node-1", "echo done");
    expect(outputOf(h, "node-1")).toBe("hello\r\n^C\r\ndone\n");
    expect((await h.run("node-1", "clear")).clear).toBe(true);
    expect((await h.run("node-1", "echo after")).clear).toBe(false);
  });

  it("tells the page, while a command runs, the log a reload would replay: the command interrupted at that moment", async () => {
    const h = harness("realtime");
    await h.boot({ seed: "cp", nodes: 2, log: [] });
    const first = h.next("progress");
    await h.engine.handle({ type: "exec", pane: "node-1", line: "docker run --rm alpine ping 192.168.1.20" });
    const started = (await first).log;
    expect(started).toEqual([{ pane: "node-1", line: "docker run --rm alpine ping 192.168.1.20", at: started[0].at, abortAt: started[0].at }]);
    // A checkpoint a second or more into the ping: a reload then replays its replies up to there, and its ^C.
    const later = await h.next("progress", (m) => m.log[0].abortAt! >= m.log[0].at + 1000);
    const reloaded = await harness().boot({ seed: "cp", nodes: 2, log: later.log });
    expect(reloaded.panes["node-1"].stream).toMatch(/seq=1 ttl=64[^\n]*\n(?:[^\n]*\n)*\^C\r?\n--- 192\.168\.1\.20 ping statistics ---/);
    expect(reloaded.session.log).toEqual(later.log);
    // Once nothing runs, no more checkpoints: "done" carries the log.
    const done = h.next("done");
    await h.engine.handle({ type: "interrupt", pane: "node-1" });
    await done;
    const count = h.messages.filter((m) => m.type === "progress").length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.messages.filter((m) => m.type === "progress")).toHaveLength(count);
  });

  it("neutralises escape sequences a user smuggles into names before they reach the pane", async () => {
    const h = harness();
    await h.boot({ seed: "e", nodes: 1, log: [] });
    await h.run("node-1", "docker network create $(printf 'a\\033]52;c;aGk=\\007b')");
    expect(outputOf(h, "node-1")).not.toContain("\u001b]");
  });
});

describe("placeholders from the session", () => {
  it("fills the real join token and a service's container on the pane's host", async () => {
    const h = harness();
    await h.boot({ seed: "p", nodes: 2, log: [] });
    const before = h.next("resolved");
    await h.engine.handle({ type: "resolve", id: 1, pane: "node-2", line: "docker swarm join --token <TOKEN> <manager-ip>:2377" });
    expect((await before).line).toBe("docker swarm join --token <TOKEN> 192.168.1.10:2377");
    await h.run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    const token = /--token (\S+)/.exec(outputOf(h, "node-1"))![1];
    const after = h.next("resolved");
    await h.engine.handle({ type: "resolve", id: 2, pane: "node-2", line: "docker swarm join --token SWMTKN-... 192.168.1.10:2377" });
    expect((await after).line).toBe(`docker swarm join --token ${token} 192.168.1.10:2377`);
    await h.run("node-1", "docker service create --name api --replicas 1 nginx");
    const c = h.next("resolved");
    await h.engine.handle({ type: "resolve", id: 3, pane: "node-1", line: "docker exec <api-container> hostname" });
    expect((await c).line).toMatch(/^docker exec api\.1\.\w+ hostname$/);
  });
});

describe("what Run in lab fits a block to", () => {
  it("tells whether the cluster has a swarm, its networks and services; the article's container block then resolves the service's VIP", async () => {
    const h = harness();
    await h.boot({ seed: "facts", nodes: 3, log: [] });
    const ask = async (id: number) => {
      const answer = h.next("swarm", (m) => m.id === id);
      await h.engine.handle({ type: "swarm", id });
      const { hasSwarm, networks, services } = await answer;
      return { hasSwarm, networks: [...networks].sort(), services };
    };
    expect(await ask(1)).toEqual({ hasSwarm: false, networks: ["bridge", "host", "none"], services: [] });
    const block = scriptFromBlock('# Service "api" has 5 replicas across 3 nodes. Inside any container on appnet:\n$ nslookup api');
    const fit = fitScript(block, await ask(1));
    for (const step of fit.steps) {
      const resolved = h.next("resolved");
      await h.engine.handle({ type: "resolve", id: 9, pane: step.node, line: step.line });
      await h.run(step.node, (await resolved).line);
    }
    const facts = await ask(2);
    expect(facts).toEqual({ hasSwarm: true, networks: ["appnet", "bridge", "docker_gwbridge", "host", "ingress", "none"], services: ["api"] });
    // busybox's nslookup in a container on appnet: the embedded DNS answers with the service's virtual IP.
    expect(outputOf(h, "node-1")).toMatch(/Server:\s+127\.0\.0\.11\n[\s\S]*Name:\s+api\nAddress: 10\.0\.\d+\.\d+/);
    // Typed again, the block makes nothing twice.
    expect(fitScript(block, facts).steps.map((s) => s.line)).toEqual(["docker run --rm --network appnet alpine nslookup api"]);
  });
});

describe("lab engine with an exercise", () => {
  const statusAfter = (h: ReturnType<typeof harness>) => h.next("exercise-status");

  it("boots the start state without showing it, checks after each command, and keeps done steps through undo and replay", async () => {
    const h = harness();
    const firstStatus = statusAfter(h);
    const ready = h.next("ready");
    await h.engine.handle({ type: "exercise-boot", slug: "vxlan-firewall", session: { seed: "anything", nodes: 5, log: [] } });
    const r = await ready;
    // The exercise's own seed and nodes; the setup is in no pane and in no log.
    expect(r.session).toMatchObject({ seed: "ex-vxlan-firewall", nodes: 2, log: [] });
    expect(r.panes["node-1"].stream).toBe("");
    expect((await firstStatus).status.steps.map((s) => s.done)).toEqual([false, false, false, false]);

    let status = statusAfter(h);
    await h.run("node-1", "docker exec client ping -c 4 web");
    expect((await status).status.steps.find((s) => s.id === "reproduce")!.done).toBe(true);

    status = statusAfter(h);
    await h.run("node-2", "iptables -I INPUT 1 -p tcp --dport 4789 -j ACCEPT");
    expect((await status).status.fails).toEqual(["wrongPort"]);

    // "Check" explains what each unmet step found.
    status = statusAfter(h);
    await h.engine.handle({ type: "exercise-check" });
    const explained = await status;
    expect(explained.explained).toBe(true);
    expect(explained.status.steps.find((s) => s.id === "fix")!.found).toEqual({ key: "stillBlocked", values: { hosts: "node-2" } });

    // Undo the wrong rule: the fail check goes, the step done before stays done.
    status = statusAfter(h);
    const undone = h.next("ready");
    await h.engine.handle({ type: "undo" });
    const afterUndo = await status;
    const log = (await undone).session.log;
    expect(log.map((e) => e.line)).toEqual(["docker exec client ping -c 4 web"]);
    expect(afterUndo.status.fails).toEqual([]);
    expect(afterUndo.status.steps.find((s) => s.id === "reproduce")!.done).toBe(true);

    // A reload replays the log on the start state and finds the same.
    const h2 = harness();
    status = statusAfter(h2);
    await h2.engine.handle({ type: "exercise-boot", slug: "vxlan-firewall", session: { seed: "ex-vxlan-firewall", nodes: 2, log } });
    expect((await status).status.steps.map((s) => s.done)).toEqual([true, false, false, false]);
  });

  it("says so for an exercise it does not know", async () => {
    const h = harness();
    const error = h.next("error");
    await h.engine.handle({ type: "exercise-boot", slug: "no-such", session: { seed: "x", nodes: 2, log: [] } });
    expect((await error).message).toContain("no-such");
  });
});

describe("an exercise continued in the free lab", () => {
  it("exports the start state's commands and the learner's as one log, which the free lab replays to the same world", async () => {
    const h = harness();
    const ready = h.next("ready");
    await h.engine.handle({ type: "exercise-boot", slug: "vxlan-firewall", session: { seed: "x", nodes: 2, log: [] } });
    await ready;
    await h.run("node-2", "iptables -F INPUT");
    const exported = h.next("exercise-session");
    await h.engine.handle({ type: "exercise-export", id: 7 });
    const { session } = await exported;
    expect(session.log.map((e) => e.line)).toContain("iptables -A INPUT -p udp --dport 4789 -j DROP");
    expect(session.log.at(-1)!.line).toBe("iptables -F INPUT");
    expect(session.log.some((e) => e.line.includes("<token>"))).toBe(false);

    const free = harness();
    const replayed = await free.boot(session);
    expect(replayed.session.log).toHaveLength(session.log.length);
    const listed = await free.run("node-1", "docker service ls --format '{{.Name}} {{.Replicas}}'");
    expect(listed.exitCode).toBe(0);
    expect(outputOf(free, "node-1")).toContain("web 2/2");
    await free.run("node-2", "iptables -L INPUT -n");
    expect(outputOf(free, "node-2")).toContain("Chain INPUT");
    expect(outputOf(free, "node-2")).not.toContain("4789");
  });
});
