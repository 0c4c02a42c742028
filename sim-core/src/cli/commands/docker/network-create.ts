/**
 * docker network create (docker/cli cli/command/network/create.go, as the 28.2 CLI parses it): the CLI's own
 * IPAM checks (createIPAMConfig) run before anything reaches the daemon, which then validates and creates.
 */
import { err } from "../../../engine/errors";
import { createNetwork } from "../../../net/networks";
import { requireManager } from "../../../swarm/cluster";
import { contains, parseCidr, parseIp } from "../../../net/ipam";
import type { CommandIO, CommandSpec } from "../../types";
import { failed, worldOf } from "./common";

/** Go's net.ParseCIDR error, which the CLI prints for a `--ip-range` it cannot read. */
const cidrOf = (text: string) => {
  const c = parseCidr(text);
  return c.ok ? c.value : null;
};

/** The CLI's subnetMatches: whether `data` (an address, or the address of a CIDR) lies in `subnet`. */
function subnetMatches(subnet: string, data: string): boolean | string {
  const s = cidrOf(subnet);
  if (!s) return `invalid subnet: invalid CIDR address: ${subnet}`;
  const ip = data.includes("/") ? parseIp(data.split("/")[0]) : parseIp(data);
  return ip !== null && contains(s, ip);
}

/** createIPAMConfig's checks, in its order; the error text, or undefined. */
function ipamConfigError(subnets: string[], ranges: string[], gateways: string[], aux: Record<string, string>): string | undefined {
  if (subnets.length < ranges.length || subnets.length < gateways.length) return "every ip-range or gateway must have a corresponding subnet";
  for (const [i, s] of subnets.entries()) {
    for (const k of subnets.slice(0, i)) {
      const a = subnetMatches(s, k);
      if (typeof a === "string") return a;
      const b = subnetMatches(k, s);
      if (typeof b === "string") return b;
      if (a || b) return "multiple overlapping subnet configuration is not supported";
    }
  }
  const matched = (what: string, value: string, taken: Set<string>, twice: (s: string) => string) => {
    let match = false;
    for (const s of subnets) {
      const ok = subnetMatches(s, value);
      if (typeof ok === "string") return ok;
      if (!ok) continue;
      if (taken.has(s)) return twice(s);
      taken.add(s);
      match = true;
    }
    return match ? undefined : `no matching subnet for ${what} ${value}`;
  };
  const withRange = new Set<string>();
  for (const r of ranges) {
    if (!cidrOf(r)) return `invalid CIDR address: ${r}`;
    const problem = matched("range", r, withRange, (s) => `cannot configure multiple ranges (${r}, ${ranges.find((x) => subnetMatches(s, x) === true)}) on the same subnet (${s})`);
    if (problem) return problem;
  }
  const withGateway = new Set<string>();
  for (const g of gateways) {
    const problem = matched("gateway", g, withGateway, (s) => `cannot configure multiple gateways (${g}, ${gateways.find((x) => subnetMatches(s, x) === true)}) for the same subnet (${s})`);
    if (problem) return problem;
  }
  for (const a of Object.values(aux)) {
    const problem = matched("aux-address", a, new Set(), () => "");
    if (problem) return problem;
  }
  return undefined;
}

/** What the simulator does not model, said plainly (the lab's networks are IPv4 bridges and overlays). */
function unsupported(ctx: Parameters<CommandSpec["run"]>[0], subnets: string[]): string | undefined {
  const driver = ctx.flags.get<string>("driver") ?? "bridge";
  if (driver === "macvlan" || driver === "ipvlan") return `--driver ${driver} is not supported in this simulator (it models bridge and overlay networks)`;
  if (ctx.flags.get<boolean>("ipv6")) return "--ipv6 is not supported in this simulator (its networks are IPv4 only)";
  if ([...subnets, ...(ctx.flags.get<string[]>("gateway") ?? [])].some((s) => s.includes(":"))) return "IPv6 subnets are not supported in this simulator (its networks are IPv4 only)";
  if (subnets.length > 1) return "more than one --subnet is not supported in this simulator (a network has one IPv4 subnet)";
  if (ctx.flags.get<boolean>("config-only") || ctx.flags.changed.has("config-from"))
    return "--config-only and --config-from are not supported in this simulator (configuration-only networks are not modelled)";
  const scope = ctx.flags.get<string>("scope") ?? "";
  if (scope !== "" && scope !== "local" && scope !== "swarm") return `--scope ${scope} is not supported in this simulator (use local or swarm)`;
  return undefined;
}

/** A swarm-scoped bridge (`--scope swarm -d bridge`) exists only to take a config network's settings. */
const swarmBridge = (ctx: Parameters<CommandSpec["run"]>[0]) => ctx.flags.get<string>("scope") === "swarm" && (ctx.flags.get<string>("driver") ?? "bridge") !== "overlay";

