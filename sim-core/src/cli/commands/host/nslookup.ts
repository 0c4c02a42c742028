/** nslookup against Docker's embedded DNS server (127.0.0.11), in the layout the moby sample shows. */
import { EMBEDDED_DNS, resolve } from "../../../net/dns";
import type { CommandSpec } from "../../types";
import { containerOf } from "./container-context";

export const nslookupTool: CommandSpec = {
  path: ["nslookup"],
  use: "nslookup HOST [DNS_SERVER]",
  short: "Query the nameserver for the IP address of the given HOST",
  where: "container",
  args: { kind: "range", n: 1, m: 2 },
  flags: [],
  async run(ctx, io) {
    const here = containerOf(ctx);
    if (!here) return 1;
    const name = ctx.args[0];
    io.out(`Server:\t\t${EMBEDDED_DNS}\nAddress:\t${EMBEDDED_DNS}#53\n\n`);
    const answer = resolve(here.world, here.host, here.container, name);
    if (!answer || answer.addresses.length === 0) {
      io.out(`** server can't find ${name}: NXDOMAIN\n\n`);
      return 1;
    }
    io.out("Non-authoritative answer:\n");
    for (const a of answer.addresses) io.out(`Name:\t${name}\nAddress: ${a}\n`);
    io.out("\n");
    return 0;
  },
};

export const hostnameTool: CommandSpec = {
  path: ["hostname"],
  use: "hostname",
  short: "Show the host name",
  where: "both",
  args: { kind: "none" },
  flags: [],
  async run(ctx, io) {
    const here = containerOf(ctx);
    io.out(`${here ? here.container.hostname : ctx.host}\n`);
    return 0;
  },
};
