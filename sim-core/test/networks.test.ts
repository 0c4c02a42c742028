import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorText, type SimError } from "../src/engine/errors";
import { World } from "../src/engine/world";
import { contains, parseCidr, parseIp } from "../src/net/ipam";
import { createNetwork, findNetwork, removeNetwork, visibleNetworks, type Network } from "../src/net/networks";
import { joinTokenFor, swarmInit, swarmJoin } from "../src/swarm/cluster";
import { createService, removeService } from "../src/swarm/services";

const must = <T>(r: { ok: true; value: T } | { ok: false; error: SimError }): T => {
  if (!r.ok) throw new Error(errorText(r.error));
  return r.value;
};
const failure = (r: { ok: boolean; error?: SimError }) => (r.ok ? "ok" : errorText(r.error!));
const table = (nets: Network[]) => nets.map((n) => [n.name, n.driver, n.scope, n.subnet]);

function swarm() {
  const w = World.create({ nodes: 3, seed: "nets" });
  must(swarmInit(w, "node-1", { advertiseAddr: "192.168.1.10" }));
  const { token } = must(joinTokenFor(w, "node-1", "worker"));
  must(swarmJoin(w, "node-2", token, "192.168.1.10:2377"));
  return w;
}

describe("default networks", () => {
  it("every engine starts with bridge, host and none", () => {
    const w = World.create({ seed: "d" });
    expect(table(visibleNetworks(w, "node-2"))).toEqual([
      ["bridge", "bridge", "local", "172.17.0.0/16"],
      ["host", "host", "local", null],
      ["none", "null", "local", null],
    ]);
  });

  it("swarm init adds ingress (10.0.0.0/24, VNI 4096) and docker_gwbridge (172.18.0.0/16); a worker gets both too", () => {
    const w = swarm();
    const onManager = visibleNetworks(w, "node-1");
    expect(table(onManager)).toEqual([
      ["bridge", "bridge", "local", "172.17.0.0/16"],
      ["docker_gwbridge", "bridge", "local", "172.18.0.0/16"],
      ["host", "host", "local", null],
      ["ingress", "overlay", "swarm", "10.0.0.0/24"],
      ["none", "null", "local", null],
    ]);
    const ingress = onManager.find((n) => n.name === "ingress")!;
    expect(ingress).toMatchObject({ vni: 4096, gateway: "10.0.0.1", ingress: true });
    expect(ingress.id).toMatch(/^[0-9a-z]{25}$/);
    expect(onManager.find((n) => n.name === "bridge")!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(table(visibleNetworks(w, "node-2")).map((r) => r[0])).toEqual(["bridge", "docker_gwbridge", "host", "ingress", "none"]);
  });
});

describe("docker network create", () => {
  it("gives the first user overlay 10.0.1.0/24 and VNI 4097, and stores -o encrypted as Docker does", () => {
    const w = swarm();
    const appnet = must(createNetwork(w, "node-1", { name: "appnet", driver: "overlay", attachable: true }));
    const secure = must(createNetwork(w, "node-1", { name: "secure-net", driver: "overlay", subnet: "10.5.0.0/16", options: { encrypted: "" } }));
    expect(appnet).toMatchObject({ subnet: "10.0.1.0/24", gateway: "10.0.1.1", vni: 4097, attachable: true });
    expect(secure).toMatchObject({ subnet: "10.5.0.0/16", gateway: "10.5.0.1", vni: 4098 });
    expect(secure.options).toEqual({ encrypted: "", "com.docker.network.driver.overlay.vxlanid_list": "4098" });
  });

  it("refuses an overlay outside a swarm and on a worker with the same text", () => {
    const w = swarm();
    const text = 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
    expect(failure(createNetwork(w, "node-3", { name: "test", driver: "overlay" }))).toBe(text);
    expect(failure(createNetwork(w, "node-2", { name: "test", driver: "overlay" }))).toBe(text);
  });

  it("refuses duplicates, predefined names, a second ingress and an attachable ingress", () => {
    const w = swarm();
    must(createNetwork(w, "node-1", { name: "appnet", driver: "overlay" }));
    expect(failure(createNetwork(w, "node-1", { name: "appnet", driver: "overlay" }))).toBe("network with name appnet already exists");
    expect(failure(createNetwork(w, "node-1", { name: "appnet" }))).toBe("network with name appnet already exists");
    expect(failure(createNetwork(w, "node-1", { name: "bridge" }))).toBe("operation is not permitted on predefined bridge network ");
    expect(failure(createNetwork(w, "node-1", { name: "host", driver: "overlay" }))).toBe("host is a pre-defined network and cannot be created");
    const ingressId = visibleNetworks(w, "node-1").find((n) => n.name === "ingress")!.id;
    expect(failure(createNetwork(w, "node-1", { name: "ing2", driver: "overlay", ingress: true }))).toBe(
      `rpc error: code = AlreadyExists desc = ingress network (${ingressId}) is already present`,
    );
  });

  it("allocates user bridges from the local pools and refuses an overlapping --subnet", () => {
    const w = World.create({ seed: "b" });
    expect(must(createNetwork(w, "node-1", { name: "mynet" })).subnet).toBe("172.18.0.0/16");
    expect(must(createNetwork(w, "node-1", { name: "other", subnet: "192.168.50.0/24" })).gateway).toBe("192.168.50.1");
    expect(failure(createNetwork(w, "node-1", { name: "clash", subnet: "172.17.3.0/24" }))).toBe(
      "invalid pool request: Pool overlaps with other one on this address space",
    );
    // Another engine has its own pools.
    expect(must(createNetwork(w, "node-2", { name: "mynet" })).subnet).toBe("172.18.0.0/16");
  });

  it("a worker lists an overlay only once a task of it lands there, and keeps it after", () => {
    const w = swarm();
    must(createNetwork(w, "node-1", { name: "appnet", driver: "overlay" }));
    expect(visibleNetworks(w, "node-2").some((n) => n.name === "appnet")).toBe(false);
    expect(visibleNetworks(w, "node-1").some((n) => n.name === "appnet")).toBe(true);
    must(createService(w, "node-1", { name: "api", image: "nginx", replicas: 1, networks: ["appnet"], constraints: ["node.hostname==node-2"] }));
    expect(visibleNetworks(w, "node-2").some((n) => n.name === "appnet")).toBe(true);
    must(removeService(w, "node-1", "api"));
    expect(visibleNetworks(w, "node-2").some((n) => n.name === "appnet")).toBe(true);
  });

  it("never hands out overlapping overlay subnets, and gateways lie inside their subnets", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (count) => {
        const w = swarm();
        for (let i = 0; i < count; i++) must(createNetwork(w, "node-1", { name: `net${i}`, driver: "overlay" }));
        const subnets = visibleNetworks(w, "node-1").filter((n) => n.scope === "swarm").map((n) => n.subnet!);
        const nets = visibleNetworks(w, "node-1").filter((n) => n.subnet);
        return (
          new Set(subnets).size === subnets.length &&
          nets.every((n) => {
            const c = parseCidr(n.subnet!);
            return c.ok && contains(c.value, parseIp(n.gateway!)!);
          })
        );
      }),
      { numRuns: 20 },
    );
  });
});

