import { describe, expect, it } from "vitest";
import { errorText, type SimError } from "../src/engine/errors";
import { findContainer, runContainer } from "../src/daemon/containers";
import { World } from "../src/engine/world";
import { resolve } from "../src/net/dns";
import { createNetwork } from "../src/net/networks";
import { roundTrip, type Hop } from "../src/net/path";
import { encodeFrame, encodeInnerFrame } from "../src/net/pcap";
import { joinTokenFor, swarmInit, swarmJoin } from "../src/swarm/cluster";
import { createService } from "../src/swarm/services";
import type { FirewallRule } from "../src/model/state";

const must = <T>(r: { ok: true; value: T } | { ok: false; error: SimError }): T => {
  if (!r.ok) throw new Error(errorText(r.error));
  return r.value;
};
const failure = (r: { ok: boolean; error?: SimError }) => (r.ok ? "ok" : errorText(r.error!));

function lab(opts: { encrypted?: boolean } = {}) {
  const w = World.create({ nodes: 3, seed: "path" });
  must(swarmInit(w, "node-1", { advertiseAddr: "192.168.1.10" }));
  const { token } = must(joinTokenFor(w, "node-1", "worker"));
  must(swarmJoin(w, "node-2", token, "192.168.1.10:2377"));
  const appnet = must(createNetwork(w, "node-1", { name: "appnet", driver: "overlay", attachable: true, options: opts.encrypted ? { encrypted: "" } : {} }));
  const a = must(runContainer(w, "node-1", { name: "ca", image: "alpine", networks: ["appnet"] }));
  const b = must(runContainer(w, "node-2", { name: "cb", image: "alpine", networks: ["appnet"] }));
  const c = must(runContainer(w, "node-1", { name: "cc", image: "alpine", networks: ["appnet"] }));
  return { w, appnet, a, b, c };
}
const block = (w: World, host: string, chain: "INPUT" | "OUTPUT", rule: FirewallRule) => w.state.hosts[host].firewall[chain].push(rule);

describe("standalone containers on overlays", () => {
  it("join an attachable overlay, and fail to start on a non-attachable one as Docker says", () => {
    const { w, appnet, a } = lab();
    expect(a.addresses[appnet.id]).toMatch(/^10\.0\.1\.\d+$/);
    must(createNetwork(w, "node-1", { name: "myoverlay", driver: "overlay" }));
    expect(failure(runContainer(w, "node-2", { name: "cx", image: "alpine", networks: ["myoverlay"] }))).toBe(
      "Could not attach to network myoverlay: rpc error: code = PermissionDenied desc = network myoverlay not manually attachable",
    );
    expect(must(findContainer(w, "node-2", "cx")).state).toBe("created");
    expect(failure(runContainer(w, "node-2", { name: "cx", image: "alpine" }))).toMatch(/^Conflict\. The container name "\/cx" is already in use by container "[0-9a-f]{64}"\./);
  });
});

