/**
 * Fills a command's placeholders (join token, manager address, a service's container) from the world: for
 * "Run in lab" scripts as the lab types them, and for exercises' start states and solutions.
 */
import { joinTokenFor, type Lab } from "sim-core";
import { fillPlaceholders } from "./placeholders";
import type { ClusterFacts } from "./protocol";

const HOST_PROMPT = /^(node-\d+)\$ $/;

/** Some node of the lab is a swarm manager (it gives a worker join token). */
export const hasSwarm = (l: Lab): boolean => l.nodes.some((host) => joinTokenFor(l.sandbox.world, host, "worker").ok);

/** What "Run in lab" fits a block to: the swarm, the networks node-1 can name, the swarm's services. */
export function clusterFacts(l: Lab): ClusterFacts {
  const state = l.state();
  const node1 = state.hosts["node-1"];
  const swarm = node1?.swarmId ? state.swarms[node1.swarmId] : undefined;
  const networks = new Set([...Object.values(node1?.networks ?? {}), ...Object.values(swarm?.networks ?? {})].map((n) => n.name));
  return { hasSwarm: hasSwarm(l), networks: [...networks], services: Object.values(swarm?.services ?? {}).map((s) => s.name) };
}

/** Fills an article or exercise command's placeholders (join token, manager address, a service's container) from the world. */
export function resolveIn(l: Lab, paneId: string, line: string): string {
  const world = l.sandbox.world;
  let token: string | null = null;
  let managerIp = l.state().hosts["node-1"].ip;
  for (const host of l.nodes) {
    const t = joinTokenFor(world, host, "worker");
    if (t.ok) {
      token = t.value.token;
      managerIp = t.value.addr.split(":")[0];
      break;
    }
  }
  const host = HOST_PROMPT.exec(l.prompt(paneId))?.[1] ?? paneId;
  const containerOf = (service: string) =>
    Object.values(l.state().hosts[host]?.containers ?? {}).find((c) => c.state === "running" && c.name.startsWith(`${service}.`))?.name ?? null;
  return fillPlaceholders(line, { token, managerIp, containerOf });
}

