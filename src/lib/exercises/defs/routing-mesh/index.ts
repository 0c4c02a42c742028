/** Exercise 5: the routing mesh reaches a service through a node with no task, hiding the client; mode=host keeps it. */
import type { ExerciseDef } from "../../types";
import { hostByNodeId, services, swarmOf } from "../../world";
import type { State } from "../../world";

const underlayIps = (state: State) => new Set(Object.values(state.hosts).map((h) => h.ip));
/** Hosts running a task of a service publishing `port` in `mode`. */
const taskHostsOf = (state: State, mode: "ingress" | "host") => {
  const swarm = swarmOf(state);
  if (!swarm) return new Set<string>();
  const ids = new Set(services(state).filter((s) => s.ports.some((p) => p.publishMode === mode)).map((s) => s.id));
  return new Set(Object.values(swarm.tasks).filter((t) => ids.has(t.serviceId) && t.state === "running").map((t) => hostByNodeId(state, t.nodeId)));
};

export const routingMesh: ExerciseDef = {
  slug: "routing-mesh",
  number: 5,
  nodes: 3,
  seed: "ex-mesh",
  setup: [
    { pane: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" },
    { pane: "node-2", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-3", line: "docker swarm join --token <token> <manager-ip>:2377" },
  ],
  article: { question: "swarm-routing-mesh", section: "the-source-ip-caveat" },
  steps: [
    {
      id: "publish",
      goal: ({ state }) => {
        const published = services(state).filter((s) => s.ports.some((p) => p.publishMode === "ingress"));
        if (published.length === 0) return { ok: false, found: "noPublished" };
        return taskHostsOf(state, "ingress").size < Object.keys(state.hosts).length ? { ok: true } : { ok: false, found: "everywhere" };
      },
    },
    {
      id: "mesh",
      goal: ({ state, observed }) => {
        const withTask = taskHostsOf(state, "ingress");
        const viaOther = observed.balanced.some((b) => b.vip.includes(".") && !withTask.has(b.host) && observed.deliveries.some((d) => d.at === b.at && !d.local && !underlayIps(state).has(d.src)));
        return viaOther ? { ok: true } : { ok: false, found: "noMeshHop" };
      },
    },
    {
      id: "hostMode",
      goal: ({ state, observed }) => {
        const kept = observed.deliveries.some((d) => d.detail === "host-mode port" && underlayIps(state).has(d.src));
        if (kept) return { ok: true };
        return services(state).some((s) => s.ports.some((p) => p.publishMode === "host")) ? { ok: false, found: "noHostRequest" } : { ok: false, found: "noHostMode" };
      },
    },
  ],
  failChecks: [
    { id: "global", when: ({ state }) => services(state).some((s) => s.mode === "global" && s.ports.some((p) => p.publishMode === "ingress")) },
    { id: "curlOnTaskNode", when: ({ state, observed }) => taskHostsOf(state, "ingress").size > 0 && observed.balanced.length > 0 && observed.balanced.every((b) => taskHostsOf(state, "ingress").has(b.host)) && !observed.deliveries.some((d) => d.detail === "host-mode port") },
  ],
  solution: [
    { pane: "node-1", line: "docker service create --name web -p 8080:80 --replicas 1 --constraint node.hostname==node-2 traefik/whoami" },
    { pane: "node-1", line: "docker service ps web" },
    { pane: "node-3", line: "curl -s 192.168.1.30:8080" },
    { pane: "node-1", line: "docker service update --publish-rm 8080 --publish-add mode=host,published=8080,target=80 web" },
    { pane: "node-3", line: "curl -s 192.168.1.20:8080" },
  ],
};