describe("finding and removing networks", () => {
  it("finds by full ID, name, or unique ID prefix, and says when it cannot", () => {
    const w = swarm();
    const appnet = must(createNetwork(w, "node-1", { name: "appnet", driver: "overlay" }));
    expect(must(findNetwork(w, "node-1", appnet.id)).name).toBe("appnet");
    expect(must(findNetwork(w, "node-1", "appnet")).id).toBe(appnet.id);
    expect(must(findNetwork(w, "node-1", appnet.id.slice(0, 5))).name).toBe("appnet");
    expect(failure(findNetwork(w, "node-1", "nope"))).toBe("network nope not found");
  });

  it("removes user networks but never the predefined ones", () => {
    const w = swarm();
    must(createNetwork(w, "node-1", { name: "appnet", driver: "overlay" }));
    must(createNetwork(w, "node-1", { name: "mynet" }));
    expect(must(removeNetwork(w, "node-1", "appnet")).name).toBe("appnet");
    expect(must(removeNetwork(w, "node-1", "mynet")).name).toBe("mynet");
    expect(failure(removeNetwork(w, "node-1", "bridge"))).toBe("bridge is a pre-defined network and cannot be removed");
    expect(failure(removeNetwork(w, "node-1", "none"))).toBe("none is a pre-defined network and cannot be removed");
    expect(failure(removeNetwork(w, "node-1", "appnet"))).toBe("network appnet not found");
  });
});
