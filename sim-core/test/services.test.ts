import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorText, type SimError } from "../src/engine/errors";
import { World } from "../src/engine/world";
import { contains, parseCidr, parseIp } from "../src/net/ipam";
import { createNetwork } from "../src/net/networks";
import { joinTokenFor, swarmInit, swarmJoin } from "../src/swarm/cluster";
import {
  containerName,
  createService,
  removeService,
  scaleService,
  serviceTasks,
  setAvailability,
  setHostUp,
} from "../src/swarm/services";
import type { SwarmState } from "../src/model/state";

const must = <T>(r: { ok: true; value: T } | { ok: false; error: SimError }): T => {
  if (!r.ok) throw new Error(errorText(r.error));
  return r.value;
};
const failure = (r: { ok: boolean; error?: SimError }) => (r.ok ? "ok" : errorText(r.error!));

function lab(nodes = 2, seed = "svc") {
  const w = World.create({ nodes: 3, seed });
  must(swarmInit(w, "node-1", { advertiseAddr: "192.168.1.10" }));
  const { token } = must(joinTokenFor(w, "node-1", "worker"));
  for (let k = 2; k <= nodes; k++) must(swarmJoin(w, `node-${k}`, token, "192.168.1.10:2377"));
  const appnet = must(createNetwork(w, "node-1", { name: "appnet", driver: "overlay", attachable: true }));
  const swarm = Object.values(w.state.swarms)[0];
  return { w, swarm, appnet };
}
const running = (swarm: SwarmState, serviceId: string) => serviceTasks(swarm, serviceId).filter((t) => t.state === "running");
const spread = (swarm: SwarmState, serviceId: string) => {
  const counts: Record<string, number> = {};
  for (const t of running(swarm, serviceId)) counts[swarm.nodes[t.nodeId!].hostname] = (counts[swarm.nodes[t.nodeId!].hostname] ?? 0) + 1;
  return counts;
};

describe("docker service create", () => {
  it("spreads 4 replicas 2 and 2 over a two-node swarm, the article's example", () => {
    const { w, swarm } = lab(2);
    const api = must(createService(w, "node-1", { name: "api", image: "nginx", replicas: 4, networks: ["appnet"] }));
    expect(spread(swarm, api.id)).toEqual({ "node-1": 2, "node-2": 2 });
    expect(api.image).toBe("nginx:latest");
  });

  it("gives the service a VIP on its network and each task the next addresses", () => {
    const { w, swarm, appnet } = lab(2);
    const api = must(createService(w, "node-1", { name: "api", image: "nginx", replicas: 3, networks: ["appnet"] }));
    expect(api.vips).toEqual({ [appnet.id]: "10.0.1.2" });
    expect(running(swarm, api.id).map((t) => t.addresses[appnet.id])).toEqual(["10.0.1.3", "10.0.1.4", "10.0.1.5"]);
  });

  it("runs each task in a container named <service>.<slot>.<task id> on its node", () => {
    const { w, swarm } = lab(2);
    const api = must(createService(w, "node-1", { name: "api", image: "nginx", replicas: 2, networks: ["appnet"] }));
    const [t1] = running(swarm, api.id);
    const host = w.state.hosts[swarm.nodes[t1.nodeId!].hostname];
    const c = host.containers[t1.containerId!];
    expect(c.name).toBe(`api.1.${t1.id}`);
    expect(containerName(api, t1)).toBe(c.name);
    expect(c.hostname).toBe(c.id.slice(0, 12));
  });

  it("runs a global service once on every eligible node", () => {
    const { w, swarm } = lab(3);
    const mon = must(createService(w, "node-1", { name: "mon", image: "alpine", args: ["sleep", "1d"], mode: "global" }));
    expect(spread(swarm, mon.id)).toEqual({ "node-1": 1, "node-2": 1, "node-3": 1 });
  });

  it("keeps a task pending when no node satisfies the constraints", () => {
    const { w, swarm } = lab(2);
    const db = must(createService(w, "node-1", { name: "db", image: "postgres", constraints: ["node.hostname==node-9"] }));
    const [t] = serviceTasks(swarm, db.id);
    expect(t).toMatchObject({ state: "pending", error: "no suitable node (scheduling constraints not satisfied on 2 nodes)" });
    const mgr = must(createService(w, "node-1", { name: "mgr", image: "nginx", replicas: 2, constraints: ["node.role==manager"] }));
    expect(spread(swarm, mgr.id)).toEqual({ "node-1": 2 });
  });

  it("fails as Docker does", () => {
    const { w } = lab(2);
    must(createService(w, "node-1", { name: "api", image: "nginx" }));
    expect(failure(createService(w, "node-1", { name: "api", image: "nginx" }))).toBe(
      "rpc error: code = AlreadyExists desc = name conflicts with an existing object: service api already exists",
    );
    expect(failure(createService(w, "node-1", { name: "x", image: "a", networks: ["nope"] }))).toBe("network nope not found");
    // A user-defined local network (the predefined host and none stand for the swarm's own, see tutorials.test.ts).
    must(createNetwork(w, "node-1", { name: "lan" }));
    expect(failure(createService(w, "node-1", { name: "x", image: "a", networks: ["lan"] }))).toBe(
      "The network lan cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.",
    );
    const web = must(createService(w, "node-1", { name: "web", image: "nginx", ports: [{ protocol: "tcp", targetPort: 80, publishedPort: 8080, publishMode: "ingress" }] }));
    expect(failure(createService(w, "node-1", { name: "web2", image: "nginx", ports: [{ protocol: "tcp", targetPort: 80, publishedPort: 8080, publishMode: "ingress" }] }))).toBe(
      `rpc error: code = InvalidArgument desc = port '8080' is already in use by service 'web' (${web.id}) as an ingress port`,
    );
    expect(
      failure(createService(w, "node-1", { name: "d", image: "nginx", endpointMode: "dnsrr", ports: [{ protocol: "tcp", targetPort: 80, publishedPort: 81, publishMode: "ingress" }] })),
    ).toBe("rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can't be used with dnsrr mode");
    expect(failure(createService(w, "node-2", { name: "z", image: "a" }))).toMatch(/^This node is not a swarm manager\. Worker nodes/);
  });

  it("publishes through the routing mesh with a VIP on ingress, and dnsrr gets no VIP", () => {
    const { w, swarm } = lab(2);
    const ingress = Object.values(swarm.networks).find((n) => n.ingress)!;
    const web = must(createService(w, "node-1", { name: "web", image: "nginx", replicas: 2, ports: [{ protocol: "tcp", targetPort: 80, publishedPort: 8080, publishMode: "ingress" }] }));
    // node-1 and node-2 hold 10.0.0.2 and 10.0.0.3 (their ingress-sbox); the VIP comes next.
    expect(web.vips[ingress.id]).toBe("10.0.0.4");
    expect(running(swarm, web.id).every((t) => t.addresses[ingress.id])).toBe(true);
    const rr = must(createService(w, "node-1", { name: "rr", image: "nginx", endpointMode: "dnsrr", networks: ["appnet"] }));
    expect(rr.vips).toEqual({});
  });
});

