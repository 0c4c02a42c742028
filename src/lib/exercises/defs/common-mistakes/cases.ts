import type { ExerciseCases } from "../../types";

const join = { pane: "node-3", line: "docker swarm join --token <token> <manager-ip>:2377" };

export const cases: ExerciseCases = {
  alternative: [
    join,
    { pane: "node-1", line: "docker network rm backend" },
    { pane: "node-1", line: "docker network create --driver=overlay backend2" },
    { pane: "node-1", line: "docker service create --name=api --network=backend2 --replicas=3 --constraint=node.role==worker nginx" },
  ],
  nearMisses: {
    join: [{ pane: "node-3", line: "docker network create -d overlay appnet" }],
    noClash: [join, { pane: "node-1", line: "docker network create -d overlay --subnet 10.10.0.0/24 other" }],
    deploy: [
      join,
      { pane: "node-1", line: "docker network rm backend" },
      { pane: "node-1", line: "docker network create -d overlay --subnet 10.10.0.0/24 backend" },
      { pane: "node-1", line: "docker service create --name api --network backend --constraint node.hostname==node-1 nginx" },
    ],
  },
  fails: {
    ownSwarm: [{ pane: "node-3", line: "docker swarm init" }],
    newClash: [join, { pane: "node-1", line: "docker network create -d overlay --subnet 192.168.0.0/16 wide" }],
  },
};
