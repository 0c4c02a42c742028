import type { ExerciseCases } from "../../types";

const create = { pane: "node-1", line: "docker service create --name web -p 8080:80 --replicas 1 --constraint node.hostname==node-2 traefik/whoami" };

export const cases: ExerciseCases = {
  alternative: [
    { pane: "node-1", line: "docker service create --name=echo --publish published=9000,target=80 --constraint=node.role==manager traefik/whoami" },
    { pane: "node-2", line: "curl -s localhost:9000" },
    { pane: "node-1", line: "docker service create --name=direct --publish mode=host,target=80,published=9001 --constraint=node.hostname==node-3 traefik/whoami" },
    { pane: "node-1", line: "curl -s 192.168.1.30:9001" },
  ],
  nearMisses: {
    // Published on every node: no node without a task.
    publish: [{ pane: "node-1", line: "docker service create --name web -p 8080:80 --mode global traefik/whoami" }],
    // Reached through the node that runs the task: no mesh hop.
    mesh: [create, { pane: "node-1", line: "curl -s 192.168.1.20:8080" }],
    // Host mode set but never asked.
    hostMode: [create, { pane: "node-3", line: "curl -s 192.168.1.30:8080" }, { pane: "node-1", line: "docker service update --publish-rm 8080 --publish-add mode=host,published=8080,target=80 web" }],
  },
  fails: {
    global: [{ pane: "node-1", line: "docker service create --name web -p 8080:80 --mode global traefik/whoami" }],
    curlOnTaskNode: [create, { pane: "node-2", line: "curl -s localhost:8080" }],
  },
};
