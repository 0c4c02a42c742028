/** docker network ls | create | rm (docker/cli cli/command/network). */
import { connectContainer, disconnectContainer } from "../../../engine/containers";
import { createNetwork, findNetwork, removeNetwork, visibleNetworks, type Network } from "../../../net/networks";
import { containerMac } from "../../../net/pcap";
import { goJson, goMap, goTime } from "../../../format/json";
import type { World } from "../../../engine/world";
import { tabwrite, truncateId } from "../../../format/table";
import type { CommandSpec } from "../../types";
import { failed, worldOf } from "./common";

export const networkLsCmd: CommandSpec = {
  path: ["network", "ls"],
  use: "ls [OPTIONS]",
  short: "List networks",
  aliases: ["list"],
  args: { kind: "none" },
  flags: [
    { name: "no-trunc", type: "bool", usage: "Do not truncate the output" },
    { name: "quiet", short: "q", type: "bool", usage: "Only display network IDs" },
  ],
  async run(ctx, io) {
    const nets = visibleNetworks(worldOf(ctx), ctx.host);
    const id = (s: string) => (ctx.flags.get<boolean>("no-trunc") ? s : truncateId(s));
    if (ctx.flags.get<boolean>("quiet")) {
      io.out(nets.map((n) => `${id(n.id)}\n`).join(""));
      return 0;
    }
    io.out(tabwrite([["NETWORK ID", "NAME", "DRIVER", "SCOPE"], ...nets.map((n) => [id(n.id), n.name, n.driver, n.scope])]));
    return 0;
  },
};

export const networkCreateCmd: CommandSpec = {
  path: ["network", "create"],
  use: "create [OPTIONS] NETWORK",
  short: "Create a network",
  args: { kind: "exact", n: 1 },
  flags: [
    { name: "attachable", type: "bool", usage: "Enable manual container attachment" },
    { name: "driver", short: "d", type: "string", default: "bridge", usage: "Driver to manage the Network" },
    { name: "gateway", type: "stringSlice", usage: "IPv4 or IPv6 Gateway for the master subnet" },
    { name: "ingress", type: "bool", usage: "Create swarm routing-mesh network" },
    { name: "internal", type: "bool", usage: "Restrict external access to the network" },
    { name: "label", type: "list", usage: "Set metadata on a network" },
    { name: "opt", short: "o", type: "map", usage: "Set driver specific options" },
    { name: "subnet", type: "stringSlice", usage: "Subnet in CIDR format that represents a network segment" },
  ],
  async run(ctx, io) {
    const subnets = ctx.flags.get<string[]>("subnet") ?? [];
    const gateways = ctx.flags.get<string[]>("gateway") ?? [];
    if (gateways.length > subnets.length) {
      io.err("every ip-range or gateway must have a corresponding subnet\n");
      return 1;
    }
    const labels = Object.fromEntries((ctx.flags.get<string[]>("label") ?? []).map((l) => [l.split("=")[0], l.split("=").slice(1).join("=")]));
    const r = createNetwork(worldOf(ctx), ctx.host, {
      name: ctx.args[0],
      driver: ctx.flags.get<string>("driver") ?? "bridge",
      subnet: subnets[0],
      gateway: gateways[0],
      attachable: ctx.flags.get<boolean>("attachable"),
      internal: ctx.flags.get<boolean>("internal"),
      ingress: ctx.flags.get<boolean>("ingress"),
      labels,
      options: ctx.flags.get<Record<string, string>>("opt") ?? {},
    });
    if (failed(io, r)) return 1;
    io.out(`${r.value.id}\n`);
    return 0;
  },
};

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
      const r = removeNetwork(worldOf(ctx), ctx.host, ref);
      if (!r.ok && r.error.code === "network-not-found" && ctx.flags.get<boolean>("force")) continue;
      if (failed(io, r)) code = 1;
      else io.out(`${ref}\n`);
    }
    return code;
  },
};

