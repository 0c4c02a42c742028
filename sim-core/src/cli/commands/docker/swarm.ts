/** docker swarm init | join | join-token | leave (docker/cli cli/command/swarm). */
import { joinTokenFor, swarmInit, swarmJoin, swarmLeave } from "../../../swarm/cluster";
import { err, ok, type Result } from "../../../engine/errors";
import { resolveInputAddr } from "../../../net/interfaces";
import type { Availability } from "../../../model/state";
import { parseCidr } from "../../../net/ipam";
import { updateSwarm } from "../../../swarm/settings";
import type { CommandIO, CommandSpec, FlagSpec, RunContext } from "../../types";
import { failed, worldOf } from "./common";
import { CLUSTER_SPEC_FLAGS, clusterSpecChange, printUnlockCommand } from "./swarm-manage";

const AVAILABILITY = ["active", "pause", "drain"];

function printJoinCommand(io: CommandIO, role: "worker" | "manager", token: string, addr: string) {
  io.out(`To add a ${role} to this swarm, run the following command:\n\n    docker swarm join --token ${token} ${addr}\n\n`);
}

function checkAvailability(io: CommandIO, value: string | undefined): boolean {
  if (value === undefined || AVAILABILITY.includes(value.toLowerCase())) return true;
  io.err(`invalid availability "${value}", only active, pause and drain are supported\n`);
  return false;
}

