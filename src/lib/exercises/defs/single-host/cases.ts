import type { ExerciseCases } from "../../types";

export const cases: ExerciseCases = {
  alternative: [
    { pane: "node-1", line: "docker network create --driver=bridge --subnet=172.25.0.0/16 lan" },
    { pane: "node-1", line: "docker run -d --network=lan --name=db redis" },
    { pane: "node-1", line: "docker run -d --network lan --name app alpine sleep 1d" },
    { pane: "node-1", line: "docker exec app ping -c 1 db" },
  ],
  nearMisses: {
    bridge: [{ pane: "node-1", line: "docker run -d --name web nginx" }],
    containers: [{ pane: "node-1", line: "docker network create appnet" }, { pane: "node-1", line: "docker run -d --name web --network appnet nginx" }],
    byName: [
      { pane: "node-1", line: "docker network create appnet" },
      { pane: "node-1", line: "docker run -d --name web --network appnet nginx" },
      { pane: "node-1", line: "docker run -d --name client --network appnet busybox sleep 3600" },
    ],
  },
  fails: {
    swarm: [{ pane: "node-1", line: "docker swarm init" }],
    defaultBridge: [
      { pane: "node-1", line: "docker run -d --name web nginx" },
      { pane: "node-1", line: "docker run -d --name client busybox sleep 3600" },
    ],
  },
};
