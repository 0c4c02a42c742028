/** docker network ls | create | rm (docker/cli cli/command/network). */
import { disconnectContainer } from "../../../daemon/containers";
import { errorText } from "../../../engine/errors";
import { findNetwork, ingressAddressOf, removeNetwork, visibleNetworks, type Network } from "../../../net/networks";
import { lbOwner } from "../../../net/lb";
import { formatIp, parseIp } from "../../../net/ipam";
import { containerMac } from "../../../net/pcap";
import { goMap, goTime, goTimeString } from "../../../format/json";
import type { World } from "../../../engine/world";
import type { SwarmState } from "../../../model/state";
import { truncateId } from "../../../format/table";
import type { CommandSpec } from "../../types";
import { confirm, failed, worldOf } from "./common";
import { networkConnectCmd } from "./network-connect";
import { networkCreateCmd } from "./network-create";
import { endpointId } from "../../../engine/ids";
import { Filters, filterFlag } from "./filters";
import { formatFlag, INSPECT_FORMAT_FLAG, LIST_FORMAT_USAGE, listContext, writeInspect, writeList, type ListFormat } from "./format";

const NETWORK_LIST: ListFormat = {
  table: "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}",
  headers: { ID: "NETWORK ID", Name: "NAME", Driver: "DRIVER", Scope: "SCOPE", IPv4: "IPV4", IPv6: "IPV6", Internal: "INTERNAL", Labels: "LABELS", CreatedAt: "CREATED AT" },
  raw: { normal: "network_id: {{.ID}}\\nname: {{.Name}}\\ndriver: {{.Driver}}\\nscope: {{.Scope}}\\n", quiet: "network_id: {{.ID}}" },
};

/** moby's IsPredefined: `type=builtin` is bridge, host and none (ingress and docker_gwbridge count as custom). */
export const isPredefined = (n: Network) => ["bridge", "host", "none", "default"].includes(n.name);

/** Whether anything uses the network: a container endpoint or a service (moby's dangling filter). */
function inUse(world: World, host: string, n: Network): boolean {
  if (Object.keys(n.endpoints).length > 0) return true;
  if (n.name === "docker_gwbridge" && world.state.hosts[host].swarmId) return true;
  return Object.values(world.state.swarms).some((s) => Object.values(s.services).some((svc) => svc.networks.includes(n.id)));
}

function matchesFilters(world: World, host: string, f: Filters, n: Network): boolean {
  if (!f.exactMatch("driver", n.driver === "null" ? "null" : n.driver)) return false;
  if (f.contains("name") && !f.match("name", n.name)) return false;
  if (f.contains("id") && !f.match("id", n.id)) return false;
  if (!f.matchKVList("label", n.labels)) return false;
  if (!f.exactMatch("scope", n.scope)) return false;
  const dangling = f.get("dangling")[0];
  if (dangling !== undefined) {
    const unused = !isPredefined(n) && !inUse(world, host, n);
    if ((dangling === "true" || dangling === "1") !== unused) return false;
  }
  const types = f.get("type");
  if (types.length && !types.some((t) => (t === "builtin") === isPredefined(n))) return false;
  return true;
}

/** The daemon's checks of a network list filter (moby daemon/network/filter.go). */
function filterError(f: Filters): string | undefined {
  const invalid = f.validate(["dangling", "driver", "id", "label", "name", "scope", "type"]);
  if (invalid) return invalid;
  const dangling = f.get("dangling");
  if (dangling.length > 1) return 'got more than one value for filter key "dangling"';
  if (dangling.length && !["0", "1", "true", "false"].includes(dangling[0])) return 'invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")';
  const badType = f.get("type").find((t) => t !== "builtin" && t !== "custom");
  if (badType !== undefined) return `invalid filter: 'type'='${badType}'`;
  return undefined;
}

export const networkLsCmd: CommandSpec = {
  path: ["network", "ls"],
  use: "ls [OPTIONS]",
  short: "List networks",
  aliases: ["list"],
  args: { kind: "none" },
  flags: [
    filterFlag('Provide filter values (e.g. "driver=bridge")'),
    formatFlag(LIST_FORMAT_USAGE),
    { name: "no-trunc", type: "bool", usage: "Do not truncate the output" },
    { name: "quiet", short: "q", type: "bool", usage: "Only display network IDs" },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const filters = new Filters(ctx.flags.get<string[]>("filter"));
    const problem = filterError(filters);
    if (problem) {
      io.err(`Error response from daemon: ${problem}\n`);
      return 1;
    }
    const trunc = !ctx.flags.get<boolean>("no-trunc");
    const rows = visibleNetworks(world, ctx.host)
      .filter((n) => matchesFilters(world, ctx.host, filters, n))
      .map((n) =>
        listContext("*network.networkContext", {
          ID: (trunc ? truncateId(n.id) : n.id),
          Name: n.name,
          Driver: n.driver,
          Scope: n.scope,
          IPv4: "true",
          IPv6: "false",
          Internal: String(n.internal),
          Labels: Object.entries(n.labels).map(([k, v]) => `${k}=${v}`).sort().join(","),
          CreatedAt: goTimeString(n.createdAt),
        }, n.labels ?? {}),
      );
    return writeList(io, NETWORK_LIST, rows, { format: ctx.flags.get<string>("format"), quiet: ctx.flags.get<boolean>("quiet") });
  },
};

