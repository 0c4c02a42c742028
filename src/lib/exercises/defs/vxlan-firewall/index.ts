/** Exercise 7: a firewall drops VXLAN (UDP 4789) on one node; same-host traffic works, cross-host dies. */
import type { ExerciseDef } from "../../types";
import { hostsBlocking, overlays, services, swarmHosts } from "../../world";

const VXLAN = 4789;

export const vxlanFirewall: ExerciseDef = {
  slug: "vxlan-firewall",
  number: 7,
  nodes: 2,
  seed: "ex-vxlan-firewall",
  setup: [
    { pane: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" },
    { pane: "node-2", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-1", line: "docker network create -d overlay --attachable appnet" },
    { pane: "node-1", line: "docker service create --name web --network appnet --replicas 2 nginx" },
    { pane: "node-1", line: "docker run -d --name client --network appnet busybox sleep 86400" },
    { pane: "node-2", line: `iptables -A INPUT -p udp --dport ${VXLAN} -j DROP` },
  ],
  article: { question: "docker-overlay-network", section: "how-vxlan-encapsulation-works" },
  steps: [
    {
      id: "reproduce",
      goal: ({ observed }) => {
        const local = observed.deliveries.some((d) => d.local && d.protocol === "icmp");
        const dropped = observed.drops.some((d) => d.reason === "firewall" && d.outer === "udp");
        if (!dropped) return { ok: false, found: "noDrop" };
        return local ? { ok: true } : { ok: false, found: "noLocal" };
      },
    },
    {
      id: "capture",
      goal: ({ observed }) => (observed.captured.some((c) => c.outer === "udp") ? { ok: true } : { ok: false, found: "noCapture" }),
    },
    {
      id: "fix",
      goal: ({ state }) => {
        const blocking = hostsBlocking(state, "udp", VXLAN);
        if (blocking.length > 0) return { ok: false, found: "stillBlocked", values: { hosts: blocking.join(", ") } };
        if (swarmHosts(state).length < 2) return { ok: false, found: "swarmBroken" };
        return { ok: true };
      },
    },
    {
      id: "prove",
      goal: ({ state, observed }) => {
        const vnis = new Set(overlays(state).map((n) => n.vni));
        const ok = observed.crossings.some((c) => c.reply && c.vni !== undefined && vnis.has(c.vni));
        return ok ? { ok: true } : { ok: false, found: "noCrossing" };
      },
    },
  ],
  failChecks: [
    {
      // An ACCEPT for the wrong port or protocol, while 4789/udp is still dropped.
      id: "wrongPort",
      when: ({ state }) =>
        hostsBlocking(state, "udp", VXLAN).length > 0 &&
        Object.values(state.hosts).some((h) => [...h.firewall.INPUT, ...h.firewall.OUTPUT].some((r) => r.target === "ACCEPT" && !(r.protocol === "udp" && r.dport === VXLAN) && r.protocol !== "all")),
    },
    { id: "leftSwarm", when: ({ state }) => state.hosts["node-2"].swarmId === null || state.hosts["node-2"].swarmId !== state.hosts["node-1"].swarmId },
    { id: "serviceGone", when: ({ state }) => !services(state).some((s) => s.name === "web") },
    { id: "firewallOnEveryone", when: ({ state }) => hostsBlocking(state, "udp", VXLAN).length > 1 },
  ],
  solution: [
    { pane: "node-1", line: "docker exec client ping -c 4 web" },
    { pane: "node-2", line: "tcpdump -n -c 2 udp port 4789", keepRunning: true },
    { pane: "node-1", line: "docker exec client ping -c 2 web" },
    { pane: "node-2", line: "iptables -L INPUT -n" },
    { pane: "node-2", line: `iptables -D INPUT -p udp --dport ${VXLAN} -j DROP` },
    { pane: "node-1", line: "docker exec client ping -c 4 web" },
  ],
};
