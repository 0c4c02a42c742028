/**
 * dig, as bind 9.20 prints it (bin/dig/dig.c, lib/dns/masterdump.c), against what a container's resolver
 * answers. Docker's embedded DNS (moby libnetwork resolver.go) answers its own names itself: flags
 * qr rd ra, no EDNS in the reply, TTL 600, the addresses shuffled on every query, and an uncompressed
 * message (miekg/dns packs without compression unless told). Other names it forwards to the host's
 * resolver — the lab's router, which knows nothing outside the lab and says NXDOMAIN with the root's SOA,
 * relayed compressed. Any other server is out of reach: three tries of five seconds, then dig gives up.
 */
import type { World } from "../../../engine/world";
import { EMBEDDED_DNS, resolve } from "../../../net/dns";
import type { CommandIO, CommandSpec, RunContext } from "../../types";
import { containerOf } from "./container-context";
import { containerResolvConf, HOST_NAMESERVER } from "./cat";

const VERSION = "9.20.15";
/** dig's defaults: +tries=3, +time=5. */
const TRIES = 3;
const TRY_MS = 5000;
const EMBEDDED_TTL = 600;
/** The root zone's SOA as a caching resolver hands it out for NXDOMAIN (negative TTL capped at 3 h). */
const ROOT_SOA = { ttl: 10800, text: "a.root-servers.net. nstld.verisign-grs.com. 2026010500 1800 900 604800 86400", size: 64 };
/** The record types modelled, with their RDATA sizes; others dig knows are refused plainly. */
const TYPES: Record<string, number> = { A: 4, AAAA: 16 };
const OTHER_TYPES = ["ANY", "CNAME", "MX", "NS", "PTR", "SOA", "SRV", "TXT"];

interface Reply {
  status: "NOERROR" | "NXDOMAIN";
  answers: string[];
  authority: boolean;
  /** Whether the reply carries an OPT record (the router's does; Docker's own answers do not). */
  edns: boolean;
  compressed: boolean;
  ms: number;
}

/** masterdump's indent: tabs (width 8) to the column, at least one space when already past it. */
function indent(col: number, to: number): [string, number] {
  const target = Math.max(to, col + 1);
  const tabs = Math.floor(target / 8) - Math.floor(col / 8);
  const from = tabs > 0 ? Math.floor(target / 8) * 8 : col;
  return ["\t".repeat(Math.max(0, tabs)) + " ".repeat(target - from), target];
}

/** One line of a section: owner, then the given fields at masterdump's columns (TTL 24, class 32, type 40, rdata 48). */
function record(owner: string, fields: [number, string][], prefix = ""): string {
  let col = owner.length;
  let line = prefix + owner;
  for (const [to, text] of fields) {
    const [pad, at] = indent(col, to);
    line += pad + text;
    col = at + text.length;
  }
  return `${line}\n`;
}