function refuse(io: CommandIO, message: string): number {
  io.err(`${message}\n`);
  return 1;
}

export const networkCreateCmd: CommandSpec = {
  path: ["network", "create"],
  use: "create [OPTIONS] NETWORK",
  short: "Create a network",
  args: { kind: "exact", n: 1 },
  flags: [
    { name: "attachable", type: "bool", usage: "Enable manual container attachment" },
    { name: "aux-address", type: "map", usage: "Auxiliary IPv4 or IPv6 addresses used by Network driver" },
    { name: "config-from", type: "string", usage: "The network from which to copy the configuration", values: "network" },
    { name: "config-only", type: "bool", usage: "Create a configuration only network" },
    // Tab: docker's bash completion offers the engine's network plugins but host and null (one instance each).
    { name: "driver", short: "d", type: "string", default: "bridge", usage: "Driver to manage the Network", values: ["bridge", "ipvlan", "macvlan", "overlay"] },
    { name: "gateway", type: "stringSlice", usage: "IPv4 or IPv6 Gateway for the master subnet" },
    { name: "ingress", type: "bool", usage: "Create swarm routing-mesh network" },
    { name: "internal", type: "bool", usage: "Restrict external access to the network" },
    { name: "ip-range", type: "stringSlice", usage: "Allocate container ip from a sub-range" },
    { name: "ipam-driver", type: "string", default: "default", usage: "IP Address Management Driver", values: ["default"] },
    { name: "ipam-opt", type: "map", usage: "Set IPAM driver specific options" },
    { name: "ipv4", type: "bool", default: true, usage: "Enable or disable IPv4 address assignment" },
    { name: "ipv6", type: "bool", usage: "Enable or disable IPv6 address assignment" },
    { name: "label", type: "list", usage: "Set metadata on a network" },
    { name: "opt", short: "o", type: "map", usage: "Set driver specific options" },
    { name: "scope", type: "string", usage: "Control the network's scope", values: ["local", "swarm"] },
    { name: "subnet", type: "stringSlice", usage: "Subnet in CIDR format that represents a network segment" },
  ],
  async run(ctx, io) {
    const subnets = ctx.flags.get<string[]>("subnet") ?? [];
    const ranges = ctx.flags.get<string[]>("ip-range") ?? [];
    const gateways = ctx.flags.get<string[]>("gateway") ?? [];
    const aux = ctx.flags.get<Record<string, string>>("aux-address") ?? {};
    const cliError = ipamConfigError(subnets, ranges, gateways, aux);
    if (cliError) return refuse(io, cliError);
    const notModelled = unsupported(ctx, subnets);
    if (notModelled) return refuse(io, notModelled);
    const world = worldOf(ctx);
    const labels = Object.fromEntries((ctx.flags.get<string[]>("label") ?? []).map((l) => [l.split("=")[0], l.split("=").slice(1).join("=")]));
    const spec = {
      name: ctx.args[0],
      driver: ctx.flags.get<string>("driver") ?? "bridge",
      subnet: subnets[0],
      gateway: gateways[0],
      ipRange: ranges[0],
      auxAddresses: aux,
      ipamDriver: ctx.flags.get<string>("ipam-driver"),
      ipamOptions: ctx.flags.get<Record<string, string>>("ipam-opt") ?? {},
      ipv4: ctx.flags.changed.has("ipv4") ? ctx.flags.get<boolean>("ipv4") : undefined,
      scope: ctx.flags.get<string>("scope") || undefined,
      attachable: ctx.flags.get<boolean>("attachable"),
      internal: ctx.flags.get<boolean>("internal"),
      ingress: ctx.flags.get<boolean>("ingress"),
      labels,
      options: ctx.flags.get<Record<string, string>>("opt") ?? {},
    };
    if (swarmBridge(ctx)) {
      // The daemon's own refusals come first (no swarm, a worker); on a manager the network would be made.
      const m = requireManager(world, ctx.host);
      if (!m.ok && m.error.code === "not-swarm-manager") return failed(io, err({ code: "swarm-scope-inactive" })) ? 1 : 0;
      if (!m.ok && m.error.code === "worker-not-manager") return failed(io, err({ code: "swarm-scope-worker" })) ? 1 : 0;
      return refuse(io, "--scope swarm is not supported in this simulator for the bridge driver (swarm-scoped bridges need configuration-only networks): use --driver overlay");
    }
    const r = createNetwork(world, ctx.host, spec);
    if (failed(io, r)) return 1;
    io.out(`${r.value.id}\n`);
    return 0;
  },
};
