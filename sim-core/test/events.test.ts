/** The sandbox's typed event stream: what the UI animates. Events follow restore() and are never state. */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../src/cli/index";
import { DOCKER_COMMANDS } from "../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../src/cli/commands/host/index";
import { createSandbox } from "../src/sandbox";
import type { SimEvent } from "../src/engine/world";
import { setHostUp } from "../src/swarm/services";

async function lab(seed = "events") {
  const sb = createSandbox({ nodes: 3, seed, shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await sb.exec(n, `docker swarm join --token ${token} 192.168.1.10:2377`);
  return sb;
}

/** Records events, without packet hops, in a form that reads well in an assertion. */
function recorder(sb: Awaited<ReturnType<typeof lab>>) {
  const seen: SimEvent[] = [];
  const stop = sb.events.subscribe((e) => e.type !== "packet.hop" && seen.push(e));
  const nodeName = (id: string | null) => Object.values(sb.state().hosts).find((h) => h.nodeId === id)?.name ?? id;
  const lines = () =>
    seen.map((e) => {
      switch (e.type) {
        case "task.scheduled":
          return `${e.type} ${nodeName(e.nodeId)}`;
        case "task.state":
          return `${e.type} ${e.from}->${e.to} ${nodeName(e.nodeId)}`;
        case "node.state":
          return `${e.type} ${e.hostname} ${e.state}`;
        case "node.role":
          return `${e.type} ${e.hostname} ${e.role}`;
        case "node.availability":
          return `${e.type} ${e.hostname} ${e.availability}`;
        case "container.started":
        case "container.stopped":
          return `${e.type} ${e.host} ${e.name.replace(/\.[a-z0-9]{25}$/, "")}`;
        case "network.created":
        case "network.removed":
          return `${e.type} ${e.name} ${e.driver}${e.host ? ` ${e.host}` : ""}`;
        default:
          return `${e.type} ${"name" in e ? e.name : ""}`;
      }
    });
  return { seen, stop, lines, clear: () => seen.splice(0) };
}

describe("sandbox.events", () => {
  it("announces a service, its tasks' scheduling and states, and their containers", async () => {
    const sb = await lab();
    const r = recorder(sb);
    await sb.exec("node-1", "docker service create -d --name web --replicas 2 nginx");
    expect(r.lines()).toEqual([
      "service.created web",
      "task.scheduled node-1",
      "task.state null->running node-1",
      "container.started node-1 web.1",
      "task.scheduled node-2",
      "task.state null->running node-2",
      "container.started node-2 web.2",
    ]);
    const created = r.seen[0];
    expect(created).toMatchObject({ type: "service.created", at: sb.state().now, name: "web" });
    r.clear();
    await sb.exec("node-1", "docker service scale -d web=1");
    expect(r.lines()).toEqual(["service.updated web", "container.stopped node-2 web.2", "task.state running->shutdown node-2"]);
    r.clear();
    await sb.exec("node-1", "docker service rm web");
    expect(r.lines()).toEqual(["container.stopped node-1 web.1", "task.state running->shutdown node-1", "service.removed web"]);
  });

  it("announces node availability, role and state, and the rescheduling they cause", async () => {
    const sb = await lab();
    await sb.exec("node-1", "docker service create -d --name api --replicas 1 --constraint node.role==worker nginx");
    const r = recorder(sb);
    await sb.exec("node-1", "docker node update --availability drain node-2");
    expect(r.lines()).toEqual([
      "node.availability node-2 drain",
      "container.stopped node-2 api.1",
      "task.state running->shutdown node-2",
      "task.scheduled node-3",
      "task.state null->running node-3",
      "container.started node-3 api.1",
    ]);
    r.clear();
    await sb.exec("node-1", "docker node update --availability drain node-2");
    expect(r.lines()).toEqual([]);
    setHostUp(sb.world, "node-3", false);
    expect(r.lines()).toEqual([
      "node.state node-3 down",
      "container.stopped node-3 api.1",
      "task.state running->failed node-3",
      "task.state null->pending null",
    ]);
    r.clear();
    await sb.exec("node-1", "docker node update --availability active node-2");
    expect(r.lines()).toEqual(["node.availability node-2 active", "task.state pending->shutdown null", "task.scheduled node-2", "task.state null->running node-2", "container.started node-2 api.1"]);
    r.clear();
    await sb.exec("node-1", "docker node promote node-2");
    await sb.exec("node-1", "docker node promote node-2");
    await sb.exec("node-1", "docker node demote node-2");
    // node-2 stops meeting api's node.role==worker: the constraint enforcer rejects its task; node-3 is down.
    expect(r.lines()).toEqual([
      "node.role node-2 manager",
      "container.stopped node-2 api.1",
      "task.state running->rejected node-2",
      "task.state null->pending null",
      "node.role node-2 worker",
      "task.state pending->shutdown null",
      "task.scheduled node-2",
      "task.state null->running node-2",
      "container.started node-2 api.1",
    ]);
  });

  it("announces nodes joining and leaving, networks, and standalone containers", async () => {
    const sb = createSandbox({ nodes: 2, seed: "ev2", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
    const r = recorder(sb as Awaited<ReturnType<typeof lab>>);
    await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
    await sb.exec("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
    await sb.exec("node-1", "docker network create -d overlay --attachable appnet");
    await sb.exec("node-2", "docker network create mybridge");
    await sb.exec("node-2", "docker run -dit --name ca --network appnet alpine");
    await sb.exec("node-2", "docker stop ca");
    await sb.exec("node-2", "docker stop ca");
    await sb.exec("node-2", "docker start ca");
    await sb.exec("node-2", "docker rm -f ca");
    await sb.exec("node-1", "docker network rm appnet");
    await sb.exec("node-2", "docker network rm mybridge");
    await sb.exec("node-2", "docker swarm leave");
    expect(r.lines()).toEqual([
      "node.state node-1 ready",
      "network.created docker_gwbridge bridge node-1",
      "network.created ingress overlay",
      "node.state node-2 ready",
      "network.created docker_gwbridge bridge node-2",
      "network.created appnet overlay",
      "network.created mybridge bridge node-2",
      "container.started node-2 ca",
      "container.stopped node-2 ca",
      "container.started node-2 ca",
      "container.stopped node-2 ca",
      "network.removed appnet overlay",
      "network.removed mybridge bridge node-2",
      "node.state node-2 down",
    ]);
  });

  it("keeps its subscribers across restore(), and stops at unsubscribe", async () => {
    const sb = await lab();
    const saved = sb.snapshot();
    const got: string[] = [];
    const listener = (e: SimEvent) => e.type === "service.created" && got.push(e.name);
    sb.events.subscribe(listener);
    sb.restore(saved);
    await sb.exec("node-1", "docker service create -d --name one nginx");
    sb.events.unsubscribe(listener);
    await sb.exec("node-1", "docker service create -d --name two nginx");
    expect(got).toEqual(["one"]);
  });

  it("are not state: the same commands give the same snapshot with or without listeners", async () => {
    const script = ["docker network create -d overlay --attachable appnet", "docker service create -d --name web --replicas 3 --network appnet nginx", "docker run -dit --name cd --network appnet alpine", "docker exec cd ping -c 2 web"];
    const quiet = await lab("same");
    const loud = await lab("same");
    let n = 0;
    loud.events.subscribe(() => n++);
    for (const line of script) {
      await quiet.exec("node-1", line);
      await loud.exec("node-1", line);
    }
    expect(n).toBeGreaterThan(10);
    expect(loud.snapshot()).toEqual(quiet.snapshot());
  });
});

describe("observations for exercises", () => {
  it("announces a join that gave up, saying whether a firewall dropped the manager API or nothing answered", async () => {
    const sb = createSandbox({ nodes: 3, seed: "join-failed", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
    await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
    const seen: SimEvent[] = [];
    sb.events.subscribe((e) => e.type === "swarm.join-failed" && seen.push(e));
    await sb.exec("node-2", "iptables -A OUTPUT -p tcp --dport 2377 -j DROP");
    expect((await sb.exec("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`)).exitCode).toBe(1);
    expect((await sb.exec("node-3", `docker swarm join --token ${token} 192.168.1.99:2377`)).exitCode).toBe(1);
    expect(seen.map((e) => e.type === "swarm.join-failed" && `${e.host} ${e.remote} ${e.reason}`)).toEqual([
      "node-2 192.168.1.10:2377 firewall",
      "node-3 192.168.1.99:2377 no-manager",
    ]);
    // A join that works announces no failure.
    await sb.exec("node-2", "iptables -F");
    expect((await sb.exec("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`)).exitCode).toBe(0);
    expect(seen).toHaveLength(2);
  });

  it("announces each packet a running tcpdump counted, on its host, and nothing once it stopped", async () => {
    const sb = await lab("capture-seen");
    await sb.exec("node-1", "docker network create -d overlay --opt encrypted --attachable sec");
    await sb.exec("node-1", "docker service create --name web --network sec --replicas 2 --constraint node.hostname==node-2 nginx");
    await sb.exec("node-1", "docker run -d --name c1 --network sec busybox sleep 3600");
    const seen: SimEvent[] = [];
    sb.events.subscribe((e) => e.type === "capture.seen" && seen.push(e));
    const abort = new AbortController();
    const dump = sb.exec("node-2", "tcpdump -n esp", { signal: abort.signal });
    await sb.exec("node-1", "docker exec c1 ping -c 1 web");
    abort.abort();
    await dump;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.type === "capture.seen" && e.host === "node-2" && e.hop.outer?.protocol === "esp")).toBe(true);
    const before = seen.length;
    await sb.exec("node-1", "docker exec c1 ping -c 1 web");
    expect(seen).toHaveLength(before);
  });
});