/** docker/cli's NodeAddrOption: opts.ParseTCPAddr with url.Parse's complaint about a port that is not a number. */
function listenAddrError(value: string): string | undefined {
  if (value === "" || value === "tcp://") return undefined;
  const addr = value.replace(/^tcp:\/\//, "");
  if (addr.includes("://") || addr === "") return `invalid proto, expected tcp: ${value}`;
  const colon = addr.lastIndexOf(":");
  const port = colon >= 0 && !addr.endsWith("]") ? addr.slice(colon + 1) : "";
  if (!/^\d*$/.test(port)) return `parse "tcp://${addr}": invalid port ":${port}" after host`;
  return undefined;
}

/** The default shows unquoted in help: the flag is docker's NodeAddrOption, not a string. */
const LISTEN_ADDR: FlagSpec = {
  name: "listen-addr",
  type: "string",
  valueName: "node-addr",
  usage: 'Listen address (format: "<ip|interface>[:port]") (default 0.0.0.0:2377)',
  validate: listenAddrError,
};

/** pflag's uint32: strconv.ParseUint with bitSize 32 (the 64-bit parse reports everything else). */
const uint32Range = (v: string) => (/^\d+$/.test(v) && Number(v) > 0xffffffff ? `strconv.ParseUint: parsing ${JSON.stringify(v)}: value out of range` : undefined);

/** pflag's ipNetSlice: every comma-separated value must be a CIDR. */
function cidrListError(v: string): string | undefined {
  const bad = v.split(",").find((p) => !parseCidr(p.trim()).ok);
  return bad === undefined ? undefined : `invalid string being converted to CIDR: ${bad.trim()}`;
}

export const swarmInitCmd: CommandSpec = {
  path: ["swarm", "init"],
  use: "init [OPTIONS]",
  short: "Initialize a swarm",
  args: { kind: "none" },
  flags: [
    { name: "advertise-addr", type: "string", usage: 'Advertised address (format: "<ip|interface>[:port]")' },
    { name: "autolock", type: "bool", usage: "Enable manager autolocking (requiring an unlock key to start a stopped manager)" },
    { name: "availability", type: "string", default: "active", usage: 'Availability of the node ("active", "pause", "drain")', values: ["active", "pause", "drain"] },
    { name: "data-path-addr", type: "string", usage: 'Address or interface to use for data path traffic (format: "<ip|interface>")' },
    {
      name: "data-path-port",
      type: "uint64",
      valueName: "uint32",
      usage: "Port number to use for data path traffic (1024 - 49151). If no value is set or is set to 0, the default port (4789) is used.",
      validate: uint32Range,
    },
    { name: "default-addr-pool", type: "stringSlice", valueName: "ipNetSlice", usage: "default address pool in CIDR format (default [])", validate: cidrListError },
    { name: "default-addr-pool-mask-length", type: "uint64", valueName: "uint32", default: 24, usage: "default address pool subnet mask length", validate: uint32Range },
    { name: "force-new-cluster", type: "bool", usage: "Force create a new cluster from current state" },
    LISTEN_ADDR,
    ...CLUSTER_SPEC_FLAGS,
  ],
  async run(ctx, io) {
    const availability = ctx.flags.changed.has("availability") ? ctx.flags.get<string>("availability") : undefined;
    if (!checkAvailability(io, availability)) return 1;
    if (ctx.flags.changed.has("external-ca")) {
      io.err("--external-ca is not supported in this simulator for swarm init (there is no external CA to sign the first manager's certificate)\n");
      return 1;
    }
    const world = worldOf(ctx);
    if (ctx.flags.get<boolean>("force-new-cluster") && world.state.hosts[ctx.host]?.nodeId) {
      io.err("--force-new-cluster is not supported in this simulator (it rebuilds a swarm that lost its quorum from this manager's state)\n");
      return 1;
    }
    const addrs = resolveAddrs(ctx);
    if (failed(io, addrs)) return 1;
    const r = swarmInit(world, ctx.host, {
      advertiseAddr: addrs.value.advertise,
      dataPathPort: ctx.flags.get<number>("data-path-port") ?? 0,
      availability: availability?.toLowerCase() as "active" | "pause" | "drain" | undefined,
      defaultAddrPool: (ctx.flags.get<string[]>("default-addr-pool") ?? []).map((p) => p.trim()),
      subnetSize: ctx.flags.get<number>("default-addr-pool-mask-length"),
    });
    if (failed(io, r)) return 1;
    // The daemon applies the cluster spec once the swarm exists: a refusal leaves the node a manager anyway.
    // MergeSwarmSpecToGRPC leaves swarmkit's defaults where a value is zero.
    const change = Object.fromEntries(Object.entries({ autolock: ctx.flags.get<boolean>("autolock"), ...clusterSpecChange(ctx) }).filter(([, v]) => v));
    const settings = Object.keys(change).length ? updateSwarm(world, ctx.host, change) : ok({ unlockKey: null });
    if (!settings.ok) return failed(io, err({ code: "cluster-settings", data: { cause: settings.error } })) ? 1 : 0;
    io.out(`Swarm initialized: current node (${r.value.nodeId}) is now a manager.\n\n`);
    const t = joinTokenFor(world, ctx.host, "worker");
    if (t.ok) printJoinCommand(io, "worker", t.value.token, t.value.addr);
    io.out("To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n");
    if (settings.value.unlockKey) printUnlockCommand(io, settings.value.unlockKey);
    return 0;
  },
};

/**
 * `--advertise-addr <ip|interface>[:port]` and `--data-path-addr <ip|interface>` as the daemon resolves them
 * (moby daemon/cluster/listen_addr.go), once the engine is known not to be in a swarm already (that refusal
 * comes first). The advertised address keeps its port.
 */
function resolveAddrs(ctx: RunContext): Result<{ advertise?: string; dataPath?: string }> {
  // (and --listen-addr, which the lab checks but does not otherwise model: nodes listen on eth0's 2377)
  const world = worldOf(ctx);
  if (world.state.hosts[ctx.host]?.nodeId) return ok({});
  const out: { advertise?: string; dataPath?: string } = {};
  // resolveListenAddr first: the flag has its port by now (NodeAddrOption), 0.0.0.0 is fine to listen on.
  const listen = ctx.flags.get<string>("listen-addr") || "";
  const listenHost = listen.replace(/^tcp:\/\//, "").replace(/:\d*$/, "");
  if (listen && listenHost && !resolveInputAddr(world, ctx.host, listenHost, true)) return err({ code: "bad-address", data: { flag: "listen" } });
  const advertise = ctx.flags.get<string>("advertise-addr") || "";
  if (advertise) {
    const m = /^(.*):(\d+)$/.exec(advertise);
    const ip = resolveInputAddr(world, ctx.host, m && !m[1].includes(":") ? m[1] : advertise);
    if (!ip) return err({ code: "bad-address", data: { flag: "advertise" } });
    out.advertise = m && !m[1].includes(":") ? `${ip}:${m[2]}` : ip;
  }
  const dataPath = ctx.flags.get<string>("data-path-addr") || "";
  if (dataPath) {
    const ip = resolveInputAddr(world, ctx.host, dataPath);
    if (!ip) return err({ code: "bad-address", data: { flag: "data-path" } });
    out.dataPath = ip;
  }
  return ok(out);
}

export const swarmJoinCmd: CommandSpec = {
  path: ["swarm", "join"],
  use: "join [OPTIONS] HOST:PORT",
  short: "Join a swarm as a node and/or manager",
  args: { kind: "exact", n: 1 },
  flags: [
    { name: "advertise-addr", type: "string", usage: 'Advertised address (format: "<ip|interface>[:port]")' },
    { name: "availability", type: "string", default: "active", usage: 'Availability of the node ("active", "pause", "drain")', values: ["active", "pause", "drain"] },
    { name: "data-path-addr", type: "string", usage: 'Address or interface to use for data path traffic (format: "<ip|interface>")' },
    LISTEN_ADDR,
    { name: "token", type: "string", usage: "Token for entry into the swarm" },
  ],
  async run(ctx, io) {
    const availability = ctx.flags.changed.has("availability") ? ctx.flags.get<string>("availability") : undefined;
    if (!checkAvailability(io, availability)) return 1;
    const addrs = resolveAddrs(ctx);
    if (failed(io, addrs)) return 1;
    const r = swarmJoin(worldOf(ctx), ctx.host, ctx.flags.get<string>("token") ?? "", ctx.args[0], availability?.toLowerCase() as Availability | undefined);
    if (failed(io, r)) return 1;
    io.out(`This node joined a swarm as a ${r.value.role}.\n`);
    return 0;
  },
};

export const swarmJoinTokenCmd: CommandSpec = {
  path: ["swarm", "join-token"],
  use: "join-token [OPTIONS] (worker|manager)",
  short: "Manage join tokens",
  args: { kind: "exact", n: 1 },
  flags: [
    { name: "quiet", short: "q", type: "bool", usage: "Only display token" },
    { name: "rotate", type: "bool", usage: "Rotate join token" },
  ],
  async run(ctx, io) {
    const role = ctx.args[0];
    if (role !== "worker" && role !== "manager") {
      io.err(`unknown role ${role}\n`);
      return 1;
    }
    const rotate = ctx.flags.get<boolean>("rotate") ?? false;
    const r = joinTokenFor(worldOf(ctx), ctx.host, role, rotate);
    if (failed(io, r)) return 1;
    if (rotate && !ctx.flags.get<boolean>("quiet")) io.out(`Successfully rotated ${role} join token.\n\n`);
    if (ctx.flags.get<boolean>("quiet")) io.out(`${r.value.token}\n`);
    else printJoinCommand(io, role, r.value.token, r.value.addr);
    return 0;
  },
};

export const swarmLeaveCmd: CommandSpec = {
  path: ["swarm", "leave"],
  use: "leave [OPTIONS]",
  short: "Leave the swarm",
  args: { kind: "none" },
  flags: [{ name: "force", short: "f", type: "bool", usage: "Force this node to leave the swarm, ignoring warnings" }],
  async run(ctx, io) {
    if (failed(io, swarmLeave(worldOf(ctx), ctx.host, ctx.flags.get<boolean>("force") ?? false))) return 1;
    io.out("Node left the swarm.\n");
    return 0;
  },
};

export const SWARM_COMMANDS = [swarmInitCmd, swarmJoinCmd, swarmJoinTokenCmd, swarmLeaveCmd];
