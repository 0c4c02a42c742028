/**
 * What Tab completes names and ID prefixes from: the world's state as seen from one host (its containers
 * and local networks; its swarm's nodes, networks and services when it is part of one).
 */
import type { ContainerState, WorldState } from "../model/state";
import type { CompletionSource } from "./complete";
import type { NameFilter, NameKind } from "./types";

const short = (id: string) => id.slice(0, 12);

export function worldNames(state: () => Readonly<WorldState>): CompletionSource {
  const collect = (kind: NameKind, host: string, filter?: NameFilter): { names: string[]; ids: string[] } => {
    const s = state();
    const h = s.hosts[host];
    const swarm = h?.swarmId ? s.swarms[h.swarmId] : undefined;
    switch (kind) {
      case "host":
        return { names: Object.keys(s.hosts), ids: [] };
      case "container": {
        // A container's networks by name, as docker lists them: those it is attached to or was created on.
        const nameOf = (id: string) => h?.networks[id]?.name ?? swarm?.networks[id]?.name;
        const on = (c: ContainerState) => [...Object.keys(c.addresses), ...(c.networks ?? [])].some((id) => nameOf(id) === filter!.network);
        const cs = Object.values(h?.containers ?? {}).filter((c) => !filter || on(c) === filter.attached);
        return { names: cs.map((c) => c.name), ids: cs.map((c) => short(c.id)) };
      }
      case "network": {
        const local = Object.values(h?.networks ?? {});
        const global = Object.values(swarm?.networks ?? {});
        return { names: [...local, ...global].map((n) => n.name), ids: [...local, ...global].map((n) => short(n.id)) };
      }
      case "service": {
        const ss = Object.values(swarm?.services ?? {});
        return { names: ss.map((x) => x.name), ids: ss.map((x) => short(x.id)) };
      }
      case "node": {
        const ns = Object.values(swarm?.nodes ?? {});
        return { names: ns.map((n) => n.hostname), ids: ns.map((n) => short(n.id)) };
      }
      default:
        return { names: [], ids: [] };
    }
  };
  return {
    names: (kind, host, filter) => collect(kind, host, filter).names,
    ids: (kind, host, filter) => collect(kind, host, filter).ids,
  };
}