describe("the data path", () => {
  it("switches same-host overlay traffic locally, with no VXLAN", () => {
    const { w, appnet, a, c } = lab();
    const d = roundTrip(w, "node-1", a, c.addresses[appnet.id]);
    expect(d.ok).toBe(true);
    expect(d.hops.map((h) => h.action)).toEqual(["send", "switch", "deliver", "deliver"]);
  });

  it("wraps cross-host traffic in VXLAN on UDP 4789 between the underlay addresses, with the network's VNI", () => {
    const { w, appnet, a, b } = lab();
    const d = roundTrip(w, "node-1", a, b.addresses[appnet.id]);
    expect(d.ok).toBe(true);
    const encap = d.hops.filter((h) => h.action === "encap");
    expect(encap.map((h) => h.outer)).toEqual([
      { protocol: "udp", src: "192.168.1.10", dst: "192.168.1.20", dport: 4789, vni: 4097 },
      { protocol: "udp", src: "192.168.1.20", dst: "192.168.1.10", dport: 4789, vni: 4097 },
    ]);
    expect(encap[0].inner).toEqual({ src: a.addresses[appnet.id], dst: b.addresses[appnet.id], protocol: "icmp" });
  });

  it("uses ESP between hosts on an encrypted overlay", () => {
    const { w, appnet, a, b } = lab({ encrypted: true });
    const d = roundTrip(w, "node-1", a, b.addresses[appnet.id]);
    expect(d.ok).toBe(true);
    expect(d.hops.find((h) => h.action === "encap")!.outer).toMatchObject({ protocol: "esp", encrypted: true, src: "192.168.1.10", dst: "192.168.1.20" });
  });

  it("blocking UDP 4789 breaks cross-host overlay traffic but not same-host traffic", () => {
    const { w, appnet, a, b, c } = lab();
    block(w, "node-2", "INPUT", { protocol: "udp", dport: 4789, target: "DROP" });
    const cross = roundTrip(w, "node-1", a, b.addresses[appnet.id]);
    expect(cross).toMatchObject({ ok: false, reason: "firewall" });
    expect(cross.hops.at(-1)).toMatchObject({ host: "node-2", action: "drop", detail: "INPUT DROP" });
    expect(roundTrip(w, "node-1", a, c.addresses[appnet.id]).ok).toBe(true);
  });

  it("names the rule that dropped a packet, numbered in its chain and written as iptables -S prints it", () => {
    const { w, appnet, a, b } = lab();
    block(w, "node-2", "INPUT", { protocol: "tcp", dport: 22, target: "ACCEPT" });
    block(w, "node-2", "INPUT", { protocol: "udp", dport: 4789, source: "192.168.1.10", target: "DROP" });
    expect(roundTrip(w, "node-1", a, b.addresses[appnet.id]).hops.at(-1)!.rule).toEqual({
      chain: "INPUT",
      number: 2,
      spec: "-A INPUT -s 192.168.1.10/32 -p udp -m udp --dport 4789 -j DROP",
    });
    w.state.hosts["node-2"].firewall.INPUT = [];
    block(w, "node-1", "OUTPUT", { protocol: "udp", dport: 4789, destination: "192.168.1.20", target: "REJECT" });
    expect(roundTrip(w, "node-1", a, b.addresses[appnet.id]).hops.at(-1)).toMatchObject({
      host: "node-1",
      action: "drop",
      detail: "OUTPUT REJECT",
      rule: { chain: "OUTPUT", number: 1, spec: "-A OUTPUT -d 192.168.1.20/32 -p udp -m udp --dport 4789 -j REJECT" },
    });
  });

  it("dropping ESP breaks an encrypted overlay, while plain VXLAN rules do not matter to it", () => {
    const { w, appnet, a, b } = lab({ encrypted: true });
    block(w, "node-2", "INPUT", { protocol: "udp", dport: 4789, target: "DROP" });
    expect(roundTrip(w, "node-1", a, b.addresses[appnet.id]).ok).toBe(true);
    block(w, "node-1", "OUTPUT", { protocol: "esp", target: "DROP" });
    expect(roundTrip(w, "node-1", a, b.addresses[appnet.id])).toMatchObject({ ok: false, reason: "firewall" });
  });

  it("blocking gossip on 7946 leaves the peer unknown", () => {
    const { w, appnet, a, b } = lab();
    block(w, "node-2", "INPUT", { protocol: "tcp", dport: 7946, target: "DROP" });
    block(w, "node-2", "INPUT", { protocol: "udp", dport: 7946, target: "DROP" });
    expect(roundTrip(w, "node-1", a, b.addresses[appnet.id])).toMatchObject({ ok: false, reason: "no-peer" });
  });

  it("blocking TCP 2377 on the manager makes a join time out", () => {
    const w = World.create({ nodes: 2, seed: "j" });
    must(swarmInit(w, "node-1"));
    const { token } = must(joinTokenFor(w, "node-1", "worker"));
    block(w, "node-1", "INPUT", { protocol: "tcp", dport: 2377, target: "DROP" });
    expect(failure(swarmJoin(w, "node-2", token, "192.168.1.10:2377"))).toMatch(/^Timeout was reached before node joined\./);
    w.state.hosts["node-1"].firewall.INPUT = [];
    expect(swarmJoin(w, "node-2", token, "192.168.1.10:2377").ok).toBe(true);
  });

  it("does not route between containers that share no network", () => {
    const { w, a } = lab();
    const lone = must(runContainer(w, "node-2", { name: "lone", image: "alpine" }));
    expect(roundTrip(w, "node-1", a, Object.values(lone.addresses)[0])).toMatchObject({ ok: false, reason: "no-route" });
  });
});

