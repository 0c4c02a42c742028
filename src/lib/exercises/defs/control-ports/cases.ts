import type { ExerciseCases } from "../../types";

const join = { pane: "node-3", line: "docker swarm join --token <token> <manager-ip>:2377" };

export const cases: ExerciseCases = {
  alternative: [
    // Block gossip on node-1's way out instead, and the manager API on node-1's way in.
    { pane: "node-1", line: "iptables -I OUTPUT -p udp --dport 7946 -j REJECT" },
    { pane: "node-1", line: "iptables -I OUTPUT -p tcp --dport 7946 -j REJECT" },
    { pane: "node-1", line: "docker exec client ping -c 3 web" },
    { pane: "node-1", line: "iptables -A INPUT -p tcp --dport 2377 -j DROP" },
    join,
    { pane: "node-1", line: "iptables -F" },
    join,
    { pane: "node-1", line: "docker exec client ping -c 3 web" },
  ],
  nearMisses: {
    // Only one of gossip's two protocols blocked: peers still find each other.
    gossip: [{ pane: "node-2", line: "iptables -A INPUT -p tcp --dport 7946 -j DROP" }, { pane: "node-1", line: "docker exec client ping -c 4 web" }],
    // A join that fails for another reason (wrong port), not a firewall.
    join: [{ pane: "node-3", line: "docker swarm join --token <token> 192.168.1.10:2378" }],
    // Unblocked and joined, but never proven.
    restore: [{ pane: "node-3", line: "iptables -A OUTPUT -p tcp --dport 2377 -j DROP" }, join, { pane: "node-3", line: "iptables -F" }, join],
  },
  fails: {
    blockedVxlan: [{ pane: "node-2", line: "iptables -A INPUT -p udp --dport 4789 -j DROP" }],
    node3OwnSwarm: [{ pane: "node-3", line: "docker swarm init" }],
  },
};
