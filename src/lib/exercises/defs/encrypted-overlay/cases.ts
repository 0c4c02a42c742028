import type { ExerciseCases } from "../../types";

export const cases: ExerciseCases = {
  alternative: [
    { pane: "node-1", line: "docker network create --driver=overlay --attachable --subnet=172.30.0.0/16 --gateway=172.30.0.1 -o encrypted=true vault" },
    { pane: "node-1", line: "docker service create --name=db --network=vault --mode=global redis" },
    { pane: "node-1", line: "tcpdump -n -c 2", keepRunning: true },
    { pane: "node-2", line: "docker run -d --name probe --network vault busybox sleep 1d" },
    { pane: "node-2", line: "docker exec probe ping -c 4 db" },
  ],
  nearMisses: {
    // A custom subnet, not encrypted.
    network: [{ pane: "node-1", line: "docker network create -d overlay --subnet 10.50.0.0/24 --gateway 10.50.0.254 plain" }],
    service: [
      { pane: "node-1", line: "docker network create -d overlay --opt encrypted --subnet 10.50.0.0/24 --gateway 10.50.0.254 secure" },
      { pane: "node-1", line: "docker service create --name web --network secure --constraint node.hostname==node-1 nginx" },
    ],
    // Encrypted traffic flowed, but no capture watched it.
    esp: [
      { pane: "node-1", line: "docker network create -d overlay --opt encrypted --subnet 10.50.0.0/24 --gateway 10.50.0.254 --attachable secure" },
      { pane: "node-1", line: "docker service create --name web --network secure --replicas 2 nginx" },
      { pane: "node-1", line: "docker run -d --name client --network secure busybox sleep 3600" },
      { pane: "node-1", line: "docker exec client ping -c 4 web" },
    ],
  },
  fails: {
    overlapsUnderlay: [{ pane: "node-1", line: "docker network create -d overlay --opt encrypted --subnet 192.168.1.0/24 clash" }],
    plainVxlanSeen: [
      { pane: "node-1", line: "docker network create -d overlay --attachable --subnet 10.50.0.0/24 --gateway 10.50.0.254 plain" },
      { pane: "node-1", line: "docker service create --name web --network plain --replicas 2 nginx" },
      { pane: "node-1", line: "docker run -d --name client --network plain busybox sleep 3600" },
      { pane: "node-2", line: "tcpdump -n -c 2 udp", keepRunning: true },
      { pane: "node-1", line: "docker exec client ping -c 4 web" },
    ],
  },
};