const INGRESS_WARNING =
  "WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker engine version. " +
  "Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue?";

export const networkRmCmd: CommandSpec = {
  path: ["network", "rm"],
  use: "rm NETWORK [NETWORK...]",
  short: "Remove one or more networks",
  aliases: ["remove"],
  args: { kind: "min", n: 1 },
  flags: [{ name: "force", short: "f", type: "bool", usage: "Do not error if the network does not exist" }],
  async run(ctx, io) {
    let code = 0;
    for (const ref of ctx.args) {
      // docker/cli network/remove.go: removing the routing mesh asks first (a "no" skips it silently).
      const found = findNetwork(worldOf(ctx), ctx.host, ref);
      if (found.ok && found.value.scope === "swarm" && found.value.ingress && !confirm(io, INGRESS_WARNING)) continue;
      const r = removeNetwork(worldOf(ctx), ctx.host, ref);
      if (!r.ok && r.error.code === "network-not-found" && ctx.flags.get<boolean>("force")) continue;
      if (failed(io, r)) code = 1;
      else io.out(`${ref}\n`);
    }
    return code;
  },
};


/** One IPAM Config entry in the API's key order; IPRange and AuxiliaryAddresses only when set (omitzero). */
function ipamConfig(n: Network) {
  return {
    Subnet: n.subnet,
    ...(n.ipRange ? { IPRange: n.ipRange } : {}),
    Gateway: n.gateway,
    ...(n.auxAddresses ? { AuxiliaryAddresses: goMap(n.auxAddresses) } : {}),
  };
}

export function inspectNetwork(world: World, hostName: string, n: Network, verbose = false) {
  const host = world.state.hosts[hostName];
  const prefix = n.subnet ? n.subnet.split("/")[1] : "";
  const endpoint = (name: string, owner: string, ip: string) => ({ Name: name, EndpointID: endpointId(n.id, owner), MacAddress: containerMac(ip).map((b) => b.toString(16).padStart(2, "0")).join(":"), IPv4Address: `${ip}/${prefix}`, IPv6Address: "" });
  const containers: Record<string, unknown> = Object.fromEntries(Object.values(host.containers).filter((c) => c.addresses[n.id]).map((c) => [c.id, endpoint(c.name, c.id, c.addresses[n.id])]));
  // A swarm node's routing-mesh sandbox: "ingress-endpoint" on ingress, "gateway_ingress-sbox" (.2) on docker_gwbridge.
  const swarmOfHost = host.swarmId ? world.state.swarms[host.swarmId] : undefined;
  const sboxIp = swarmOfHost && host.nodeId ? ingressAddressOf(swarmOfHost, host.nodeId) : null;
  if (sboxIp && n.scope === "swarm" && n.ingress) containers["ingress-sbox"] = endpoint("ingress-endpoint", `${host.nodeId}:ingress-sbox`, sboxIp);
  const gateway = n.name === "docker_gwbridge" && n.gateway ? parseIp(n.gateway) : null;
  if (sboxIp && gateway !== null) containers["ingress-sbox"] = endpoint("gateway_ingress-sbox", `${host.nodeId}:gateway`, formatIp(gateway + 1));
  // The node's load-balancer sandbox on an overlay it uses (libnetwork createLoadBalancerSandbox: "<net>-endpoint").
  const lbIp = swarmOfHost && host.nodeId && n.scope === "swarm" ? swarmOfHost.nodes[host.nodeId]?.lbAddresses?.[n.id] : undefined;
  if (lbIp) containers[`lb-${n.name}`] = endpoint(`${n.name}-endpoint`, lbOwner(host.nodeId!), lbIp);
  const out: Record<string, unknown> = {
    Name: n.name,
    Id: n.id,
    Created: goTime(n.createdAt),
    Scope: n.scope,
    Driver: n.driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: "default", Options: n.ipamOptions ? goMap(n.ipamOptions) : null, Config: n.subnet ? [ipamConfig(n)] : [] },
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: n.scope === "swarm" ? n.ingress : false,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Options: goMap(n.options),
    Labels: goMap(n.labels),
  };
  if (n.scope === "swarm" && Object.keys(containers).length > 0) {
    // The nodes taking part: those with an endpoint on this network (every node has one on ingress).
    const swarm = world.state.swarms[host.swarmId!];
    const hostsWith = Object.values(world.state.hosts).filter(
      (h) => h.swarmId === swarm.id && h.up && h.nodeId && (n.ingress ? ingressAddressOf(swarm, h.nodeId) : swarm.nodes[h.nodeId]?.lbAddresses?.[n.id]),
    );
    out.Peers = hostsWith.map((h) => ({ Name: `${h.name}-${endpointId(h.name, n.id).slice(0, 12)}`, IP: h.ip }));
  }
  out.Containers = goMap(containers);
  // --verbose on a node where the overlay is present: libnetwork's service table (moby api/types/network ServiceInfo).
  if (verbose && n.scope === "swarm" && Object.keys(containers).length > 0) out.Services = serviceTable(world, world.state.swarms[host.swarmId!], n);
  return out;
}

