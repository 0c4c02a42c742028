import type { ExerciseCases } from "../../types";

const init = { pane: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" };
const join = { pane: "node-2", line: "docker swarm join --token <token> <manager-ip>:2377" };

export const cases: ExerciseCases = {
  alternative: [
    { pane: "node-1", line: "docker swarm init" },
    join,
    { pane: "node-1", line: "docker network create --driver=overlay --attachable backbone" },
    { pane: "node-1", line: "docker service create --replicas=3 --network=backbone --name=api nginx:alpine" },
    { pane: "node-2", line: "docker run -d --network backbone --name probe busybox sleep 1d" },
    { pane: "node-2", line: "docker exec probe ping -c 3 api" },
  ],
  nearMisses: {
    // node-2 never joined.
    swarm: [init],
    // A bridge is not an overlay.
    overlay: [init, join, { pane: "node-1", line: "docker network create appnet" }],
    // Two replicas, both pinned to node-1.
    spread: [
      init,
      join,
      { pane: "node-1", line: "docker network create -d overlay appnet" },
      { pane: "node-1", line: "docker service create --name web --network appnet --replicas 2 --constraint node.hostname==node-1 nginx" },
    ],
    // Same-host pings only: the service's one task and the client are both on node-1.
    ping: [
      init,
      join,
      { pane: "node-1", line: "docker network create -d overlay --attachable appnet" },
      { pane: "node-1", line: "docker service create --name web --network appnet --constraint node.role==manager nginx" },
      { pane: "node-1", line: "docker run -d --name client --network appnet busybox sleep 3600" },
      { pane: "node-1", line: "docker exec client ping -c 3 web" },
    ],
  },
  fails: {
    ownSwarm: [init, { pane: "node-2", line: "docker swarm init" }],
    joinedAsManager: [init, join, { pane: "node-1", line: "docker node promote node-2" }],
    serviceWithoutOverlay: [init, join, { pane: "node-1", line: "docker network create -d overlay appnet" }, { pane: "node-1", line: "docker service create --name web --replicas 2 nginx" }],
    oneReplica: [init, join, { pane: "node-1", line: "docker network create -d overlay appnet" }, { pane: "node-1", line: "docker service create --name web --network appnet nginx" }],
  },
};
