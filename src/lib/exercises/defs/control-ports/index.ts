/** Exercise 10: block gossip (7946) or the manager API (2377) and see what breaks: peers not found, joins time out. */
import type { ExerciseDef } from "../../types";
import { hostsBlocking, overlays, swarmHosts } from "../../world";

export const controlPorts: ExerciseDef = {
  slug: "control-ports",
  number: 10,
  nodes: 3,
  seed: "ex-control-ports",
  setup: [
    { pane: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" },
    { pane: "node-2", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-1", line: "docker network create -d overlay --attachable appnet" },
    { pane: "node-1", line: "docker service create --name web --network appnet --replicas 2 --replicas-max-per-node 1 nginx" },
    { pane: "node-1", line: "docker run -d --name client --network appnet busybox sleep 86400" },
  ],
  article: { question: "docker-overlay-network", section: "common-mistakes" },
  steps: [
    {
      id: "gossip",
      goal: ({ observed }) => (observed.drops.some((d) => d.reason === "gossip") ? { ok: true } : { ok: false, found: "noGossipDrop" }),
    },
    {
      id: "join",
      goal: ({ observed }) => (observed.joinFailures.some((f) => f.reason === "firewall") ? { ok: true } : { ok: false, found: "noJoinTimeout" }),
    },
    {
      id: "restore",
      goal: ({ state, observed }) => {
        const blocking = [...new Set([...hostsBlocking(state, "tcp", 7946), ...hostsBlocking(state, "udp", 7946), ...hostsBlocking(state, "tcp", 2377)])];
        if (blocking.length > 0) return { ok: false, found: "stillBlocked", values: { hosts: blocking.join(", ") } };
        if (!swarmHosts(state).some((h) => h.name === "node-3")) return { ok: false, found: "node3Outside" };
        const vnis = new Set(overlays(state).map((n) => n.vni));
        const lastDrop = Math.max(-1, ...observed.drops.map((d) => d.at));
        const crossed = observed.crossings.some((c) => c.reply && c.at > lastDrop && c.vni !== undefined && vnis.has(c.vni));
        return crossed ? { ok: true } : { ok: false, found: "noCrossing" };
      },
    },
  ],
  failChecks: [
    { id: "blockedVxlan", when: ({ state }) => hostsBlocking(state, "udp", 4789).length > 0 },
    { id: "node3OwnSwarm", when: ({ state }) => state.hosts["node-3"].swarmId !== null && state.hosts["node-3"].swarmId !== state.hosts["node-1"].swarmId },
  ],
  solution: [
    { pane: "node-2", line: "iptables -A INPUT -p tcp --dport 7946 -j DROP" },
    { pane: "node-2", line: "iptables -A INPUT -p udp --dport 7946 -j DROP" },
    { pane: "node-1", line: "docker exec client ping -c 4 web" },
    { pane: "node-3", line: "iptables -A OUTPUT -p tcp --dport 2377 -j DROP" },
    { pane: "node-3", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-2", line: "iptables -F INPUT" },
    { pane: "node-3", line: "iptables -F OUTPUT" },
    { pane: "node-3", line: "docker swarm join --token <token> <manager-ip>:2377" },
    { pane: "node-1", line: "docker exec client ping -c 4 web" },
  ],
};
