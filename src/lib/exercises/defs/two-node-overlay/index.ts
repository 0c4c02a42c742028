/** Exercise 1: a two-node swarm, an overlay, a service spread over both nodes, reached by name across hosts. */
import type { ExerciseDef } from "../../types";
import { overlays, roleOf, services, swarmHosts, swarmOf, taskHosts } from "../../world";

export const twoNodeOverlay: ExerciseDef = {
  slug: "two-node-overlay",
  number: 1,
  nodes: 2,
  seed: "ex-two-node",
  setup: [],
  article: { question: "docker-overlay-network", section: "setting-up-a-two-node-swarm-with-overlay" },
  steps: [
    {
      id: "swarm",
      goal: ({ state }) => {
        if (!swarmOf(state)) return { ok: false, found: "noSwarm" };
        const hosts = swarmHosts(state).map((h) => h.name);
        if (!hosts.includes("node-2")) return { ok: false, found: "notJoined", values: { count: hosts.length } };
        if (roleOf(state, "node-2") !== "worker") return { ok: false, found: "notWorker" };
        return { ok: true };
      },
    },
    {
      id: "overlay",
      goal: ({ state }) => (overlays(state).length > 0 ? { ok: true } : { ok: false, found: "noOverlay" }),
    },
    {
      id: "spread",
      goal: ({ state }) => {
        const ids = new Set(overlays(state).map((n) => n.id));
        const onOverlay = services(state).filter((s) => s.networks.some((n) => ids.has(n)));
        if (onOverlay.length === 0) return { ok: false, found: "noService" };
        const best = Math.max(...onOverlay.map((s) => new Set(taskHosts(state, s)).size));
        return best >= 2 ? { ok: true } : { ok: false, found: "oneNode", values: { count: best } };
      },
    },
    {
      id: "ping",
      goal: ({ state, observed }) => {
        const vnis = new Set(overlays(state).map((n) => n.vni));
        const ok = observed.crossings.some((c) => c.protocol === "icmp" && c.reply && c.vni !== undefined && vnis.has(c.vni));
        return ok ? { ok: true } : { ok: false, found: "noCrossPing" };
      },
    },
  ],
  failChecks: [
    {
      id: "ownSwarm",
      when: ({ state }) => state.hosts["node-2"].swarmId !== null && state.hosts["node-2"].swarmId !== state.hosts["node-1"].swarmId && state.hosts["node-1"].swarmId !== null,
    },
    { id: "joinedAsManager", when: ({ state }) => roleOf(state, "node-2") === "manager" },
    {
      id: "serviceWithoutOverlay",
      when: ({ state }) => overlays(state).length > 0 && services(state).length > 0 && services(state).every((s) => s.networks.length === 0),
    },
    {
      id: "oneReplica",
      when: ({ state }) => {
        const ids = new Set(overlays(state).map((n) => n.id));
        const onOverlay = services(state).filter((s) => s.networks.some((n) => ids.has(n)));
        return onOverlay.length > 0 && onOverlay.every((s) => s.mode === "replicated" && s.replicas < 2);
      },
    },
  ],
  solution: [
    { pane: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" },
    { pane: "node-2", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-1", line: "docker network create -d overlay --attachable appnet" },
    { pane: "node-1", line: "docker service create --name web --network appnet --replicas 2 nginx" },
    { pane: "node-1", line: "docker service ps web" },
    { pane: "node-1", line: "docker run -d --name client --network appnet busybox sleep 3600" },
    { pane: "node-1", line: "docker exec client ping -c 3 web" },
  ],
};
