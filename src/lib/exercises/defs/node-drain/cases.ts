import type { ExerciseCases } from "../../types";

export const cases: ExerciseCases = {
  alternative: [
    { pane: "node-1", line: "docker node update --availability=drain node-3" },
    { pane: "node-1", line: "docker node ls" },
    { pane: "node-1", line: "docker node update --availability=active node-3" },
    { pane: "node-1", line: "docker service update --force=true web" },
  ],
  nearMisses: {
    // Paused, not drained: nothing moves.
    drain: [{ pane: "node-1", line: "docker node update --availability pause node-2" }],
    back: [{ pane: "node-1", line: "docker node update --availability drain node-2" }],
    // Back, but not rebalanced: its tasks stay where they went.
    rebalance: [
      { pane: "node-1", line: "docker node update --availability drain node-2" },
      { pane: "node-1", line: "docker node update --availability active node-2" },
    ],
  },
  fails: {
    scaledDown: [{ pane: "node-1", line: "docker service scale web=2" }],
    nodeLeft: [{ pane: "node-2", line: "docker swarm leave" }],
  },
};