describe("scale, drain, failures, removal", () => {
  it("scales up and down", () => {
    const { w, swarm } = lab(2);
    const api = must(createService(w, "node-1", { name: "api", image: "nginx", replicas: 2, networks: ["appnet"] }));
    must(scaleService(w, "node-1", "api", 5));
    expect(running(swarm, api.id)).toHaveLength(5);
    must(scaleService(w, "node-1", api.id.slice(0, 6), 1));
    expect(running(swarm, api.id).map((t) => t.slot)).toEqual([1]);
    expect(failure(scaleService(w, "node-1", "nope", 1))).toBe("service nope not found");
  });

  it("drain moves every task off the node and keeps the old ones as shutdown history", () => {
    const { w, swarm } = lab(3);
    const api = must(createService(w, "node-1", { name: "api", image: "nginx", replicas: 6, networks: ["appnet"] }));
    must(setAvailability(w, "node-1", "node-2", "drain"));
    expect(spread(swarm, api.id)).toEqual({ "node-1": 3, "node-3": 3 });
    expect(serviceTasks(swarm, api.id).filter((t) => t.state === "shutdown")).toHaveLength(2);
    expect(Object.keys(w.state.hosts["node-2"].containers)).toEqual([]);
  });

  it("reschedules the tasks of a node that goes down, and uses it again once it is back and new tasks come", () => {
    const { w, swarm } = lab(3);
    const api = must(createService(w, "node-1", { name: "api", image: "nginx", replicas: 3, networks: ["appnet"] }));
    must(setHostUp(w, "node-3", false));
    expect(spread(swarm, api.id)).toEqual({ "node-1": 2, "node-2": 1 });
    expect(serviceTasks(swarm, api.id).filter((t) => t.state === "failed")).toHaveLength(1);
    must(setHostUp(w, "node-3", true));
    must(scaleService(w, "node-1", "api", 6));
    expect(spread(swarm, api.id)).toEqual({ "node-1": 2, "node-2": 2, "node-3": 2 });
  });

  it("removing a service frees its addresses and containers", () => {
    const { w, swarm, appnet } = lab(2);
    must(createService(w, "node-1", { name: "api", image: "nginx", replicas: 3, networks: ["appnet"] }));
    must(removeService(w, "node-1", "api"));
    expect(swarm.networks[appnet.id].endpoints).toEqual({});
    expect(Object.values(w.state.hosts).every((h) => Object.keys(h.containers).length === 0)).toBe(true);
  });
});

