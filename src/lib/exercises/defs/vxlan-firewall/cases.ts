import type { ExerciseCases } from "../../types";

const pingAcross = { pane: "node-1", line: "docker exec client ping -c 4 web" };

export const cases: ExerciseCases = {
  alternative: [
    // Watch on node-1 instead, find the rule by number, accept VXLAN ahead of the DROP instead of deleting it.
    { pane: "node-2", line: "docker exec $(docker ps -q --filter name=web) ping -c 2 client" },
    { pane: "node-1", line: "tcpdump -n -c 3 udp", keepRunning: true },
    { pane: "node-1", line: "docker exec client ping -c 3 web" },
    { pane: "node-2", line: "iptables -L --line-numbers -n" },
    { pane: "node-2", line: "iptables -I INPUT 1 -p udp --dport 4789 -j ACCEPT" },
    { pane: "node-2", line: "docker exec client ping -c 1 web" },
    pingAcross,
  ],
  nearMisses: {
    // Only same-host traffic: no cross-host attempt, so no drop seen.
    reproduce: [{ pane: "node-1", line: "docker exec client ping -c 1 web" }],
    // Pinging without a capture.
    capture: [pingAcross, pingAcross],
    // The rule is still there after looking at it.
    fix: [pingAcross, { pane: "node-2", line: "iptables -L -n" }],
    // Fixed, but not proven.
    prove: [{ pane: "node-2", line: "iptables -F INPUT" }],
  },
  fails: {
    wrongPort: [{ pane: "node-2", line: "iptables -I INPUT 1 -p tcp --dport 4789 -j ACCEPT" }],
    leftSwarm: [{ pane: "node-2", line: "docker swarm leave" }],
    serviceGone: [{ pane: "node-1", line: "docker service rm web" }],
    firewallOnEveryone: [{ pane: "node-1", line: "iptables -A INPUT -p udp --dport 4789 -j DROP" }],
  },
};
