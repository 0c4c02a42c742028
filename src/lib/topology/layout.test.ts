import { createLab } from "sim-core";
import { describe, expect, it } from "vitest";
import type { FromWorker } from "@/lib/lab/protocol";
import { TopologyTracker } from "./build";
import { createTopologyFeed } from "./feed";
import { COL_W, FULL_LIMIT, layoutTopology, MIN_COL_W, PAD, placePoint, serviceLine, type Layout } from "./layout";
import fc from "fast-check";
import { applyDiff, emptyTopology, keyOf, type TopoEndpoint, type Topology } from "./model";

async function world(nodes: number, replicas: number) {
  const lab = createLab({ nodes, seed: "layout" });
  await lab.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await lab.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (let k = 2; k <= nodes; k++) await lab.exec(`node-${k}`, `docker swarm join --token ${token} 192.168.1.10:2377`);
  await lab.exec("node-1", "docker network create -d overlay appnet");
  await lab.exec("node-1", `docker service create -d --name web --replicas ${replicas} --network appnet nginx`);
  const t: Topology = emptyTopology();
  applyDiff(t, new TopologyTracker().full(lab.state(), true));
  return { lab, t };
}

describe("topology layout", () => {
  it("draws 5 nodes × 20 tasks in full: a column per host in node order, each task inside its host's column", async () => {
    const { t } = await world(5, 100);
    const l = layoutTopology(t);
    expect(l.mode).toBe("full");
    expect(l.hosts.map((h) => h.host.name)).toEqual(["node-1", "node-2", "node-3", "node-4", "node-5"]);
    expect(l.endpoints).toHaveLength(100);
    for (const e of l.endpoints) {
      const col = l.hosts.find((h) => h.host.name === e.endpoint.host)!;
      expect(e.x).toBeGreaterThanOrEqual(col.x);
      expect(e.x + e.w).toBeLessThanOrEqual(col.x + col.w);
      expect(e.y + e.h).toBeLessThan(l.kernelY);
    }
    const appnet = l.lanes.find((x) => x.net.name === "appnet")!;
    expect(appnet.taps.map((tap) => tap.host)).toEqual(["node-1", "node-2", "node-3", "node-4", "node-5"]);
    expect(appnet.y).toBeGreaterThan(l.kernelY);
    expect(l.underlayY).toBeGreaterThan(Math.max(...l.lanes.map((x) => x.y)));
    // Same model, same picture.
    expect(JSON.stringify(layoutTopology(t))).toBe(JSON.stringify(l));
  });

  it("fits 5 nodes in the 944 px beside the details on a 1280 px screen: narrower columns, every lane inside the drawing", async () => {
    const { t } = await world(5, 20);
    const wide = layoutTopology(t);
    expect(wide.hosts.map((h) => h.w)).toEqual(Array(5).fill(COL_W));
    const l = layoutTopology(t, 944);
    expect(l.width).toBeLessThanOrEqual(944);
    expect(l.hosts.map((h) => h.host.name)).toEqual(["node-1", "node-2", "node-3", "node-4", "node-5"]);
    for (const h of l.hosts) {
      expect(h.w).toBeGreaterThanOrEqual(MIN_COL_W);
      expect(h.x + h.w).toBeLessThanOrEqual(l.width - PAD);
    }
    for (const e of l.endpoints) {
      const col = l.hosts.find((h) => h.host.name === e.endpoint.host)!;
      expect(e.x).toBeGreaterThanOrEqual(col.x);
      expect(e.x + e.w).toBeLessThanOrEqual(col.x + col.w);
    }
    for (const lane of l.lanes) expect(lane.x2).toBeLessThanOrEqual(l.width - PAD);
    const ingress = l.lanes.find((x) => x.net.name === "ingress")!;
    expect(ingress.x1).toBeLessThan(l.hosts[0].x + 10);
    expect(ingress.x2).toBeGreaterThan(l.hosts[4].x + l.hosts[4].w - 10);
    expectLanesApart(l);
    // Columns narrow only so far: with less room than that, the drawing scrolls rather than squeezing its text.
    expect(layoutTopology(t, 600).hosts.map((h) => h.w)).toEqual(Array(5).fill(MIN_COL_W));
    // Room to spare leaves the columns at full width.
    expect(layoutTopology(t, 2000)).toEqual(wide);
  });

  it("gives every swarm network its own row, with no container yet and as containers come and go", async () => {
    const lab = createLab({ nodes: 3, seed: "lanes" });
    const tracker = new TopologyTracker();
    lab.events.subscribe((e) => tracker.note(e));
    const t: Topology = emptyTopology();
    applyDiff(t, tracker.full(lab.state(), true));
    const rowOf = new Map<string, number>();
    const check = () => {
      applyDiff(t, tracker.flush(lab.state()));
      const l = layoutTopology(t, 944);
      expectLanesApart(l);
      // A swarm network keeps its row (counted from the first lane's) while containers join it on other hosts.
      const top = Math.min(...l.lanes.map((x) => x.y));
      for (const lane of l.lanes.filter((x) => x.net.scope === "swarm")) {
        if (rowOf.has(lane.net.name)) expect(lane.y - top, lane.net.name).toBe(rowOf.get(lane.net.name));
        rowOf.set(lane.net.name, lane.y - top);
      }
      return l;
    };
    check();
    await lab.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    await lab.exec("node-1", "docker network create -d overlay --attachable appnet");
    const idle = check();
    // appnet reaches no host yet: its lane spans every column on a row of its own, without taps.
    const appnet = idle.lanes.find((x) => x.net.name === "appnet")!;
    const ingress = idle.lanes.find((x) => x.net.name === "ingress")!;
    expect(appnet.net.hosts).toEqual([]);
    expect(appnet.taps).toEqual([]);
    expect(appnet.y).not.toBe(ingress.y);
    expect(appnet.x1).toBeLessThanOrEqual(idle.hosts[0].x + 4);
    expect(appnet.x2).toBeGreaterThanOrEqual(idle.hosts[2].x + idle.hosts[2].w - 4);
    const token = (await lab.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
    await lab.exec("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
    check();
    await lab.exec("node-2", "docker run -dit --name far --network appnet alpine");
    expect(check().lanes.find((x) => x.net.name === "appnet")!.taps.map((tap) => tap.host)).toEqual(["node-2"]);
    await lab.exec("node-1", "docker network create -d overlay other");
    await lab.exec("node-1", "docker service create -d --name web --replicas 2 --network other nginx");
    await lab.exec("node-1", "docker run -dit --name near --network appnet alpine");
    check();
    await lab.exec("node-2", "docker rm -f far");
    check();
  });

  it("aggregates 100 nodes × 10,000 tasks into host tiles with counts per service", async () => {
    const { lab, t } = await world(100, 10_000);
    expect(t.hosts.size).toBeGreaterThan(FULL_LIMIT.hosts);
    const l = layoutTopology(t);
    expect(l.mode).toBe("aggregate");
    expect(l.endpoints).toHaveLength(0);
    expect(l.hosts).toHaveLength(100);
    expect(l.aggregates.get("node-37")).toEqual({ host: "node-37", total: 100, services: [{ name: "web", count: 100 }] });
    // A drain's diff moves node-37's tasks: the counts follow without a walk over every endpoint.
    const tracker = new TopologyTracker();
    lab.events.subscribe((e) => tracker.note(e));
    tracker.full(lab.state(), true);
    await lab.exec("node-1", "docker node update --availability drain node-37");
    applyDiff(t, tracker.flush(lab.state()));
    const drained = layoutTopology(t);
    expect(drained.aggregates.get("node-37")).toEqual({ host: "node-37", total: 0, services: [] });
    expect([...drained.aggregates.values()].reduce((n, a) => n + a.total, 0)).toBe(10_000);
    expect(t.counts).toEqual(freshCounts(t));
    expect(placePoint(l, "node-2", "wire", undefined, "node-3")).toEqual({ x: (l.hosts[1].x + l.hosts[2].x) / 2 + l.hosts[1].w / 2, y: l.hosts[1].y + l.hosts[1].h / 2 });
  }, 60_000);
});

/**
 * No two lanes' labels can overprint: every lane is at least a column wide, a swarm network's lane is alone
 * on its row, and lanes that share a row (host-local networks of different hosts) are a column gap apart.
 */
function expectLanesApart(l: Layout) {
  for (const lane of l.lanes) {
    expect(lane.x2 - lane.x1, lane.net.name).toBeGreaterThanOrEqual(MIN_COL_W - 8);
    expect(lane.x1).toBeGreaterThanOrEqual(PAD);
    expect(lane.x2).toBeLessThanOrEqual(l.width - PAD);
    for (const other of l.lanes) {
      if (other === lane || other.y !== lane.y) continue;
      expect(lane.net.scope === "swarm" || other.net.scope === "swarm", `${lane.net.name} and ${other.net.name} share a row`).toBe(false);
      expect(other.x1 > lane.x2 + 16 || other.x2 < lane.x1 - 16, `${lane.net.name} and ${other.net.name} overlap`).toBe(true);
    }
  }
}

/** Containers per host and service, counted afresh from the endpoints. */
function freshCounts(t: Topology): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const e of t.endpoints.values()) {
    const perService = counts.get(e.host) ?? counts.set(e.host, new Map()).get(e.host)!;
    perService.set(e.serviceName ?? "", (perService.get(e.serviceName ?? "") ?? 0) + 1);
  }
  return counts;
}

