import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorText, type SimError } from "../src/engine/errors";
import { hostAddress, World } from "../src/engine/world";
import { findNode, joinTokenFor, listNodes, nodeOf, setRole, swarmInit, swarmJoin, swarmLeave } from "../src/swarm/cluster";

const must = <T>(r: { ok: true; value: T } | { ok: false; error: SimError }): T => {
  if (!r.ok) throw new Error(errorText(r.error));
  return r.value;
};
const failure = (r: { ok: boolean; error?: SimError }) => (r.ok ? "ok" : errorText(r.error!));

function twoNodeSwarm(seed = "t") {
  const w = World.create({ nodes: 3, seed });
  must(swarmInit(w, "node-1", { advertiseAddr: "192.168.1.10" }));
  const { token } = must(joinTokenFor(w, "node-1", "worker"));
  must(swarmJoin(w, "node-2", token, "192.168.1.10:2377"));
  return w;
}

describe("the world", () => {
  it("has node-k at 192.168.1.(10·k)", () => {
    const w = World.create({ nodes: 3 });
    expect(w.hosts().map((h) => [h.name, h.ip])).toEqual([
      ["node-1", "192.168.1.10"],
      ["node-2", "192.168.1.20"],
      ["node-3", "192.168.1.30"],
    ]);
    expect(hostAddress(25)).toBe("192.168.1.250");
  });

  it("refuses an impossible size", () => {
    expect(() => World.create({ nodes: 0 })).toThrow(RangeError);
    expect(() => World.create({ nodes: 501 })).toThrow(RangeError);
  });
});

describe("swarm init, join and tokens", () => {
  it("makes node-1 the leader and hands out SWMTKN-1 tokens addressed to it", () => {
    const w = World.create({ seed: "init" });
    const { nodeId } = must(swarmInit(w, "node-1", { advertiseAddr: "192.168.1.10" }));
    expect(nodeId).toMatch(/^[0-9a-z]{25}$/);
    const worker = must(joinTokenFor(w, "node-1", "worker"));
    const manager = must(joinTokenFor(w, "node-1", "manager"));
    expect(worker.token).toMatch(/^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/);
    expect(worker.token.slice(0, 59)).toBe(manager.token.slice(0, 59)); // same CA digest, different secret
    expect(worker.token).not.toBe(manager.token);
    expect(worker.addr).toBe("192.168.1.10:2377");
  });

  it("joins a worker with the worker token and a manager with the manager token", () => {
    const w = twoNodeSwarm();
    const { token } = must(joinTokenFor(w, "node-1", "manager"));
    expect(must(swarmJoin(w, "node-3", token, "192.168.1.10:2377"))).toEqual({ role: "manager" });
    expect(must(listNodes(w, "node-1")).map((n) => [n.hostname, n.role, n.leader])).toEqual([
      ["node-1", "manager", true],
      ["node-2", "worker", false],
      ["node-3", "manager", false],
    ]);
  });

  it("fails as Docker does", () => {
    const w = twoNodeSwarm();
    const { token } = must(joinTokenFor(w, "node-1", "worker"));
    expect(failure(swarmInit(w, "node-1"))).toBe('This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.');
    expect(failure(swarmJoin(w, "node-3", token.replace(/.$/, "x"), "192.168.1.10:2377"))).toBe(
      "rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster",
    );
    expect(failure(swarmJoin(w, "node-3", token, "192.168.1.99:2377"))).toMatch(/^Timeout was reached before node joined\./);
    expect(failure(listNodes(w, "node-2"))).toBe(
      "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.",
    );
    expect(failure(listNodes(w, "node-3"))).toBe(
      'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
    );
    expect(failure(swarmInit(World.create(), "node-1", { dataPathPort: 80 }))).toBe("Datapath port number is not in valid range (1024-49151) : 80");
  });

  it("rotates a token so the old one stops working", () => {
    const w = twoNodeSwarm();
    const old = must(joinTokenFor(w, "node-1", "worker")).token;
    const fresh = must(joinTokenFor(w, "node-1", "worker", true)).token;
    expect(fresh).not.toBe(old);
    expect(failure(swarmJoin(w, "node-3", old, "192.168.1.10:2377"))).toMatch(/A valid join token is necessary/);
    expect(swarmJoin(w, "node-3", fresh, "192.168.1.10:2377").ok).toBe(true);
  });
});

