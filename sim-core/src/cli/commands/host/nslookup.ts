/**
 * busybox nslookup (networking/nslookup.c, FEATURE_NSLOOKUP_BIG) against Docker's embedded DNS server
 * (127.0.0.11): its own option loop (`-type=`/`-querytype=`, case-insensitive, from its list; anything
 * else shows the usage), an A and an AAAA query when no type is given, each reply printed as it comes —
 * `Non-authoritative answer:` (the embedded DNS does not set AA), the records, an empty line; a name with
 * no IPv6 address gets an empty answer (libnetwork's resolver answers NOERROR without records), an
 * unknown one `** server can't find NAME: NXDOMAIN` (exit 1). The server line is busybox's
 * `127.0.0.11:53`. The lab's DNS answers A and AAAA; other query types are refused in one line.
 */
import { EMBEDDED_DNS, resolve } from "../../../net/dns";
import type { CommandSpec } from "../../types";
import { busyboxBuild, busyboxUsage, type Applet } from "./busybox";
import { containerOf } from "./container-context";

/** nslookup.c qtypes[], in the order busybox sends the queries of several -type options. */
const QTYPES = ["SOA", "NS", "A", "AAAA", "CNAME", "MX", "TXT", "SRV", "PTR", "ANY"];
/** nslookup.c's option names (index_in_substrings: the whole name, before any `=`). */
const OPTIONS = ["type", "querytype", "port", "retry", "debug", "t", "timeout"];

export const NSLOOKUP_APPLET: Applet = {
  optstring: "",
  usage: () => "[-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any",
};

export const nslookupTool: CommandSpec = {
  path: ["nslookup"],
  use: "nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]",
  short: "Query DNS about HOST",
  where: "container",
  args: { kind: "range", n: 1, m: 2 },
  flags: [],
  async run(ctx, io) {
    const here = containerOf(ctx);
    if (!here) return 1;
    const build = busyboxBuild(here.container.image);
    const usage = () => {
      io.err(busyboxUsage("nslookup", NSLOOKUP_APPLET, build));
      return 1;
    };
    const args = [...ctx.args];
    const types = new Set<string>();
    while (args.length > 0 && args[0].startsWith("-")) {
      const opt = args.shift()!.slice(1);
      const eq = opt.indexOf("=");
      const [name, value] = eq < 0 ? [opt, ""] : [opt.slice(0, eq), opt.slice(eq + 1)];
      const i = OPTIONS.indexOf(name);
      if (i < 0) return usage();
      if (i <= 1) {
        const type = QTYPES.find((t) => t === value.toUpperCase());
        if (!type) {
          io.err(`nslookup: invalid query type "${value}"\n`);
          return 1;
        }
        types.add(type);
      } else if (name !== "timeout" && name !== "t" && name !== "retry") {
        io.err(`nslookup: -${name} is not modelled in this lab\n`);
        return 1;
      }
    }
    if (args.length === 0 || args.length > 2) return usage();
    const queries = types.size > 0 ? QTYPES.filter((t) => types.has(t)) : ["A", "AAAA"];
    const unmodelled = queries.find((t) => t !== "A" && t !== "AAAA");
    if (unmodelled) {
      io.err(`nslookup: the lab's DNS answers A and AAAA queries; -type=${unmodelled.toLowerCase()} is not modelled\n`);
      return 1;
    }
    const name = args[0];
    io.out(`Server:\t\t${EMBEDDED_DNS}\nAddress:\t${EMBEDDED_DNS}:53\n\n`);
    const answer = resolve(here.world, here.host, here.container, name);
    let code = 0;
    for (const type of queries) {
      if (!answer || answer.addresses.length === 0) {
        io.out(`** server can't find ${name}: NXDOMAIN\n\n`);
        code = 1;
        continue;
      }
      io.out("Non-authoritative answer:\n");
      if (type === "A") for (const a of answer.addresses) io.out(`Name:\t${name}\nAddress: ${a}\n`);
      io.out("\n");
    }
    return code;
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
