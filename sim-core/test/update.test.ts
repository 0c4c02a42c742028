/** Rolling updates and rollbacks in virtual time (swarmkit's updater), checked on the engine directly. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorText, type SimError } from "../src/engine/errors";
import { World } from "../src/engine/world";
import type { ServiceState, SwarmState } from "../src/model/state";
import { joinTokenFor, swarmInit, swarmJoin } from "../src/swarm/cluster";
import { createService, isUp, scaleService, serviceTasks } from "../src/swarm/services";
import { taskContainerEnded } from "../src/swarm/restart";
import { advanceClock, rollbackService, specOf, TASK_START_MS, updateService } from "../src/swarm/update";

const must = <T>(r: { ok: true; value: T } | { ok: false; error: SimError }): T => {
  if (!r.ok) throw new Error(errorText(r.error));
  return r.value;
};

function lab(nodes = 3) {
  const w = World.create({ nodes, seed: "update" });
  must(swarmInit(w, "node-1", { advertiseAddr: "192.168.1.10" }));
  const { token } = must(joinTokenFor(w, "node-1", "worker"));
  for (let k = 2; k <= nodes; k++) must(swarmJoin(w, `node-${k}`, token, "192.168.1.10:2377"));
  return { w, swarm: Object.values(w.state.swarms)[0] };
}
const live = (swarm: SwarmState, s: ServiceState) => serviceTasks(swarm, s.id).filter((t) => t.desiredState === "running" && isUp(t));
const images = (swarm: SwarmState, s: ServiceState) => live(swarm, s).map((t) => `${t.slot}:${t.state}:${t.spec?.includes('"nginx:1.25"') ? "new" : "old"}`);

describe("rolling update", () => {
  it("replaces one slot at a time: stop the old task, start the new one, then the next slot after it runs", () => {
    const { w, swarm } = lab();
    const web = must(createService(w, "node-1", { name: "web", image: "nginx", replicas: 3 }));
    const before = live(swarm, web).map((t) => t.id);
    must(updateService(w, "node-1", "web", { ...specOf(web), image: "nginx:1.25" }));
    expect(web.updateStatus).toMatchObject({ state: "updating", message: "update in progress" });
    expect(images(swarm, web)).toEqual(["1:starting:new", "2:running:old", "3:running:old"]);
    advanceClock(w, w.state.now + TASK_START_MS);
    expect(images(swarm, web)).toEqual(["1:running:new", "2:starting:new", "3:running:old"]);
    advanceClock(w, w.state.now + 2 * TASK_START_MS);
    expect(images(swarm, web)).toEqual(["1:running:new", "2:running:new", "3:running:new"]);
    expect(web.updateStatus?.state).toBe("updating");
    advanceClock(w, w.state.now + 5000);
    expect(web.updateStatus).toMatchObject({ state: "completed", message: "update completed", completedAt: w.state.now });
    // The old tasks stay in the slot's history, shut down; the new ones are new tasks with new containers.
    const history = serviceTasks(swarm, web.id).filter((t) => before.includes(t.id));
    expect(history.map((t) => [t.desiredState, t.state])).toEqual([["shutdown", "shutdown"], ["shutdown", "shutdown"], ["shutdown", "shutdown"]]);
    expect(web.previousSpec?.image).toBe("nginx:latest");
  });

  it("start-first keeps the old task running until its replacement runs; parallelism and delay pace the batches", () => {
    const { w, swarm } = lab();
    const web = must(createService(w, "node-1", { name: "web", image: "nginx", replicas: 4 }));
    const next = specOf(web);
    next.image = "nginx:1.25";
    next.updateConfig = { ...next.updateConfig, parallelism: 2, delay: 10_000, order: "start-first" };
    must(updateService(w, "node-1", "web", next));
    expect(live(swarm, web)).toHaveLength(6);
    advanceClock(w, w.state.now + TASK_START_MS);
    expect(images(swarm, web)).toEqual(["1:running:new", "2:running:new", "3:running:old", "4:running:old"]);
    advanceClock(w, w.state.now + 9_999);
    expect(live(swarm, web)).toHaveLength(4);
    advanceClock(w, w.state.now + 1);
    expect(images(swarm, web).sort()).toEqual(["1:running:new", "2:running:new", "3:running:old", "3:starting:new", "4:running:old", "4:starting:new"]);
  });

  it("changing only the replica count scales without replacing anything; rollback restores the count", () => {
    const { w, swarm } = lab();
    const web = must(createService(w, "node-1", { name: "web", image: "nginx", replicas: 2 }));
    const ids = live(swarm, web).map((t) => t.id);
    must(scaleService(w, "node-1", "web", 4));
    expect(web.updateStatus).toBeUndefined();
    expect(live(swarm, web).map((t) => t.id).slice(0, 2)).toEqual(ids);
    must(rollbackService(w, "node-1", "web"));
    expect(web.replicas).toBe(2);
    expect(web.updateStatus).toMatchObject({ state: "rollback_completed", message: "rollback completed" });
  });

  it("--force redeploys every task with an unchanged spec; a service without a previous spec cannot roll back", () => {
    const { w, swarm } = lab();
    const web = must(createService(w, "node-1", { name: "web", image: "nginx", replicas: 2 }));
    const r = rollbackService(w, "node-1", "web");
    expect(r.ok ? "" : errorText(r.error)).toBe(`rpc error: code = FailedPrecondition desc = service ${web.id} does not have a previous spec`);
    must(updateService(w, "node-1", "web", { ...specOf(web), forceUpdate: 1 }));
    advanceClock(w, w.state.now + 60_000);
    expect(serviceTasks(swarm, web.id)).toHaveLength(4);
    expect(web.updateStatus?.state).toBe("completed");
  });

  it("a replacement that fails within the monitor window pauses the update (failure action pause)", () => {
    const { w, swarm } = lab();
    const web = must(createService(w, "node-1", { name: "web", image: "nginx", replicas: 3 }));
    must(updateService(w, "node-1", "web", { ...specOf(web), image: "nginx:1.25" }));
    advanceClock(w, w.state.now + TASK_START_MS);
    const fresh = live(swarm, web).find((t) => t.slot === 1)!;
    taskContainerEnded(w, fresh.id, 137);
    expect(web.updateStatus).toMatchObject({ state: "paused", message: `update paused due to failure or early termination of task ${fresh.id}` });
    advanceClock(w, w.state.now + 60_000);
    expect(images(swarm, web).filter((x) => x.endsWith("old"))).toHaveLength(1);
  });

  it("failure action rollback brings the previous spec back", () => {
    const { w, swarm } = lab();
    const web = must(createService(w, "node-1", { name: "web", image: "nginx", replicas: 3 }));
    const next = specOf(web);
    next.image = "nginx:1.25";
    next.updateConfig = { ...next.updateConfig, failureAction: "rollback" };
    must(updateService(w, "node-1", "web", next));
    advanceClock(w, w.state.now + TASK_START_MS);
    taskContainerEnded(w, live(swarm, web).find((t) => t.slot === 1)!.id, 137);
    expect(web.updateStatus?.state).toBe("rollback_started");
    advanceClock(w, w.state.now + 60_000);
    expect(web.image).toBe("nginx:latest");
    expect(web.updateStatus).toMatchObject({ state: "rollback_completed", message: "rollback completed" });
    expect(images(swarm, web)).toEqual(["1:running:old", "2:running:old", "3:running:old"]);
  });

  it("property: whatever the settings, the update converges to every slot running the new spec; a slot is empty only within a stop-first batch; rollback returns the old image", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom("stop-first" as const, "start-first" as const),
        fc.integer({ min: 1, max: 5 }),
        (replicas, parallelism, delaySeconds, order, tick) => {
          const { w, swarm } = lab();
          const web = must(createService(w, "node-1", { name: "web", image: "nginx", replicas }));
          const next = specOf(web);
          next.image = "nginx:1.25";
          next.updateConfig = { ...next.updateConfig, parallelism, delay: delaySeconds * 1000, order };
          must(updateService(w, "node-1", "web", next));
          for (let i = 0; i < 200 && web.rollout; i++) {
            const bySlot = new Map<number, number>();
            for (const t of live(swarm, web)) bySlot.set(t.slot!, (bySlot.get(t.slot!) ?? 0) + 1);
            const batchSlots = new Set((web.rollout.batch ?? []).map((b) => swarm.tasks[b.taskId].slot));
            for (let s = 1; s <= replicas; s++) if (!bySlot.get(s)) expect(order === "stop-first" && web.rollout.phase === "starting" && batchSlots.has(s)).toBe(true);
            advanceClock(w, w.state.now + tick * 500);
          }
          expect(web.updateStatus?.state).toBe("completed");
          expect(live(swarm, web).map((t) => `${t.slot}:${t.state}`)).toEqual(Array.from({ length: replicas }, (_, i) => `${i + 1}:running`));
          expect(images(swarm, web).every((x) => x.endsWith("new"))).toBe(true);
          must(rollbackService(w, "node-1", "web"));
          advanceClock(w, w.state.now + 600_000);
          expect(web.image).toBe("nginx:latest");
          expect(images(swarm, web).every((x) => x.endsWith("old"))).toBe(true);
          expect(live(swarm, web)).toHaveLength(replicas);
        },
      ),
      { numRuns: 40 },
    );
  });
});