/** A stable 64-hex endpoint ID derived from the network and the container (no extra state to keep). */
export function endpointId(a: string, b: string): string {
  let out = "";
  let h = 2166136261;
  for (let round = 0; out.length < 64; round++) {
    for (const c of `${a}/${b}/${round}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}

export function inspectNetwork(world: World, hostName: string, n: Network) {
  const host = world.state.hosts[hostName];
  const prefix = n.subnet ? n.subnet.split("/")[1] : "";
  const containers = Object.fromEntries(
    Object.values(host.containers)
      .filter((c) => c.addresses[n.id])
      .map((c) => [c.id, { Name: c.name, EndpointID: endpointId(n.id, c.id), MacAddress: containerMac(c.addresses[n.id]).map((b) => b.toString(16).padStart(2, "0")).join(":"), IPv4Address: `${c.addresses[n.id]}/${prefix}`, IPv6Address: "" }]),
  );
  const out: Record<string, unknown> = {
    Name: n.name,
    Id: n.id,
    Created: goTime(n.createdAt),
    Scope: n.scope,
    Driver: n.driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: "default", Options: null, Config: n.subnet ? [{ Subnet: n.subnet, Gateway: n.gateway }] : [] },
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: n.scope === "swarm" ? n.ingress : false,
    ConfigFrom: { Network: "" },
    ConfigOnly: false,
    Options: goMap(n.options),
    Labels: goMap(n.labels),
  };
  if (n.scope === "swarm" && Object.keys(containers).length > 0) {
    // The nodes taking part: those with an endpoint on this network.
    const swarm = world.state.swarms[host.swarmId!];
    const hostsWith = Object.values(world.state.hosts).filter((h) => h.swarmId === swarm.id && Object.values(h.containers).some((c) => c.addresses[n.id]));
    out.Peers = hostsWith.map((h) => ({ Name: `${h.name}-${endpointId(h.name, n.id).slice(0, 12)}`, IP: h.ip }));
  }
  out.Containers = goMap(containers);
  return out;
}

export const networkInspectCmd: CommandSpec = {
  path: ["network", "inspect"],
  use: "inspect [OPTIONS] NETWORK [NETWORK...]",
  short: "Display detailed information on one or more networks",
  args: { kind: "min", n: 1 },
  flags: [],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const found: unknown[] = [];
    let code = 0;
    for (const ref of ctx.args) {
      const r = findNetwork(world, ctx.host, ref);
      if (failed(io, r)) code = 1;
      else found.push(inspectNetwork(world, ctx.host, r.value));
    }
    io.out(`${goJson(found)}\n`);
    return code;
  },
};

export const networkConnectCmd: CommandSpec = {
  path: ["network", "connect"],
  use: "connect [OPTIONS] NETWORK CONTAINER",
  short: "Connect a container to a network",
  args: { kind: "exact", n: 2 },
  flags: [{ name: "alias", type: "stringSlice", usage: "Add network-scoped alias for the container" }],
  async run(ctx, io) {
    return failed(io, connectContainer(worldOf(ctx), ctx.host, ctx.args[0], ctx.args[1])) ? 1 : 0;
  },
};

export const networkDisconnectCmd: CommandSpec = {
  path: ["network", "disconnect"],
  use: "disconnect [OPTIONS] NETWORK CONTAINER",
  short: "Disconnect a container from a network",
  args: { kind: "exact", n: 2 },
  flags: [{ name: "force", short: "f", type: "bool", usage: "Force the container to disconnect from a network" }],
  async run(ctx, io) {
    return failed(io, disconnectContainer(worldOf(ctx), ctx.host, ctx.args[0], ctx.args[1])) ? 1 : 0;
  },
};

export const NETWORK_COMMANDS = [networkLsCmd, networkCreateCmd, networkRmCmd, networkInspectCmd, networkConnectCmd, networkDisconnectCmd];
