/** Exercise 8: one host is enough — two containers on a user bridge reach each other by name; no swarm, no overlay. */
import type { ExerciseDef } from "../../types";

/** User-defined bridges on node-1 (not docker0, not docker_gwbridge). */
const userBridges = (state: Parameters<ExerciseDef["steps"][number]["goal"]>[0]["state"]) =>
  Object.values(state.hosts["node-1"].networks).filter((n) => n.driver === "bridge" && n.name !== "bridge" && n.name !== "docker_gwbridge");

export const singleHost: ExerciseDef = {
  slug: "single-host",
  number: 8,
  nodes: 1,
  seed: "ex-single-host",
  setup: [],
  article: { question: "overlay-on-single-host", section: "what-a-bridge-already-gives-you" },
  steps: [
    {
      id: "bridge",
      goal: ({ state }) => (userBridges(state).length > 0 ? { ok: true } : { ok: false, found: "noBridge" }),
    },
    {
      id: "containers",
      goal: ({ state }) => {
        const counts = userBridges(state).map((n) => Object.values(state.hosts["node-1"].containers).filter((c) => c.state === "running" && n.id in c.addresses).length);
        const best = Math.max(0, ...counts);
        return best >= 2 ? { ok: true } : { ok: false, found: "fewContainers", values: { count: best } };
      },
    },
    {
      id: "byName",
      goal: ({ state, observed }) => {
        const names = new Set(userBridges(state).map((n) => `bridge ${n.name}`));
        return observed.deliveries.some((d) => d.local && d.detail !== undefined && names.has(d.detail)) ? { ok: true } : { ok: false, found: "noPing" };
      },
    },
  ],
  failChecks: [
    { id: "swarm", when: ({ state }) => state.hosts["node-1"].swarmId !== null },
    {
      id: "defaultBridge",
      when: ({ state }) => {
        const running = Object.values(state.hosts["node-1"].containers).filter((c) => c.state === "running");
        const onDefault = running.filter((c) => Object.keys(c.addresses).some((id) => state.hosts["node-1"].networks[id]?.name === "bridge"));
        return onDefault.length >= 2 && userBridges(state).every((n) => !running.some((c) => n.id in c.addresses));
      },
    },
  ],
  solution: [
    { pane: "node-1", line: "docker network create appnet" },
    { pane: "node-1", line: "docker run -d --name web --network appnet nginx" },
    { pane: "node-1", line: "docker run -d --name client --network appnet busybox sleep 3600" },
    { pane: "node-1", line: "docker exec client ping -c 2 web" },
  ],
};
