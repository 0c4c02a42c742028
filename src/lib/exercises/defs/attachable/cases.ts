import type { ExerciseCases } from "../../types";

const tryPlain = { pane: "node-1", line: "docker run -d --name probe --network appnet busybox sleep 3600" };

export const cases: ExerciseCases = {
  alternative: [
    { pane: "node-2", line: "docker run -d --network=appnet alpine sleep 1d" },
    { pane: "node-1", line: "docker network create --attachable --driver=overlay tools" },
    { pane: "node-1", line: "docker service update --network-add tools web" },
    { pane: "node-2", line: "docker run -d --network=tools --name tester alpine sleep 1d" },
    { pane: "node-2", line: "docker exec tester ping -c 3 web" },
  ],
  nearMisses: {
    refused: [{ pane: "node-1", line: "docker run -d --name probe busybox sleep 3600" }],
    // Attachable, but web is not on it.
    network: [tryPlain, { pane: "node-1", line: "docker network create -d overlay --attachable debugnet" }],
    // On the shared network, but never sent anything.
    joined: [
      tryPlain,
      { pane: "node-1", line: "docker network create -d overlay --attachable debugnet" },
      { pane: "node-1", line: "docker service update --network-add debugnet web" },
      { pane: "node-1", line: "docker run -d --name dbg --network debugnet busybox sleep 3600" },
    ],
  },
  fails: {
    webRemoved: [{ pane: "node-1", line: "docker service rm web" }],
    bridgeInstead: [{ pane: "node-1", line: "docker run -d --name dbg busybox sleep 3600" }],
    attachableWithoutWeb: [
      { pane: "node-1", line: "docker network create -d overlay --attachable debugnet" },
      { pane: "node-1", line: "docker run -d --name dbg --network debugnet busybox sleep 3600" },
    ],
  },
};