describe("leave, promote, demote", () => {
  it("lets a worker leave; managers still list it as down", () => {
    const w = twoNodeSwarm();
    expect(swarmLeave(w, "node-2").ok).toBe(true);
    expect(nodeOf(w, "node-2")).toBeNull();
    expect(must(listNodes(w, "node-1")).map((n) => [n.hostname, n.status])).toEqual([
      ["node-1", "ready"],
      ["node-2", "down"],
    ]);
    expect(failure(swarmLeave(w, "node-2"))).toBe("This node is not part of a swarm");
  });

  it("refuses a manager without --force, with the reason Docker gives", () => {
    const w = twoNodeSwarm();
    expect(failure(swarmLeave(w, "node-1"))).toBe(
      "You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message. ",
    );
    must(setRole(w, "node-1", "node-2", "manager"));
    expect(failure(swarmLeave(w, "node-1"))).toBe(
      "You are attempting to leave the swarm on a node that is participating as a manager. Removing this node leaves 1 managers out of 2. Without a Raft quorum your swarm will be inaccessible. The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.",
    );
    expect(swarmLeave(w, "node-1", true).ok).toBe(true);
    // Two managers and one gone: the survivor has no Raft majority, exactly what the warning said.
    expect(failure(listNodes(w, "node-2"))).toMatch(/^rpc error: code = Unknown desc = The swarm does not have a leader\./);
  });

  it("erases the swarm when the last manager leaves with --force", () => {
    const w = twoNodeSwarm();
    expect(swarmLeave(w, "node-1", true).ok).toBe(true);
    expect(w.state.swarms).toEqual({});
    expect(nodeOf(w, "node-2")).toBeNull();
    expect(swarmInit(w, "node-2").ok).toBe(true);
  });

  it("promotes and demotes, but never the last manager", () => {
    const w = twoNodeSwarm();
    expect(must(setRole(w, "node-1", "node-2", "manager")).changed).toBe(true);
    expect(must(setRole(w, "node-1", "node-2", "manager")).changed).toBe(false);
    expect(must(setRole(w, "node-1", "node-2", "worker")).changed).toBe(true);
    expect(failure(setRole(w, "node-1", "node-1", "worker"))).toBe(
      "rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm",
    );
  });

  it("finds nodes by ID, hostname, unique prefix or self", () => {
    const w = twoNodeSwarm();
    const n2 = nodeOf(w, "node-2")!;
    expect(must(findNode(w, "node-1", n2.id)).hostname).toBe("node-2");
    expect(must(findNode(w, "node-1", "node-2")).id).toBe(n2.id);
    expect(must(findNode(w, "node-1", n2.id.slice(0, 6))).id).toBe(n2.id);
    expect(must(findNode(w, "node-1", "self")).hostname).toBe("node-1");
    expect(failure(findNode(w, "node-1", "nope"))).toBe("node nope not found");
  });
});

describe("determinism and snapshots", () => {
  type Op = { kind: "init" | "join" | "leave" | "promote" | "demote" | "rotate"; host: number; force: boolean };
  const ops = fc.array(
    fc.record({
      kind: fc.constantFrom("init", "join", "leave", "promote", "demote", "rotate"),
      host: fc.integer({ min: 1, max: 4 }),
      force: fc.boolean(),
    }),
    { maxLength: 25 },
  );
  function apply(w: World, op: Op) {
    const host = `node-${op.host}`;
    const manager = w.hosts().find((h) => nodeOf(w, h.name)?.role === "manager" && nodeOf(w, h.name)?.status === "ready")?.name;
    switch (op.kind) {
      case "init":
        return swarmInit(w, host);
      case "join": {
        if (!manager) return null;
        const t = joinTokenFor(w, manager, op.force ? "manager" : "worker");
        return t.ok ? swarmJoin(w, host, t.value.token, t.value.addr) : t;
      }
      case "leave":
        return swarmLeave(w, host, op.force);
      case "promote":
      case "demote":
        return manager ? setRole(w, manager, host, op.kind === "promote" ? "manager" : "worker") : null;
      case "rotate":
        return manager ? joinTokenFor(w, manager, "worker", true) : null;
    }
  }

  it("gives the same state for the same seed and operations", () => {
    fc.assert(
      fc.property(fc.string(), ops, (seed, list) => {
        const a = World.create({ nodes: 4, seed });
        const b = World.create({ nodes: 4, seed });
        list.forEach((op) => apply(a, op));
        list.forEach((op) => apply(b, op));
        return JSON.stringify(a.snapshot()) === JSON.stringify(b.snapshot());
      }),
    );
  });

  it("snapshot → restore → snapshot is identical, and the restored world continues the same way", () => {
    fc.assert(
      fc.property(ops, ops, (first, then) => {
        const w = World.create({ nodes: 4, seed: "snap" });
        first.forEach((op) => apply(w, op));
        const snap = w.snapshot();
        const r = World.restore(snap);
        if (JSON.stringify(r.snapshot()) !== JSON.stringify(snap)) return false;
        then.forEach((op) => apply(w, op));
        then.forEach((op) => apply(r, op));
        return JSON.stringify(r.snapshot()) === JSON.stringify(w.snapshot());
      }),
    );
  });

  it("keeps the cluster consistent: one leader among ready managers, hosts point at their nodes", () => {
    fc.assert(
      fc.property(ops, (list) => {
        const w = World.create({ nodes: 4, seed: "inv" });
        list.forEach((op) => apply(w, op));
        const hostsOk = w.hosts().every(
          (h) => (h.nodeId === null) === (h.swarmId === null) && (h.nodeId === null || w.state.swarms[h.swarmId!]?.nodes[h.nodeId]?.hostname === h.name),
        );
        return (
          hostsOk &&
          Object.values(w.state.swarms).every((swarm) => {
            const nodes = Object.values(swarm.nodes);
            const leaders = nodes.filter((n) => n.leader);
            const readyManagers = nodes.filter((n) => n.role === "manager" && n.status === "ready");
            return leaders.length === (readyManagers.length > 0 ? 1 : 0) && leaders.every((l) => l.role === "manager" && l.status === "ready");
          })
        );
      }),
    );
  });

  it("refuses a snapshot from another schema version", () => {
    const snap = { ...World.create().snapshot(), schemaVersion: 99 as 1 };
    expect(() => World.restore(snap)).toThrow(/schema version 99/);
  });
});
