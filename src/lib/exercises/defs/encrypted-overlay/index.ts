/** Exercise 4: an encrypted overlay with its own subnet and gateway; tcpdump on the underlay shows ESP, not VXLAN. */
import type { ExerciseDef } from "../../types";
import { overlaps, overlays, services, taskHosts } from "../../world";
import type { State } from "../../world";

const UNDERLAY = "192.168.1.0/24";
/** An overlay given its own subnet (outside the swarm's default pool 10.0.0.0/16) and gateway. */
const custom = (state: State) => overlays(state).filter((n) => n.subnet && n.gateway && !overlaps(n.subnet, "10.0.0.0/16") && !overlaps(n.subnet, UNDERLAY));
const encrypted = (state: State) => custom(state).filter((n) => "encrypted" in n.options);

export const encryptedOverlay: ExerciseDef = {
  slug: "encrypted-overlay",
  number: 4,
  nodes: 2,
  seed: "ex-encrypted",
  setup: [
    { pane: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" },
    { pane: "node-2", line: "docker swarm join --token <token> <manager-ip>:2377" },
  ],
  article: { question: "docker-overlay-network", section: "encrypted-overlays" },
  steps: [
    {
      id: "network",
      goal: ({ state }) => {
        if (custom(state).length === 0) return { ok: false, found: "noCustom" };
        return encrypted(state).length > 0 ? { ok: true } : { ok: false, found: "notEncrypted" };
      },
    },
    {
      id: "service",
      goal: ({ state }) => {
        const ids = new Set(encrypted(state).map((n) => n.id));
        const on = services(state).filter((s) => s.networks.some((n) => ids.has(n)));
        if (on.length === 0) return { ok: false, found: "noService" };
        return on.some((s) => new Set(taskHosts(state, s)).size >= 2) ? { ok: true } : { ok: false, found: "oneNode" };
      },
    },
    {
      id: "esp",
      goal: ({ observed }) => (observed.captured.some((c) => c.outer === "esp") ? { ok: true } : { ok: false, found: "noEsp" }),
    },
  ],
  failChecks: [
    { id: "overlapsUnderlay", when: ({ state }) => overlays(state).some((n) => n.subnet && overlaps(n.subnet, UNDERLAY)) },
    { id: "plainVxlanSeen", when: ({ state, observed }) => encrypted(state).length === 0 && observed.captured.some((c) => c.outer === "udp") },
  ],
  solution: [
    { pane: "node-1", line: "docker network create -d overlay --opt encrypted --subnet 10.50.0.0/24 --gateway 10.50.0.254 --attachable secure" },
    { pane: "node-1", line: "docker service create --name web --network secure --replicas 2 nginx" },
    { pane: "node-1", line: "docker run -d --name client --network secure busybox sleep 3600" },
    { pane: "node-2", line: "tcpdump -n -c 4 esp", keepRunning: true },
    { pane: "node-1", line: "docker exec client ping -c 4 web" },
  ],
};
