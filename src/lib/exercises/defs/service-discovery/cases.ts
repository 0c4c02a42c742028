import type { ExerciseCases } from "../../types";

const curl = { pane: "node-1", line: "docker exec client curl -s api" };
const answer = { pane: "node-1", line: "", answer: { step: "question", choice: 0 } };

export const cases: ExerciseCases = {
  alternative: [
    { pane: "node-1", line: "docker exec client ping -c 3 api" },
    { pane: "node-1", line: "docker exec client dig +short tasks.api" },
    { pane: "node-1", line: "docker exec client ping -c 1 tasks.api" },
    { pane: "node-1", line: "docker service update --endpoint-mode=dnsrr api" },
    answer,
  ],
  nearMisses: {
    vip: [{ pane: "node-1", line: "docker exec client ping -c 1 tasks.api" }],
    roundRobin: [{ pane: "node-1", line: "docker service scale api=1" }, curl, curl],
    tasks: [curl, curl],
    dnsrr: [curl],
    question: [{ pane: "node-1", line: "", answer: { step: "question", choice: 2 } }],
  },
  fails: {
    apiRemoved: [{ pane: "node-1", line: "docker service rm api" }],
    oneReplica: [{ pane: "node-1", line: "docker service scale api=1" }],
    clientGone: [{ pane: "node-1", line: "docker rm -f client" }],
  },
};