/** The wire size of the reply: header, question, answers (uncompressed owners repeat the name), authority, OPT. */
function messageSize(fqdn: string, type: string, r: Reply): number {
  const name = fqdn === "." ? 1 : fqdn.length + 1;
  const rdata = TYPES[type];
  const answerOwner = r.compressed ? 2 : name;
  return 12 + name + 4 + r.answers.length * (answerOwner + 10 + rdata) + (r.authority ? 1 + 10 + ROOT_SOA.size : 0) + (r.edns ? 11 : 0);
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** strftime "%a %b %d %H:%M:%S %Z %Y" in a UTC container. */
function when(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function shuffled(world: World, list: string[]): string[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = world.rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** What the server answers, or null when no one answers at that address. */
function ask(ctx: RunContext, server: string, name: string, type: string): Reply | null {
  const here = containerOf(ctx)!;
  const nxdomain: Reply = { status: "NXDOMAIN", answers: [], authority: true, edns: true, compressed: true, ms: 1 + here.world.rng.int(8) };
  if (server === HOST_NAMESERVER) return nxdomain;
  if (server !== EMBEDDED_DNS) return null;
  const known = resolve(here.world, here.host, here.container, name);
  if (!known) return nxdomain;
  // A name Docker knows has no AAAA here: NOERROR with an empty answer.
  const answers = type === "A" ? shuffled(here.world, known.addresses) : [];
  return { status: "NOERROR", answers, authority: false, edns: false, compressed: false, ms: 0 };
}

function print(io: CommandIO, ctx: RunContext, fqdn: string, type: string, server: string, r: Reply, short: boolean): void {
  const world = ctx.world;
  if (short) {
    io.out(r.answers.map((a) => `${a}\n`).join(""));
    return;
  }
  const counts = `QUERY: 1, ANSWER: ${r.answers.length}, AUTHORITY: ${r.authority ? 1 : 0}, ADDITIONAL: ${r.edns ? 1 : 0}`;
  let text = `;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: ${r.status}, id: ${world.rng.int(65536)}\n;; flags: qr rd ra; ${counts}\n\n`;
  if (r.edns) text += ";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n";
  text += `;; QUESTION SECTION:\n${record(fqdn, [[32, "IN"], [40, type]], ";")}\n`;
  if (r.answers.length > 0) text += `;; ANSWER SECTION:\n${r.answers.map((a) => record(fqdn, [[24, String(EMBEDDED_TTL)], [32, "IN"], [40, type], [48, a]])).join("")}\n`;
  if (r.authority) text += `;; AUTHORITY SECTION:\n${record(".", [[24, String(ROOT_SOA.ttl)], [32, "IN"], [40, "SOA"], [48, ROOT_SOA.text]])}\n`;
  text += `;; Query time: ${r.ms} msec\n;; SERVER: ${server}#53(${server}) (UDP)\n;; WHEN: ${when(ctx.now())}\n;; MSG SIZE  rcvd: ${messageSize(fqdn, type, r)}\n\n`;
  io.out(text);
}

export const digTool: CommandSpec = {
  path: ["dig"],
  use: "dig [@server] [+short] name [A|AAAA]",
  short: "DNS lookup utility (bind)",
  where: "container",
  args: { kind: "any" },
  flags: [],
  async run(ctx, io) {
    const here = containerOf(ctx);
    if (!here) return 1;
    let server: string | null = null;
    let short = false;
    const lookups: { name: string; type: string }[] = [];
    for (const arg of ctx.args) {
      if (arg.startsWith("@")) server = arg.slice(1);
      else if (arg.startsWith("+")) {
        if (arg === "+short" || arg === "+noshort") short = arg === "+short";
        else {
          io.err(
            `Invalid option: ${arg}\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n            {global-d-opt} host [@local-server] {local-d-opt}\n            [ host [@local-server] {local-d-opt} [...]]\n\nUse "dig -h" (or "dig -h | more") for complete list of options\n`,
          );
          return 1;
        }
      } else if (OTHER_TYPES.includes(arg.toUpperCase())) {
        io.err(`dig: ${arg.toUpperCase()} queries are not supported in this simulator (A and AAAA are)\n`);
        return 1;
      } else if (arg.toUpperCase() in TYPES && lookups.length > 0) lookups[lookups.length - 1].type = arg.toUpperCase();
      else lookups.push({ name: arg, type: "A" });
    }
    if (lookups.length === 0) {
      io.err("dig: a query for the root zone is not supported in this simulator: give a name\n");
      return 1;
    }
    // The nameserver from the container's resolv.conf: Docker's embedded DNS, or the host's on the default bridge.
    const resolvConf = /^nameserver (\S+)$/m.exec(containerResolvConf(here.world, here.host, here.container))![1];
    const target = server ?? resolvConf;
    let first = true;
    for (const { name, type } of lookups) {
      const fqdn = name.endsWith(".") ? name : `${name}.`;
      const cmdline = short ? "" : `${first ? "\n" : ""}; <<>> DiG ${VERSION} <<>> ${ctx.args.join(" ")}\n${first && server ? "; (1 server found)\n" : ""}${first ? ";; global options: +cmd\n" : ""}`;
      first = false;
      const reply = ask(ctx, target, fqdn, type);
      if (!reply) {
        for (let i = 0; i < TRIES && !io.signal.aborted; i++) {
          await ctx.sleep(TRY_MS, io.signal);
          io.out(`;; communications error to ${target}#53: timed out\n`);
        }
        io.out(`${cmdline};; no servers could be reached\n`);
        return 9;
      }
      if (reply.ms > 0) await ctx.sleep(reply.ms, io.signal);
      io.out(cmdline);
      print(io, ctx, fqdn, type, target, reply, short);
    }
    return 0;
  },
};
