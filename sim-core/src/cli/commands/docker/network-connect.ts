/**
 * docker network connect (docker/cli cli/command/network/connect.go): `--ip`, `--alias` and `--gw-priority`
 * go to the daemon as the endpoint's settings; the IPv6, link and driver options are not modelled.
 */
import { connectContainer } from "../../../daemon/containers";
import { err } from "../../../engine/errors";
import { netipParseAddr } from "../../../net/ipam";
import type { CommandSpec } from "../../types";
import { failed, worldOf } from "./common";

const NOT_MODELLED: Record<string, string> = {
  "driver-opt": "endpoint driver options are not modelled",
  ip6: "its networks are IPv4 only",
  link: "legacy links are not modelled: containers on a user-defined network reach each other by name",
  "link-local-ip": "link-local addresses are not modelled",
};

export const networkConnectCmd: CommandSpec = {
  path: ["network", "connect"],
  use: "connect [OPTIONS] NETWORK CONTAINER",
  short: "Connect a container to a network",
  args: { kind: "exact", n: 2 },
  // docker/cli network/connect.go: networks, then the containers not on that network yet.
  completeArg: (args) => (args.length === 0 ? { kinds: ["network"] } : { kinds: ["container"], filter: { network: args[0], attached: false } }),
  flags: [
    { name: "alias", type: "stringSlice", usage: "Add network-scoped alias for the container" },
    { name: "driver-opt", type: "stringSlice", usage: "driver options for the network" },
    { name: "gw-priority", type: "int", usage: "Highest gw-priority provides the default gateway. Accepts positive and negative values." },
    { name: "ip", type: "string", usage: 'IPv4 address (e.g., "172.30.100.104")' },
    { name: "ip6", type: "string", usage: 'IPv6 address (e.g., "2001:db8::33")' },
    { name: "link", type: "list", usage: "Add link to another container" },
    { name: "link-local-ip", type: "stringSlice", usage: "Add a link-local address for the container" },
  ],
  async run(ctx, io) {
    const refused = Object.keys(NOT_MODELLED).find((f) => ctx.flags.changed.has(f));
    if (refused) {
      io.err(`--${refused} is not supported in this simulator (${NOT_MODELLED[refused]})\n`);
      return 1;
    }
    const ip = ctx.flags.get<string>("ip") || undefined;
    if (ip !== undefined) {
      if (ip.includes(":")) {
        io.err("an IPv6 address in --ip is not supported in this simulator (its networks are IPv4 only)\n");
        return 1;
      }
      // The engine reads the address as a netip.Addr: text that is not one fails to decode.
      const parsed = netipParseAddr(ip);
      if (typeof parsed === "string") return failed(io, err({ code: "invalid-json", data: { cause: parsed } })) ? 1 : 0;
    }
    const aliases = ctx.flags.get<string[]>("alias") ?? [];
    const gwPriority = ctx.flags.get<number>("gw-priority") ?? 0;
    const config = { ...(aliases.length ? { aliases } : {}), ...(ip ? { ipv4: ip } : {}), ...(gwPriority ? { gwPriority } : {}) };
    return failed(io, connectContainer(worldOf(ctx), ctx.host, ctx.args[0], ctx.args[1], config)) ? 1 : 0;
  },
};
