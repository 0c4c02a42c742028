/**
 * ip addr / ip route: busybox's iproute output inside containers (networking/libiproute ipaddress.c and
 * iproute.c: `eth0@if7:` with M-DOWN, since the veth peer lives in another namespace; `scope link  src`
 * with its double space and trailing blanks), iproute2's on hosts. Interfaces and routes come from
 * net/interfaces.ts.
 */
import type { World } from "../../../engine/world";
import { HOST_GATEWAY, containerInterfaces, containerRoutes, hostInterfaces, onLinkRoutes, type Interface } from "../../../net/interfaces";
import type { CommandIO, CommandSpec } from "../../types";
import { containerOf } from "./container-context";

function busyboxLink(i: Interface): string {
  if (i.name === "lo") return "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";
  return `${i.index}: ${i.name}@if${i.peer}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu ${i.mtu} qdisc noqueue state UP \n    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff\n`;
}

function busyboxAddr(i: Interface): string {
  const lft = "       valid_lft forever preferred_lft forever\n";
  if (i.name === "lo") return `    inet 127.0.0.1/8 scope host lo\n${lft}    inet6 ::1/128 scope host \n${lft}`;
  return `    inet ${i.ip}/${i.prefix} brd ${i.broadcast} scope global ${i.name}\n${lft}`;
}

function hostLink(i: Interface, up: boolean): string {
  if (i.name === "lo") return "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";
  if (i.name === "eth0") return `2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff\n`;
  const flags = up ? "BROADCAST,MULTICAST,UP,LOWER_UP" : "NO-CARRIER,BROADCAST,MULTICAST,UP";
  return `${i.index}: ${i.name}: <${flags}> mtu ${i.mtu} qdisc noqueue state ${up ? "UP" : "DOWN"} group default \n    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff\n`;
}

function hostAddr(i: Interface): string {
  const lft = "       valid_lft forever preferred_lft forever\n";
  if (i.name === "lo") return `    inet 127.0.0.1/8 scope host lo\n${lft}    inet6 ::1/128 scope host noprefixroute \n${lft}`;
  return `    inet ${i.ip}/${i.prefix} brd ${i.broadcast} scope global ${i.name}\n${lft}`;
}


/** The host's bridges with a container on them: the others have no carrier (state DOWN, routes linkdown). */
function bridgesInUse(world: World, hostName: string): Set<string> {
  const used = new Set<string>();
  for (const c of Object.values(world.state.hosts[hostName].containers)) {
    for (const i of containerInterfaces(world, hostName, c)) {
      if (i.network?.name === "bridge") used.add("docker0");
      if (i.network?.name === "docker_gwbridge") used.add("docker_gwbridge");
    }
  }
  return used;
}

function usage(io: CommandIO, bad: string): number {
  io.err(`ip: unknown command or option "${bad}": the simulator knows ip addr [show [dev] IFACE] and ip route\n`);
  return 1;
}

/**
 * iproute2's objects and global options (ip/ip.c: `cmds[]` and main()'s option loop), each taken by any
 * prefix as iproute2's matches() does. A word that is none of them gets iproute2's own answer; one that
 * exists but the lab does not model gets the simulator's note instead, so nothing real is called unknown.
 */
const IPROUTE2_OBJECTS = [
  "address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour", "ntable", "ntbl", "link", "l2tp", "fou",
  "ila", "macsec", "tunnel", "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics", "monitor", "xfrm", "mroute",
  "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam", "stats", "help",
];
const IPROUTE2_OPTIONS = [
  "-Version", "-statistics", "-stats", "-details", "-resolve", "-family", "-4", "-6", "-0", "-B", "-M", "-loops", "-oneline",
  "-timestamp", "-tshort", "-batch", "-rcvbuf", "-netns", "-Numeric", "-all", "-color", "-brief", "-json", "-pretty",
  "-human-readable", "-iec", "-force", "-help", "-echo",
];
const known = (word: string, names: readonly string[]) => names.some((n) => n.startsWith(word));

/** iproute2's answers on a host (exit -1 → 255 for an option, EXIT_FAILURE for an object); null when it knows the word. */
function iproute2Refusal(io: CommandIO, object: string): number | null {
  if (object.startsWith("-") && object.length > 1 && !known(object, IPROUTE2_OPTIONS)) {
    io.err(`Option "${object}" is unknown, try "ip -help".\n`);
    return 255;
  }
  if (object && !object.startsWith("-") && !known(object, IPROUTE2_OBJECTS)) {
    io.err(`Object "${object}" is unknown, try "ip help".\n`);
    return 1;
  }
  return null;
}

const isAddr = (w: string) => w.length > 0 && "address".startsWith(w);
const isRoute = (w: string) => w.length > 0 && "route".startsWith(w);

export const ipTool: CommandSpec = {
  path: ["ip"],
  use: "ip [OPTIONS] {address | route} [COMMAND]",
  short: "Show IP addresses and routes",
  where: "both",
  args: { kind: "any" },
  flags: [],
  async run(ctx, io) {
    const [object = "", verb = "show", ...rest] = ctx.args;
    if (!containerOf(ctx)) {
      const refused = iproute2Refusal(io, object);
      if (refused !== null) return refused;
    }
    if (!isAddr(object) && !isRoute(object)) return usage(io, object || "ip");
    if (verb !== "show" && verb !== "list" && verb !== "ls") return usage(io, verb);
    const here = containerOf(ctx);
    const world = ctx.world;
    const interfaces = here ? containerInterfaces(here.world, here.host, here.container) : hostInterfaces(world, ctx.host);
    if (isRoute(object)) {
      if (!here) {
        const up = bridgesInUse(world, ctx.host);
        const onLink = onLinkRoutes(interfaces.slice(1)).map((r) => `${r.dest} dev ${r.dev} proto kernel scope link src ${r.src} ${r.dev === "eth0" || up.has(r.dev) ? "" : "linkdown "}\n`);
        io.out(`default via ${HOST_GATEWAY} dev eth0 proto static \n${onLink.join("")}`);
        return 0;
      }
      io.out(containerRoutes(interfaces).map((r) => `${r.dest} ${r.via ? `via ${r.via} ` : ""}dev ${r.dev} ${r.src ? `scope link  src ${r.src} ` : ""}\n`).join(""));
      return 0;
    }
    const wanted = rest[0] === "dev" ? rest[1] : rest[0];
    const shown = wanted ? interfaces.filter((i) => i.name === wanted) : interfaces;
    if (wanted && shown.length === 0) {
      io.err(here ? `ip: can't find device '${wanted}'\n` : `Device "${wanted}" does not exist.\n`);
      return 1;
    }
    const up = bridgesInUse(world, ctx.host);
    io.out(shown.map((i) => (here ? busyboxLink(i) + busyboxAddr(i) : hostLink(i, up.has(i.name)) + hostAddr(i))).join(""));
    return 0;
  },
};
