/** Exercise 9: drain a node, watch its tasks move, bring it back, rebalance with `service update --force`. */
import type { ExerciseDef } from "../../types";
import { hostByNodeId, services, swarmOf, taskHosts } from "../../world";

const web = (state: Parameters<ExerciseDef["steps"][number]["goal"]>[0]["state"]) => services(state).find((s) => s.name === "web");

export const nodeDrain: ExerciseDef = {
  slug: "node-drain",
  number: 9,
  nodes: 3,
  seed: "ex-drain",
  setup: [
    { pane: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" },
    { pane: "node-2", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-3", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-1", line: "docker network create -d overlay appnet" },
    { pane: "node-1", line: "docker service create --name web --network appnet --replicas 3 nginx" },
  ],
  article: { question: "swarm-routing-mesh", section: "how-it-relates-to-overlay" },
  steps: [
    {
      id: "drain",
      goal: ({ state, observed }) => {
        const drained = observed.availability.find((a) => a.availability === "drain");
        if (!drained) return { ok: false, found: "notDrained" };
        const w = web(state);
        const moved = observed.started.some((t) => t.at >= drained.at && t.serviceId === w?.id && hostByNodeId(state, t.nodeId) !== drained.hostname);
        return moved ? { ok: true } : { ok: false, found: "nothingMoved" };
      },
    },
    {
      id: "back",
      goal: ({ state, observed }) => {
        const swarm = swarmOf(state);
        if (!observed.availability.some((a) => a.availability === "drain")) return { ok: false, found: "notDrained" };
        const notActive = Object.values(swarm?.nodes ?? {}).filter((n) => n.availability !== "active").map((n) => n.hostname);
        return notActive.length === 0 ? { ok: true } : { ok: false, found: "stillDrained", values: { hosts: notActive.join(", ") } };
      },
    },
    {
      id: "rebalance",
      goal: ({ state, observed }) => {
        const w = web(state);
        const back = [...observed.availability].reverse().find((a) => a.availability === "active");
        if (!w || !back) return { ok: false, found: "notBack" };
        const hosts = new Set(taskHosts(state, w));
        const restarted = observed.started.some((t) => t.at >= back.at && t.serviceId === w.id && hostByNodeId(state, t.nodeId) === back.hostname);
        return restarted && hosts.size >= 3 ? { ok: true } : { ok: false, found: "unbalanced", values: { count: hosts.size } };
      },
    },
  ],
  failChecks: [
    { id: "scaledDown", when: ({ state }) => { const w = web(state); return !w || (w.mode === "replicated" && w.replicas < 3); } },
    { id: "nodeLeft", when: ({ state }) => Object.values(state.hosts).some((h) => h.swarmId === null) },
  ],
  solution: [
    { pane: "node-1", line: "docker service ps web" },
    { pane: "node-1", line: "docker node update --availability drain node-2" },
    { pane: "node-1", line: "docker service ps web" },
    { pane: "node-1", line: "docker node update --availability active node-2" },
    { pane: "node-1", line: "docker service update --force web" },
    { pane: "node-1", line: "docker service ps web" },
  ],
};
