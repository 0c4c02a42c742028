import { createLab, type Lab, type SimEvent } from "sim-core";
import { describe, expect, it } from "vitest";
import { TopologyTracker } from "./build";
import { decodeFrame, fieldValue, hexOf } from "./headers";
import { applyDiff, emptyTopology, type TopoEndpoint, type Topology } from "./model";
import { animationSteps, packetOfHop, type PathTrace } from "./path";
import { createRecorder, splitPackets } from "./recorder";

/** A lab whose events feed a tracker, and the page's topology those diffs build. */
async function twoNodes(opts: { nodes?: number } = {}) {
  const lab = createLab({ nodes: opts.nodes ?? 2, seed: "topo" });
  const tracker = new TopologyTracker();
  const page: Topology = emptyTopology();
  const events: SimEvent[] = [];
  lab.events.subscribe((e) => {
    events.push(e);
    tracker.note(e);
  });
  applyDiff(page, tracker.full(lab.state(), true));
  const run = async (node: string, line: string) => {
    const r = await lab.exec(node, line);
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`);
    return r;
  };
  await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (let k = 2; k <= (opts.nodes ?? 2); k++) await run(`node-${k}`, `docker swarm join --token ${token} 192.168.1.10:2377`);
  await run("node-1", "docker network create -d overlay --attachable appnet");
  /** Sends what the events changed, as the worker does between commands. */
  const flush = () => {
    const diff = tracker.flush(lab.state());
    applyDiff(page, diff);
    return diff;
  };
  return { lab, tracker, page, events, run, flush };
}

const tasksOn = (page: Topology, host: string, service: string) =>
  [...page.endpoints.values()].filter((e: TopoEndpoint) => e.host === host && e.serviceName === service).length;

describe("topology model from events", () => {
  it("places tasks on their hosts, with their overlay address, and gives the service its VIP", async () => {
    const t = await twoNodes();
    t.flush();
    await t.run("node-1", "docker service create -d --name api --replicas 4 --network appnet nginx");
    const diff = t.flush();
    expect(diff.set.filter((e) => e.kind === "endpoint")).toHaveLength(4);
    expect(tasksOn(t.page, "node-1", "api")).toBe(2);
    expect(tasksOn(t.page, "node-2", "api")).toBe(2);
    const appnet = [...t.page.networks.values()].find((n) => n.name === "appnet")!;
    expect(appnet).toMatchObject({ driver: "overlay", subnet: "10.0.1.0/24", vni: 4097, encrypted: false, hosts: ["node-1", "node-2"] });
    const api = [...t.page.services.values()].find((s) => s.name === "api")!;
    expect(api.vips).toEqual([{ net: appnet.key, ip: "10.0.1.2" }]);
    for (const e of t.page.endpoints.values()) {
      expect(e.addresses).toEqual([{ net: appnet.key, ip: expect.stringMatching(/^10\.0\.1\.\d+$/), mac: expect.stringMatching(/^02:42:0a:00:01:/) }]);
    }
    // Nothing changed since: nothing is sent again.
    expect(t.flush()).toEqual({ set: expect.arrayContaining([]), del: [] });
    expect(t.tracker.full(t.lab.state())).toEqual({ set: [], del: [] });
  });

  it("moves a drained node's tasks to the others, sending the moved containers and not the world", async () => {
    const t = await twoNodes({ nodes: 3 });
    await t.run("node-1", "docker service create -d --name api --replicas 3 --network appnet nginx");
    t.flush();
    expect(tasksOn(t.page, "node-3", "api")).toBe(1);
    await t.run("node-1", "docker node update --availability drain node-3");
    const diff = t.flush();
    expect(tasksOn(t.page, "node-3", "api")).toBe(0);
    expect(tasksOn(t.page, "node-1", "api") + tasksOn(t.page, "node-2", "api")).toBe(3);
    expect([...t.page.hosts.values()].find((h) => h.name === "node-3")).toMatchObject({ availability: "drain", role: "worker", status: "ready" });
    // One container gone, one new, the host record and the networks it left: a handful of records.
    expect(diff.del.filter((k) => k.startsWith("e:"))).toHaveLength(1);
    expect(diff.set.filter((e) => e.kind === "endpoint")).toHaveLength(1);
    expect(diff.set.length).toBeLessThan(6);
  });

  it("draws an overlay lane only on hosts it reaches, ingress on every node, and bridges on their own host", async () => {
    const t = await twoNodes({ nodes: 3 });
    await t.run("node-1", "docker service create -d --name solo --constraint node.hostname==node-2 --network appnet nginx");
    await t.run("node-3", "docker run -d --name local nginx");
    applyDiff(t.page, t.tracker.full(t.lab.state()));
    const byName = (name: string) => [...t.page.networks.values()].filter((n) => n.name === name);
    expect(byName("appnet").map((n) => n.hosts)).toEqual([["node-2"]]);
    expect(byName("ingress")[0]).toMatchObject({ vni: 4096, hosts: ["node-1", "node-2", "node-3"], ingress: true });
    expect(byName("docker_gwbridge").map((n) => n.hosts)).toEqual([["node-1"], ["node-2"], ["node-3"]]);
    // The default bridge is drawn where a container uses it.
    expect(byName("bridge").map((n) => n.hosts)).toEqual([["node-3"]]);
  });

  it("marks encrypted overlays, published ports, a node that went down, and the firewall rules that drop", async () => {
    const t = await twoNodes();
    await t.run("node-1", "docker network create -d overlay --opt encrypted secure");
    await t.run("node-1", "docker service create -d --name web --publish 8080:80 --network secure nginx");
    await t.run("node-2", "iptables -A INPUT -p udp --dport 4789 -j DROP");
    applyDiff(t.page, t.tracker.full(t.lab.state()));
    expect([...t.page.networks.values()].find((n) => n.name === "secure")).toMatchObject({ encrypted: true, vni: 4098 });
    const web = [...t.page.services.values()].find((s) => s.name === "web")!;
    expect(web.ports).toEqual([{ published: 8080, target: 80, protocol: "tcp", mode: "ingress" }]);
    expect(web.vips.map((v) => t.page.networks.get(v.net)?.name).sort()).toEqual(["ingress", "secure"]);
    expect(t.page.hosts.get("h:node-2")!.drops).toEqual([{ chain: "INPUT", number: 1, spec: "-A INPUT -p udp -m udp --dport 4789 -j DROP" }]);
    await t.run("node-2", "docker swarm leave");
    applyDiff(t.page, t.tracker.full(t.lab.state()));
    expect(t.page.hosts.get("h:node-2")).toMatchObject({ role: null, status: null });
    expect(t.page.hosts.get("h:node-1")!.role).toBe("leader");
  });
});

/** Records the traces a command's traffic makes. */
function recording(lab: Lab) {
  const traces: PathTrace[] = [];
  const recorder = createRecorder((tr) => traces.push(tr));
  lab.events.subscribe((e) => e.type === "packet.hop" && recorder.hop(e.hop, e.at));
  return { traces, recorder };
}

/** web's one task on node-2 and a debug container on node-1, both on appnet, with packets recorded from here on. */
async function debugAndRemoteWeb() {
  const t = await twoNodes();
  await t.run("node-1", "docker service create -d --name web --replicas 1 --constraint node.hostname==node-2 --network appnet nginx");
  await t.run("node-1", "docker run -dit --name debug --network appnet alpine");
  return { ...t, ...recording(t.lab) };
}

describe("the packet path", () => {
  it("turns a cross-host ping into a request and a reply, each hop an animation step, VXLAN in between", async () => {
    const { traces, ...t } = await debugAndRemoteWeb();
    await t.run("node-1", "docker exec debug ping -c 1 web");
    const dns = traces.find((tr) => tr.packets[0].hops[0].action === "dns")!;
    expect(dns.packets[0].hops[0]).toMatchObject({ action: "dns", dst: "127.0.0.11", frame: null, detail: "web → 10.0.1.2 (VIP)" });
    const ping = traces.find((tr) => tr.packets.some((p) => p.protocol === "icmp"))!;
    expect(ping.packets.filter((p) => p.protocol === "icmp").map((p) => [p.reply, p.crossHost, p.vni, p.info])).toEqual([
      [false, true, 4097, expect.stringMatching(/^Echo \(ping\) request id=0x[0-9a-f]{4}, seq=0$/)],
      [true, true, 4097, expect.stringMatching(/^Echo \(ping\) reply /)],
    ]);
    const steps = animationSteps(ping);
    expect(steps.map((s) => `${s.host}:${s.action}`)).toEqual([
      "node-1:dns",
      "node-1:send",
      "node-1:ipvs",
      "node-1:encap",
      "node-1:wire",
      "node-2:decap",
      "node-2:deliver",
      "node-2:encap",
      "node-2:wire",
      "node-1:decap",
      "node-1:deliver",
    ]);
    expect(steps[0]).toMatchObject({ place: "dns", ip: steps[1].ip });
    expect(steps[4]).toMatchObject({ place: "wire", peer: "node-2", reply: false });
    expect(steps[8]).toMatchObject({ place: "wire", peer: "node-1", reply: true });
    expect(steps[6].ip).toMatch(/^10\.0\.1\./);
  });

  it("names each packet of a TCP exchange (SYN, the GET, the answer, FIN) and finds the packet of any hop", async () => {
    const { traces, ...t } = await debugAndRemoteWeb();
    await t.run("node-1", "docker exec debug wget -qO- http://web");
    const http = traces.find((tr) => tr.packets.some((p) => p.protocol === "tcp"))!;
    const infos = http.packets.map((p) => p.info);
    expect(infos[1]).toMatch(/ → 80 \[S\] seq=\d+ ack=0 len=0$/);
    expect(infos.find((i) => /GET \/ HTTP\/1\.1$/.test(i))).toBeDefined();
    expect(infos.find((i) => /HTTP\/1\.1 200 OK$/.test(i))).toBeDefined();
    expect(infos.filter((i) => /\[F\.\]/.test(i))).toHaveLength(2);
    let hop = 0;
    http.packets.forEach((p, index) =>
      p.hops.forEach(() => {
        expect(packetOfHop(http, hop++)).toBe(index);
      }),
    );
    expect(packetOfHop(http, hop + 5)).toBe(http.packets.length - 1);
  });

  it("keeps same-host traffic off VXLAN: the bridge switches it", async () => {
    const t = await twoNodes();
    await t.run("node-1", "docker run -dit --name aa --network appnet alpine");
    await t.run("node-1", "docker run -dit --name bb --network appnet alpine");
    const { traces } = recording(t.lab);
    await t.run("node-1", "docker exec aa ping -c 1 bb");
    const ping = traces.find((tr) => tr.packets.some((p) => p.protocol === "icmp"))!;
    expect(animationSteps(ping).map((s) => s.action)).toEqual(["dns", "send", "switch", "deliver", "deliver"]);
    expect(ping.packets.every((p) => !p.crossHost && p.vni === null)).toBe(true);
  });

  it("breaks a VXLAN frame down layer by layer from the bytes sim-core's capture writes", async () => {
    const t = await twoNodes();
    await t.run("node-1", "docker service create -d --name web --replicas 1 --constraint node.hostname==node-2 --network appnet nginx");
    await t.run("node-1", "docker run -dit --name debug --network appnet alpine");
    const { traces, recorder } = recording(t.lab);
    const cap = t.lab.capture({ host: "node-1", filter: "udp port 4789" });
    await t.run("node-1", "docker exec debug ping -c 1 web");
    const pcap = cap.stop();
    const wire = traces.flatMap((tr) => tr.packets).find((p) => !p.reply && p.crossHost)!.hops.find((h) => h.action === "wire")!;
    // The first record of the pcap (24-byte file header, 16-byte record header) is this very frame.
    const length = pcap[32] | (pcap[33] << 8);
    expect([...pcap.subarray(40, 40 + length)]).toEqual([...wire.frame!]);

    const layers = decodeFrame(wire.frame!);
    expect(layers.map((l) => `${l.level} ${l.name}`)).toEqual(["outer Ethernet", "outer IPv4", "outer UDP", "outer VXLAN", "inner Ethernet", "inner IPv4", "inner ICMP"]);
    expect(fieldValue(layers, "IPv4", "Source", "outer")).toBe("192.168.1.10");
    expect(fieldValue(layers, "IPv4", "Destination", "outer")).toBe("192.168.1.20");
    expect(fieldValue(layers, "UDP", "Destination port")).toBe("4789 (VXLAN)");
    expect(fieldValue(layers, "VXLAN", "VNI")).toBe("4097");
    expect(fieldValue(layers, "VXLAN", "Flags")).toBe("0x08 (I: VNI valid)");
    expect(fieldValue(layers, "IPv4", "Destination", "inner")).toMatch(/^10\.0\.1\.\d+$/);
    expect(fieldValue(layers, "ICMP", "Type")).toBe("8 (Echo (ping) request)");
    const vni = layers.find((l) => l.name === "VXLAN")!.fields.find((f) => f.name === "VNI")!;
    expect(hexOf(wire.frame!, vni)).toBe("00 10 01");
    const udp = layers.find((l) => l.name === "UDP")!.fields.find((f) => f.name === "Destination port")!;
    expect(hexOf(wire.frame!, udp)).toBe("12 b5");
    // The packet list's pcap holds the same frame first (the DNS query before it never left the container).
    const mine = recorder.pcap();
    expect([...mine.subarray(40, 40 + length)]).toEqual([...wire.frame!]);
  });

  it("shows ESP between hosts on an encrypted overlay", async () => {
    const t = await twoNodes();
    await t.run("node-1", "docker network create -d overlay --opt encrypted --attachable secure");
    await t.run("node-2", "docker run -dit --name far --network secure alpine");
    await t.run("node-1", "docker run -dit --name near --network secure alpine");
    const { traces } = recording(t.lab);
    await t.run("node-1", "docker exec near ping -c 1 far");
    const request = traces.flatMap((tr) => tr.packets).find((p) => p.protocol === "icmp" && !p.reply)!;
    expect(request.encrypted).toBe(true);
    const layers = decodeFrame(request.hops.find((h) => h.action === "wire")!.frame!);
    expect(layers.map((l) => l.name)).toEqual(["Ethernet", "IPv4", "ESP"]);
    expect(fieldValue(layers, "IPv4", "Protocol")).toBe("ESP (50)");
  });

  it("stops where a firewall drops the packet, naming the rule, and the animation ends there", async () => {
    const t = await twoNodes();
    await t.run("node-2", "docker run -dit --name far --network appnet alpine");
    await t.run("node-1", "docker run -dit --name near --network appnet alpine");
    await t.run("node-2", "iptables -A INPUT -p udp --dport 4789 -j DROP");
    const { traces } = recording(t.lab);
    await t.lab.exec("node-1", "docker exec near ping -c 1 -W 1 far");
    const ping = traces.find((tr) => tr.packets.some((p) => p.protocol === "icmp"))!;
    // The name lookup, then the echo request that dies on node-2: no reply.
    expect(ping.packets.map((p) => p.protocol)).toEqual(["udp", "icmp"]);
    expect(ping.packets[1].dropped).toMatchObject({ host: "node-2", action: "drop", rule: { chain: "INPUT", number: 1, spec: "-A INPUT -p udp -m udp --dport 4789 -j DROP" } });
    expect(animationSteps(ping).at(-1)).toMatchObject({ host: "node-2", place: "drop" });
  });

  it("splits a burst into packets at each delivery, drop and DNS answer, and keeps the last ones for the pcap", () => {
    const inner = { src: "10.0.1.3", dst: "10.0.1.4", protocol: "icmp" as const, icmp: { id: 1, seq: 0 } };
    let id = 0;
    const packets = splitPackets(
      [
        { host: "node-1", action: "dns", inner: { src: "10.0.1.3", dst: "127.0.0.11", protocol: "udp" }, detail: "b → 10.0.1.4 (container)" },
        { host: "node-1", action: "send", inner },
        { host: "node-1", action: "switch", inner },
        { host: "node-1", action: "deliver", inner },
        { host: "node-1", action: "deliver", inner: { ...inner, src: inner.dst, dst: inner.src }, reply: true },
      ],
      5,
      () => ++id,
    );
    expect(packets.map((p) => [p.id, p.protocol, p.hops.length, p.reply])).toEqual([
      [1, "udp", 1, false],
      [2, "icmp", 3, false],
      [3, "icmp", 1, true],
    ]);
    expect(decodeFrame(packets[2].hops[0].frame!).map((l) => l.name)).toEqual(["Ethernet", "IPv4", "ICMP"]);
    expect(fieldValue(decodeFrame(packets[2].hops[0].frame!), "ICMP", "Type")).toBe("0 (Echo (ping) reply)");
  });
});