describe("properties over random operation sequences", () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant("create" as const), replicas: fc.integer({ min: 0, max: 8 }), global: fc.boolean() }),
    fc.record({ kind: fc.constant("scale" as const), index: fc.nat(), replicas: fc.integer({ min: 0, max: 8 }) }),
    fc.record({ kind: fc.constant("drain" as const), host: fc.integer({ min: 1, max: 3 }), on: fc.boolean() }),
    fc.record({ kind: fc.constant("power" as const), host: fc.integer({ min: 2, max: 3 }), on: fc.boolean() }),
    fc.record({ kind: fc.constant("remove" as const), index: fc.nat() }),
  );
  type Op = { kind: string; replicas?: number; global?: boolean; index?: number; host?: number; on?: boolean };
  function run(ops: Op[]) {
    const { w, swarm } = lab(3, "prop");
    let n = 0;
    for (const o of ops) {
      const names = Object.values(swarm.services).map((s) => s.name);
      if (o.kind === "create") createService(w, "node-1", { name: `s${n++}`, image: "nginx", networks: ["appnet"], ...(o.global ? { mode: "global" } : { replicas: o.replicas }) });
      if (o.kind === "scale" && names.length) scaleService(w, "node-1", names[o.index! % names.length], o.replicas!);
      if (o.kind === "drain") setAvailability(w, "node-1", `node-${o.host}`, o.on ? "drain" : "active");
      if (o.kind === "power") setHostUp(w, `node-${o.host}`, o.on!);
      if (o.kind === "remove" && names.length) removeService(w, "node-1", names[o.index! % names.length]);
    }
    return { w, swarm };
  }

  it("replicas converge, drain and down empty a node, addresses are unique and inside their subnets", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 20 }), (ops) => {
        const { w, swarm } = run(ops);
        const usable = Object.values(swarm.nodes).filter((n) => n.status === "ready" && n.availability === "active");
        for (const s of Object.values(swarm.services)) {
          const live = running(swarm, s.id);
          const want = s.mode === "global" ? usable.length : usable.length > 0 ? s.replicas : 0;
          if (live.length !== want) return false;
          if (live.some((t) => !usable.some((n) => n.id === t.nodeId))) return false;
        }
        for (const net of Object.values(swarm.networks)) {
          const subnet = parseCidr(net.subnet!);
          const ips = Object.keys(net.endpoints);
          if (!subnet.ok || ips.some((ip) => !contains(subnet.value, parseIp(ip)!))) return false;
          const live = [...Object.values(swarm.tasks).flatMap((t) => (t.state === "running" ? [t.addresses[net.id]] : [])), ...Object.values(swarm.services).map((s) => s.vips[net.id])].filter(Boolean);
          if (new Set(live).size !== live.length || live.some((ip) => !(ip in net.endpoints))) return false;
        }
        const containers = Object.values(w.state.hosts).flatMap((h) => Object.values(h.containers));
        return containers.length === Object.values(swarm.tasks).filter((t) => t.state === "running").length;
      }),
      { numRuns: 60 },
    );
  });

  it("snapshot → restore → the same operations give the same world", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), fc.array(op, { maxLength: 8 }), (first, then) => {
        const { w } = run(first);
        const r = World.restore(w.snapshot());
        const apply = (world: World) => {
          const swarm = Object.values(world.state.swarms)[0];
          let n = 100;
          for (const o of then as Op[]) {
            if (o.kind === "create") createService(world, "node-1", { name: `t${n++}`, image: "nginx", networks: ["appnet"], replicas: o.replicas ?? 1 });
            if (o.kind === "drain") setAvailability(world, "node-1", `node-${o.host}`, o.on ? "drain" : "active");
          }
          return swarm;
        };
        apply(w);
        apply(r);
        return JSON.stringify(w.snapshot()) === JSON.stringify(r.snapshot());
      }),
      { numRuns: 40 },
    );
  });
});

describe("quorum", () => {
  it("a swarm that lost its manager majority refuses to read or change state, and recovers with it", () => {
    const w = World.create({ nodes: 3, seed: "quorum" });
    must(swarmInit(w, "node-1", { advertiseAddr: "192.168.1.10" }));
    const { token } = must(joinTokenFor(w, "node-1", "manager"));
    must(swarmJoin(w, "node-2", token, "192.168.1.10:2377"));
    must(swarmJoin(w, "node-3", token, "192.168.1.10:2377"));
    must(setHostUp(w, "node-3", false));
    expect(createService(w, "node-1", { name: "ok", image: "nginx" }).ok).toBe(true); // 2 of 3 managers: still a majority
    must(setHostUp(w, "node-2", false));
    expect(failure(createService(w, "node-1", { name: "no", image: "nginx" }))).toBe(
      "rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.",
    );
    must(setHostUp(w, "node-2", true));
    expect(createService(w, "node-1", { name: "again", image: "nginx" }).ok).toBe(true);
  });
});
