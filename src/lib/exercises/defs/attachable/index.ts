/** Exercise 2: a standalone container cannot join a plain overlay; make one it can join, keeping the service running. */
import type { ExerciseDef } from "../../types";
import { overlays, services, standalone, swarmOf, taskHosts } from "../../world";
import type { State } from "../../world";

const web = (state: State) => services(state).find((s) => s.name === "web");
/** Attachable overlays that web is attached to. */
const sharedAttachable = (state: State) => {
  const w = web(state);
  return overlays(state).filter((n) => n.attachable && w?.networks.includes(n.id));
};

export const attachable: ExerciseDef = {
  slug: "attachable",
  number: 2,
  nodes: 2,
  seed: "ex-attachable",
  setup: [
    { pane: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" },
    { pane: "node-2", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-1", line: "docker network create -d overlay appnet" },
    { pane: "node-1", line: "docker service create --name web --network appnet --replicas 2 nginx" },
  ],
  article: { question: "overlay-with-docker-run", section: "without-attachable" },
  steps: [
    {
      id: "refused",
      goal: ({ state }) => {
        const ids = new Set(overlays(state).filter((n) => !n.attachable).map((n) => n.id));
        const refused = standalone(state).some(({ container }) => container.state === "created" && (container.networks ?? []).some((n) => ids.has(n)));
        return refused ? { ok: true } : { ok: false, found: "notTried" };
      },
    },
    {
      id: "network",
      goal: ({ state }) => {
        if (!overlays(state).some((n) => n.attachable)) return { ok: false, found: "noAttachable" };
        if (sharedAttachable(state).length === 0) return { ok: false, found: "webNotOnIt" };
        const w = web(state);
        const running = w ? taskHosts(state, w).length : 0;
        return running >= 2 ? { ok: true } : { ok: false, found: "webDown", values: { count: running } };
      },
    },
    {
      id: "joined",
      goal: ({ state, observed }) => {
        const nets = sharedAttachable(state);
        const mine = standalone(state)
          .filter(({ container }) => container.state === "running")
          .flatMap(({ container }) => nets.map((n) => container.addresses[n.id]).filter(Boolean));
        if (mine.length === 0) return { ok: false, found: "noContainer" };
        const swarm = swarmOf(state)!;
        const w = web(state)!;
        const taskIps = new Set(Object.values(swarm.tasks).filter((t) => t.serviceId === w.id).flatMap((t) => Object.values(t.addresses)));
        const reached = observed.deliveries.some((d) => mine.includes(d.src) && taskIps.has(d.dst));
        return reached ? { ok: true } : { ok: false, found: "notReached" };
      },
    },
  ],
  failChecks: [
    { id: "webRemoved", when: ({ state }) => !web(state) },
    {
      id: "bridgeInstead",
      when: ({ state }) => {
        const running = standalone(state).filter(({ container }) => container.state === "running");
        const overlayIds = new Set(overlays(state).map((n) => n.id));
        return running.length > 0 && running.every(({ container }) => !Object.keys(container.addresses).some((id) => overlayIds.has(id)));
      },
    },
    {
      id: "attachableWithoutWeb",
      when: ({ state }) => {
        const att = overlays(state).filter((n) => n.attachable);
        const withContainer = att.filter((n) => standalone(state).some(({ container }) => container.state === "running" && n.id in container.addresses));
        return withContainer.length > 0 && sharedAttachable(state).length === 0;
      },
    },
  ],
  solution: [
    { pane: "node-1", line: "docker run -d --name probe --network appnet busybox sleep 3600" },
    { pane: "node-1", line: "docker network create -d overlay --attachable debugnet" },
    { pane: "node-1", line: "docker service update --network-add debugnet web" },
    { pane: "node-1", line: "docker run -d --name dbg --network debugnet busybox sleep 3600" },
    { pane: "node-1", line: "docker exec dbg ping -c 2 web" },
  ],
};