/**
 * The services with tasks on an overlay, as `network inspect --verbose` lists them: the VIP on this network,
 * the ingress ports (`Target: 80, Publish: 8080`), the load-balancer index, and every running task's endpoint
 * on any node (`Info: {"Host IP": …}`), by service name.
 */
function serviceTable(world: World, swarm: SwarmState, n: Network): Record<string, unknown> {
  const services = Object.values(swarm.services).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const table: Record<string, unknown> = {};
  let lbIndex = 256;
  for (const s of services) {
    const tasks = Object.values(swarm.tasks).filter((t) => t.serviceId === s.id && t.state === "running" && t.addresses[n.id]);
    if (tasks.length === 0 && !s.vips[n.id]) continue;
    lbIndex++;
    table[s.name] = {
      VIP: s.vips[n.id] ?? "",
      Ports: n.scope === "swarm" && n.ingress ? s.ports.filter((p) => p.publishMode === "ingress").map((p) => `Target: ${p.targetPort}, Publish: ${p.publishedPort}`) : [],
      LocalLBIndex: s.vips[n.id] ? lbIndex : 0,
      Tasks: tasks.map((t) => {
        const node = swarm.nodes[t.nodeId ?? ""];
        const host = node ? world.state.hosts[node.hostname] : undefined;
        const c = host && t.containerId ? host.containers[t.containerId] : undefined;
        return { Name: c?.name ?? `${s.name}.${t.slot ?? t.nodeId}.${t.id}`, EndpointID: endpointId(n.id, t.containerId ?? t.id), EndpointIP: t.addresses[n.id], Info: { "Host IP": host?.ip ?? "" } };
      }),
    };
  }
  return table;
}

export const networkInspectCmd: CommandSpec = {
  path: ["network", "inspect"],
  use: "inspect [OPTIONS] NETWORK [NETWORK...]",
  short: "Display detailed information on one or more networks",
  args: { kind: "min", n: 1 },
  flags: [INSPECT_FORMAT_FLAG, { name: "verbose", short: "v", type: "bool", usage: "Verbose output for diagnostics" }],
  async run(ctx, io) {
    const world = worldOf(ctx);
    return writeInspect(io, ctx.args, ctx.flags.get<string>("format"), (ref) => {
      const r = findNetwork(world, ctx.host, ref);
      return r.ok ? { ok: true, value: inspectNetwork(world, ctx.host, r.value, ctx.flags.get<boolean>("verbose")) } : { ok: false, error: `Error response from daemon: ${errorText(r.error)}` };
    });
  },
};

export const networkDisconnectCmd: CommandSpec = {
  path: ["network", "disconnect"],
  use: "disconnect [OPTIONS] NETWORK CONTAINER",
  short: "Disconnect a container from a network",
  args: { kind: "exact", n: 2 },
  // docker/cli network/disconnect.go: networks, then the containers on that network.
  completeArg: (args) => (args.length === 0 ? { kinds: ["network"] } : { kinds: ["container"], filter: { network: args[0], attached: true } }),
  flags: [{ name: "force", short: "f", type: "bool", usage: "Force the container to disconnect from a network" }],
  async run(ctx, io) {
    return failed(io, disconnectContainer(worldOf(ctx), ctx.host, ctx.args[0], ctx.args[1])) ? 1 : 0;
  },
};

export const NETWORK_COMMANDS = [networkLsCmd, networkCreateCmd, networkRmCmd, networkInspectCmd, networkConnectCmd, networkDisconnectCmd];