describe("service discovery and load balancing", () => {
  it("resolves a service to its VIP, tasks.<service> to every task, and spreads VIP traffic round-robin", () => {
    const { w, appnet, a } = lab();
    const api = must(createService(w, "node-1", { name: "api", image: "nginx", replicas: 3, networks: ["appnet"] }));
    const vip = resolve(w, "node-1", a, "api")!;
    expect(vip).toMatchObject({ kind: "vip", addresses: [api.vips[appnet.id]] });
    const tasks = resolve(w, "node-1", a, "tasks.api")!;
    expect(tasks.kind).toBe("tasks");
    expect(tasks.addresses).toHaveLength(3);
    expect(tasks.addresses).not.toContain(api.vips[appnet.id]);
    const answered = [0, 1, 2, 3, 4, 5].map(() => roundTrip(w, "node-1", a, vip.addresses[0]).backend!.ip);
    expect(answered).toEqual([...tasks.addresses, ...tasks.addresses]);
    expect(resolve(w, "node-1", a, "cb")).toMatchObject({ kind: "container" });
    expect(resolve(w, "node-1", a, "nope")).toBeNull();
  });

  it("with dnsrr the name gives the task addresses and there is no VIP", () => {
    const { w, a } = lab();
    must(createService(w, "node-1", { name: "rr", image: "nginx", replicas: 2, endpointMode: "dnsrr", networks: ["appnet"] }));
    const r = resolve(w, "node-1", a, "rr")!;
    expect(r.kind).toBe("dnsrr");
    expect(r.addresses).toHaveLength(2);
  });

  it("answers only on networks the asker shares", () => {
    const { w } = lab();
    must(createNetwork(w, "node-1", { name: "other", driver: "overlay", attachable: true }));
    must(createService(w, "node-1", { name: "hidden", image: "nginx", networks: ["other"] }));
    const onBridge = must(runContainer(w, "node-1", { name: "plain", image: "alpine" }));
    const onAppnet = must(findContainer(w, "node-1", "ca"));
    expect(resolve(w, "node-1", onAppnet, "hidden")).toBeNull();
    expect(resolve(w, "node-1", onBridge, "ca")).toBeNull();
  });
});

describe("what the path tells the UI", () => {
  it("marks every hop of the answer's way back as the reply, the last delivery included", () => {
    const { w, appnet, a, b, c } = lab();
    for (const other of [b, c]) {
      const hops = roundTrip(w, "node-1", a, other.addresses[appnet.id]).hops;
      const firstBack = hops.findIndex((h) => h.action === "deliver") + 1;
      expect(hops.slice(0, firstBack).some((h) => h.reply)).toBe(false);
      expect(hops.slice(firstBack).every((h) => h.reply)).toBe(true);
    }
  });

  it("encodes the container's own frame as the same bytes VXLAN carries after its 50-byte outer headers", () => {
    const { w, appnet, a, b } = lab();
    const hops = roundTrip(w, "node-1", a, b.addresses[appnet.id], "icmp", { id: 7, seq: 3 }).hops;
    for (const wire of hops.filter((h) => h.action === "wire")) {
      const outer = encodeFrame(wire, wire.reply ?? false);
      expect([...outer.slice(50)]).toEqual([...encodeInnerFrame(wire, wire.reply ?? false)]);
    }
  });

  it("announces a query to the embedded DNS with its answer, and none from a container on the default bridge", () => {
    const { w, a } = lab();
    must(createService(w, "node-1", { name: "web", image: "nginx", replicas: 2, networks: ["appnet"] }));
    const seen: Hop[] = [];
    w.on((e) => e.type === "packet.hop" && seen.push(e.hop));
    const vip = resolve(w, "node-1", a, "web")!.addresses[0];
    resolve(w, "node-1", a, "nope");
    expect(seen).toEqual([
      { host: "node-1", action: "dns", inner: { src: a.addresses[Object.keys(a.addresses)[0]], dst: "127.0.0.11", protocol: "udp" }, detail: `web → ${vip} (VIP)` },
      { host: "node-1", action: "dns", inner: { src: a.addresses[Object.keys(a.addresses)[0]], dst: "127.0.0.11", protocol: "udp" }, detail: "nope: NXDOMAIN" },
    ]);
    const plain = must(runContainer(w, "node-1", { name: "plain", image: "alpine" }));
    resolve(w, "node-1", plain, "web");
    expect(seen).toHaveLength(2);
  });
});
