/** Exercise 3: a service's VIP, the task IPs behind tasks.<svc>, round-robin over them, and dnsrr. */
import type { ExerciseDef } from "../../types";
import { overlays, services, swarmOf } from "../../world";
import type { State } from "../../world";

const api = (state: State) => services(state).find((s) => s.name === "api");
const taskIps = (state: State) => {
  const a = api(state);
  const swarm = swarmOf(state);
  if (!a || !swarm) return new Set<string>();
  return new Set(Object.values(swarm.tasks).filter((t) => t.serviceId === a.id && t.state === "running").flatMap((t) => Object.values(t.addresses)));
};

export const serviceDiscovery: ExerciseDef = {
  slug: "service-discovery",
  number: 3,
  nodes: 3,
  seed: "ex-discovery",
  setup: [
    { pane: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" },
    { pane: "node-2", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-3", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-1", line: "docker network create -d overlay --attachable appnet" },
    { pane: "node-1", line: "docker service create --name api --network appnet --replicas 3 traefik/whoami" },
    { pane: "node-1", line: "docker run -d --name client --network appnet nicolaka/netshoot sleep 86400" },
  ],
  article: { question: "docker-overlay-network", section: "service-discovery-on-overlay" },
  steps: [
    {
      id: "vip",
      goal: ({ state, observed }) => {
        const a = api(state);
        const vips = new Set(Object.values(a?.vips ?? {}));
        return observed.balanced.some((b) => vips.has(b.vip)) ? { ok: true } : { ok: false, found: "noVipTraffic" };
      },
    },
    {
      id: "roundRobin",
      goal: ({ state, observed }) => {
        const vips = new Set(Object.values(api(state)?.vips ?? {}));
        const backends = new Set(observed.balanced.filter((b) => vips.has(b.vip)).map((b) => b.backend));
        return backends.size >= 2 ? { ok: true } : { ok: false, found: "oneBackend", values: { count: backends.size } };
      },
    },
    {
      id: "tasks",
      goal: ({ state, observed }) => {
        const ips = taskIps(state);
        return observed.sent.some((s) => ips.has(s.dst)) ? { ok: true } : { ok: false, found: "noTaskTraffic" };
      },
    },
    {
      id: "dnsrr",
      goal: ({ state }) => (api(state)?.endpointMode === "dnsrr" ? { ok: true } : { ok: false, found: "stillVip" }),
    },
    {
      id: "question",
      answer: 0,
      goal: ({ answers }) => (answers.question === undefined ? { ok: false, found: "notAnswered" } : answers.question === 0 ? { ok: true } : { ok: false, found: "wrongAnswer" }),
    },
  ],
  failChecks: [
    { id: "apiRemoved", when: ({ state }) => !api(state) },
    { id: "oneReplica", when: ({ state }) => { const a = api(state); return !!a && a.mode === "replicated" && a.replicas < 2; } },
    { id: "clientGone", when: ({ state }) => { const ids = new Set(overlays(state).map((n) => n.id)); return !Object.values(state.hosts).some((h) => Object.values(h.containers).some((c) => !c.taskId && c.state === "running" && Object.keys(c.addresses).some((id) => ids.has(id)))); } },
  ],
  solution: [
    { pane: "node-1", line: "docker service inspect --format '{{json .Endpoint.VirtualIPs}}' api" },
    { pane: "node-1", line: "docker exec client nslookup api" },
    { pane: "node-1", line: "docker exec client nslookup tasks.api" },
    { pane: "node-1", line: "docker exec client curl -s api" },
    { pane: "node-1", line: "docker exec client curl -s api" },
    { pane: "node-1", line: "docker exec client ping -c 1 tasks.api" },
    { pane: "node-1", line: "docker service update --endpoint-mode dnsrr api" },
    { pane: "node-1", line: "docker exec client nslookup api" },
    { pane: "node-1", line: "", answer: { step: "question", choice: 0 } },
  ],
};