describe("an aggregated tile's service line", () => {
  it("names the one service alone (the count is on the line above), else the two largest with their counts, cut to fit", () => {
    expect(serviceLine([{ name: "web", count: 101 }])).toBe("web");
    expect(serviceLine([{ name: "", count: 3 }])).toBe("—");
    expect(serviceLine([{ name: "web", count: 60 }, { name: "db", count: 40 }, { name: "cache", count: 1 }])).toBe("web ×60 db ×40");
    expect(serviceLine([{ name: "frontend-service", count: 60 }, { name: "db", count: 40 }])).toBe("frontend-service ×60 db…");
    expect(serviceLine([])).toBe("");
  });
});

describe("the counts applyDiff keeps", () => {
  const endpoint = (id: number, host: number, service: string | null): TopoEndpoint => ({
    kind: "endpoint",
    key: keyOf("endpoint", String(id)),
    id: String(id),
    host: `node-${host}`,
    name: service ? `${service}.${id}` : `c${id}`,
    image: "nginx",
    state: "running",
    serviceId: service,
    serviceName: service,
    slot: id,
    taskId: null,
    addresses: [],
    ports: [],
  });

  it("equal a fresh count after any run of diffs: endpoints added, moved between hosts and services, removed, set twice", () => {
    const op = fc.record({ id: fc.integer({ min: 0, max: 30 }), host: fc.integer({ min: 1, max: 4 }), service: fc.constantFrom("web", "db", null), gone: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 12 }), { maxLength: 20 }), (diffs) => {
        const t = emptyTopology();
        for (const ops of diffs) {
          applyDiff(t, {
            set: ops.filter((o) => !o.gone).map((o) => endpoint(o.id, o.host, o.service)),
            del: ops.filter((o) => o.gone).map((o) => keyOf("endpoint", String(o.id))),
          });
          expect(t.counts).toEqual(freshCounts(t));
        }
      }),
    );
  });
});

