/** Exercise 6: common mistakes — overlay without swarm, overlapping subnets, a worker creating a network. */
import type { ExerciseDef } from "../../types";
import { overlaps, overlays, services, swarmHosts, taskHosts } from "../../world";
import type { State } from "../../world";

const UNDERLAY = "192.168.1.0/24";
/** Overlays whose subnet overlaps the underlay or another network's (bridges of any host included). */
const clashing = (state: State) => {
  const all = [
    ...overlays(state).map((n) => ({ id: n.id, subnet: n.subnet })),
    ...Object.values(state.hosts).flatMap((h) => Object.values(h.networks).map((n) => ({ id: n.id, subnet: n.subnet }))),
  ].filter((n): n is { id: string; subnet: string } => !!n.subnet);
  return overlays(state).filter((n) => n.subnet && (overlaps(n.subnet, UNDERLAY) || all.some((o) => o.id !== n.id && overlaps(o.subnet, n.subnet!))));
};

export const commonMistakes: ExerciseDef = {
  slug: "common-mistakes",
  number: 6,
  nodes: 3,
  seed: "ex-mistakes",
  setup: [
    { pane: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" },
    { pane: "node-2", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-1", line: "docker network create -d overlay --subnet 192.168.1.0/24 backend" },
  ],
  article: { question: "docker-overlay-network", section: "common-mistakes" },
  steps: [
    {
      id: "join",
      goal: ({ state }) => (swarmHosts(state).some((h) => h.name === "node-3") ? { ok: true } : { ok: false, found: "node3Outside" }),
    },
    {
      id: "noClash",
      goal: ({ state }) => {
        const bad = clashing(state).map((n) => n.name);
        return bad.length === 0 ? { ok: true } : { ok: false, found: "clash", values: { networks: bad.join(", ") } };
      },
    },
    {
      id: "deploy",
      goal: ({ state }) => {
        const good = new Set(overlays(state).filter((n) => !clashing(state).includes(n)).map((n) => n.id));
        const on = services(state).filter((s) => s.networks.some((n) => good.has(n)));
        if (on.length === 0) return { ok: false, found: "noService" };
        return on.some((s) => taskHosts(state, s).includes("node-3")) ? { ok: true } : { ok: false, found: "notOnNode3" };
      },
    },
  ],
  failChecks: [
    { id: "ownSwarm", when: ({ state }) => state.hosts["node-3"].swarmId !== null && state.hosts["node-3"].swarmId !== state.hosts["node-1"].swarmId },
    { id: "newClash", when: ({ state }) => clashing(state).some((n) => n.name !== "backend") },
  ],
  solution: [
    { pane: "node-3", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-1", line: "docker network inspect --format '{{range .IPAM.Config}}{{.Subnet}}{{end}}' backend" },
    { pane: "node-1", line: "docker network rm backend" },
    { pane: "node-1", line: "docker network create -d overlay --subnet 10.10.0.0/24 backend" },
    { pane: "node-1", line: "docker service create --name api --network backend --mode global nginx" },
  ],
};
