/**
 * Docker's embedded DNS server (127.0.0.11) as a container on a user-defined network sees it: a service
 * name gives its VIP (or its task addresses with dnsrr), `tasks.<service>` every running task's address,
 * container names and IDs their address — only on networks the asking container shares.
 */
import type { World } from "../engine/world";
import type { ContainerState } from "../model/state";
import { swarmOf } from "../engine/lookup";
import { networkById } from "./networks";

export const EMBEDDED_DNS = "127.0.0.11";

export interface Answer {
  name: string;
  addresses: string[];
  kind: "vip" | "tasks" | "dnsrr" | "container";
  networkId: string;
}

/**
 * What the embedded DNS answers a container that asks for `query`, announced as a `dns` hop (the query to
 * 127.0.0.11 inside the container's namespace and its answer) for the UI's packet path. Only containers
 * with a user-defined network ask 127.0.0.11; on the default bridge the query goes to the host's resolver.
 */
export function resolve(world: World, hostName: string, asker: ContainerState, query: string): Answer | null {
  const answer = answerFor(world, hostName, asker, query);
  const netId = answer?.networkId ?? Object.keys(asker.addresses).find((id) => {
    const net = networkById(world, hostName, id);
    return net && !(net.driver === "bridge" && net.name === "bridge") && net.driver !== "null" && net.driver !== "host";
  });
  if (netId && asker.addresses[netId]) {
    const name = query.replace(/\.$/, "");
    const said = !answer || answer.addresses.length === 0 ? `${name}: NXDOMAIN` : `${name} → ${answer.addresses.join(", ")} (${answer.kind === "vip" ? "VIP" : answer.kind})`;
    world.announce({ type: "packet.hop", hop: { host: hostName, action: "dns", inner: { src: asker.addresses[netId], dst: EMBEDDED_DNS, protocol: "udp" }, detail: said } });
  }
  return answer;
}

/** The embedded DNS's answer, without announcing a query (for checks that look rather than ask). */
export function answerFor(world: World, hostName: string, asker: ContainerState, query: string): Answer | null {
  const name = query.replace(/\.$/, "");
  const swarm = swarmOf(world, hostName);
  for (const netId of Object.keys(asker.addresses)) {
    const net = networkById(world, hostName, netId);
    // The default bridge has no embedded DNS: names there come from the host's resolver, which knows none.
    if (!net || (net.driver === "bridge" && net.name === "bridge")) continue;
    if (swarm && net.scope === "swarm") {
      const tasksOf = (serviceId: string) =>
        Object.values(swarm.tasks)
          .filter((t) => t.serviceId === serviceId && t.state === "running" && t.addresses[netId])
          .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || a.id.localeCompare(b.id))
          .map((t) => t.addresses[netId]);
      for (const s of Object.values(swarm.services)) {
        if (!s.networks.includes(netId) && !(net.ingress && s.vips[netId])) continue;
        // A service answers to its name and to its aliases on this network (`--network name=…,alias=…`).
        const names = [s.name, ...(s.aliases?.[netId] ?? [])];
        if (names.some((n) => name === `tasks.${n}`)) return { name, addresses: tasksOf(s.id), kind: "tasks", networkId: netId };
        if (names.includes(name)) {
          if (s.endpointMode === "vip" && s.vips[netId]) return { name, addresses: [s.vips[netId]], kind: "vip", networkId: netId };
          return { name, addresses: tasksOf(s.id), kind: "dnsrr", networkId: netId };
        }
      }
    }
    // Containers on this network, by name, hostname or ID prefix of 12.
    for (const owner of Object.values(net.endpoints)) {
      const c = findAnyContainer(world, owner, swarm ? (id) => swarm.tasks[id]?.containerId ?? null : () => null);
      if (c && c.addresses[netId] && (c.name === name || c.hostname === name || c.id === name)) {
        return { name, addresses: [c.addresses[netId]], kind: "container", networkId: netId };
      }
    }
    // Network-scoped aliases (`docker network connect --alias`): every container that has one answers.
    const aliased = Object.values(net.endpoints).flatMap((owner) => {
      const c = findAnyContainer(world, owner, () => null);
      return c && c.addresses[netId] && c.endpointConfig?.[netId]?.aliases?.includes(name) ? [c.addresses[netId]] : [];
    });
    if (aliased.length) return { name, addresses: aliased, kind: "container", networkId: netId };
  }
  return null;
}

/** The container behind an endpoint owner (a container ID, or a task ID that has one). */
export function findAnyContainer(world: World, owner: string, containerOfTask: (taskId: string) => string | null): ContainerState | null {
  const id = containerOfTask(owner) ?? owner;
  for (const h of Object.values(world.state.hosts)) {
    const c = h.containers[id];
    if (c) return c;
  }
  return null;
}

/** Where a container lives. */
export function hostOfContainer(world: World, containerId: string): string | null {
  for (const h of Object.values(world.state.hosts)) if (h.containers[containerId]) return h.name;
  return null;
}