describe("the worker's feed", () => {
  it("sends every record once after a boot, then only what a command changed, and the packets it sent", async () => {
    const lab = createLab({ nodes: 2, seed: "feed" });
    const posted: FromWorker[] = [];
    const feed = createTopologyFeed(lab, (m) => posted.push(m));
    feed.full(true);
    expect(posted).toEqual([{ type: "topology", reset: true, diff: { set: expect.any(Array), del: [] } }]);
    const first = posted[0] as Extract<FromWorker, { type: "topology" }>;
    expect(first.diff.set.map((e) => e.key)).toEqual(["h:node-1", "h:node-2"]);
    posted.length = 0;
    await lab.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    await lab.exec("node-1", "docker network create -d overlay --attachable appnet");
    await lab.exec("node-1", "docker run -dit --name one --network appnet alpine");
    await lab.exec("node-1", "docker run -dit --name two --network appnet alpine");
    feed.full();
    await lab.exec("node-1", "docker exec one ping -c 1 two");
    const packets = posted.filter((m) => m.type === "packets");
    expect(packets.length).toBeGreaterThan(0);
    posted.length = 0;
    feed.full();
    expect(posted).toEqual([]);
    expect(feed.pcap().subarray(0, 4)).toEqual(Uint8Array.from([0xd4, 0xc3, 0xb2, 0xa1]));
    feed.dispose();
  });
});
