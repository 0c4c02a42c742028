/**
 * Goals of command questions as predicates on the simulator's state (learnGitBranching's way): the
 * learner's command is run, and only the resulting world is judged, so any equivalent command passes —
 * flag order, `=` forms, short flags, a default left out.
 *
 * A goal that is not met yields misses: a code with the data to explain it, turned into EN/UA text by
 * the UI (messages `quiz.miss.<code>`).
 */
import type { WorldState } from "sim-core";
import type { Goal } from "./schema";

export type Miss =
  | { code: "noNetwork"; name: string }
  | { code: "wrongDriver"; name: string; expected: string; found: string }
  | { code: "notAttachable"; name: string }
  | { code: "notEncrypted"; name: string }
  | { code: "noService"; name: string }
  | { code: "wrongImage"; name: string; expected: string; found: string }
  | { code: "wrongReplicas"; name: string; expected: number; found: number }
  | { code: "notOnNetwork"; name: string; network: string }
  | { code: "noPublishedPort"; name: string; published: number; target: number }
  | { code: "wrongPublishMode"; name: string; expected: string; found: string }
  | { code: "noRunningContainer"; host: string; network: string }
  | { code: "notManager"; host: string }
  | { code: "wrongAdvertise"; host: string; expected: string; found: string };

function swarmOf(state: Readonly<WorldState>, host: string) {
  const id = state.hosts[host]?.swarmId;
  return id ? state.swarms[id] : undefined;
}

/** All swarms' networks and the host's own, by name (a goal names objects as the learner does). */
function networkByName(state: Readonly<WorldState>, host: string, name: string) {
  const swarm = swarmOf(state, host);
  const overlay = swarm && Object.values(swarm.networks).find((n) => n.name === name);
  if (overlay) return overlay;
  return Object.values(state.hosts[host]?.networks ?? {}).find((n) => n.name === name);
}

/** `nginx`, `nginx:latest` and `docker.io/library/nginx:latest` are one image. */
export function sameImage(a: string, b: string): boolean {
  const norm = (ref: string) => {
    const noDigest = ref.split("@")[0];
    const lastSlash = noDigest.lastIndexOf("/");
    const hasTag = noDigest.lastIndexOf(":") > lastSlash;
    const withTag = hasTag ? noDigest : `${noDigest}:latest`;
    return withTag.replace(/^docker\.io\//, "").replace(/^library\//, "");
  };
  return norm(a) === norm(b);
}

/** Command questions run on node-1: the manager in every item's start state. */
const HOST = "node-1";

export function checkGoal(goal: Goal, state: Readonly<WorldState>): Miss[] {
  switch (goal.kind) {
    case "overlay": {
      const net = networkByName(state, HOST, goal.name);
      if (!net) return [{ code: "noNetwork", name: goal.name }];
      if (net.driver !== "overlay") return [{ code: "wrongDriver", name: goal.name, expected: "overlay", found: net.driver }];
      const misses: Miss[] = [];
      if (goal.attachable && !net.attachable) misses.push({ code: "notAttachable", name: goal.name });
      if (goal.encrypted && !("encrypted" in net.options)) misses.push({ code: "notEncrypted", name: goal.name });
      return misses;
    }
    case "bridge": {
      const net = networkByName(state, goal.host, goal.name);
      if (!net) return [{ code: "noNetwork", name: goal.name }];
      if (net.driver !== "bridge") return [{ code: "wrongDriver", name: goal.name, expected: "bridge", found: net.driver }];
      return [];
    }
    case "service": {
      const swarm = swarmOf(state, HOST);
      const service = swarm && Object.values(swarm.services).find((s) => s.name === goal.name);
      if (!swarm || !service) return [{ code: "noService", name: goal.name }];
      const misses: Miss[] = [];
      if (goal.image && !sameImage(goal.image, service.image)) {
        // The digest the swarm pinned is noise to the learner: the image as they named it.
        misses.push({ code: "wrongImage", name: goal.name, expected: goal.image, found: service.image.split("@")[0] });
      }
      if (goal.replicas !== undefined && (service.mode !== "replicated" || service.replicas !== goal.replicas)) {
        misses.push({ code: "wrongReplicas", name: goal.name, expected: goal.replicas, found: service.mode === "replicated" ? service.replicas : 0 });
      }
      for (const network of goal.networks ?? []) {
        const net = Object.values(swarm.networks).find((n) => n.name === network);
        if (!net || !service.networks.includes(net.id)) misses.push({ code: "notOnNetwork", name: goal.name, network });
      }
      if (goal.publish) {
        const { published, target, mode } = goal.publish;
        const port = service.ports.find((p) => p.publishedPort === published && p.targetPort === target && p.protocol === "tcp");
        if (!port) misses.push({ code: "noPublishedPort", name: goal.name, published, target });
        else if (port.publishMode !== mode) misses.push({ code: "wrongPublishMode", name: goal.name, expected: mode, found: port.publishMode });
      }
      return misses;
    }
    case "container": {
      const net = networkByName(state, goal.host, goal.network);
      const running = Object.values(state.hosts[goal.host]?.containers ?? {}).some(
        (c) => c.taskId === null && c.state === "running" && net !== undefined && net.id in c.addresses,
      );
      return running ? [] : [{ code: "noRunningContainer", host: goal.host, network: goal.network }];
    }
    case "manager": {
      const hostState = state.hosts[goal.host];
      const swarm = swarmOf(state, goal.host);
      const node = swarm && hostState?.nodeId ? swarm.nodes[hostState.nodeId] : undefined;
      if (!node || node.role !== "manager") return [{ code: "notManager", host: goal.host }];
      if (goal.advertise !== undefined) {
        // `--advertise-addr eth0` names the interface that holds the address: the same choice.
        const addr = node.addr.replace(/:\d+$/, "");
        const ok = addr === goal.advertise || (addr === "eth0" && hostState.ip === goal.advertise);
        if (!ok) return [{ code: "wrongAdvertise", host: goal.host, expected: goal.advertise, found: addr }];
      }
      return [];
    }
  }
}
