/**
 * iputils ping on a host (Debian 12's iputils-ping 20221126: ping/ping.c, ping/ping_common.c), one probe a
 * (virtual) second through the simulated data path (`hostPing`): a host reaches its own addresses, the other
 * hosts' underlay addresses and the containers on its own bridges, never an overlay address.
 *
 * - Options as glibc's getopt reads them (it permutes: options after the destination count too); an option
 *   ping lacks, or one missing its argument, gets getopt's complaint and ping's usage on stderr, exit 2.
 *   `-c`, `-i`, `-W`, `-w`, `-q`, `-n` and `-4` are modelled; ping's other options say so (exit 2).
 * - `-c N` stops after N replies: without `-w` ping sends N probes and then waits for the missing replies
 *   (`__schedule_exit`: the -W linger time, 10 s, when nothing had come back by the last probe, else the
 *   longer of the interval and twice the slowest reply), with `-w` it goes on sending until N replies come
 *   or the deadline passes. Ctrl-C ends it with the summary.
 * - An unanswered probe prints nothing (a node's firewall dropping it, an overlay address, anything beyond the
 *   host's links), except where ARP gets no answer: the destination lies on one of the host's links (eth0's /24,
 *   a bridge's subnet) and is a node that is powered off or an address nobody there holds (`arpUnanswered` in
 *   net/path.ts, which ssh asks too). Linux holds the probes while the neighbour entry is INCOMPLETE, sends 3
 *   ARP probes a second apart (mcast_solicit 3, retrans_time 1000 ms) and, ARP_FAIL_MS after the probe that
 *   began it, fails the entry and reports each held probe to the socket as ICMP Destination Unreachable / Host
 *   Unreachable from the host's own address on that link; a probe sent after that begins a new resolution, so
 *   probes 1-3 come back together at 3 s, 4-6 at 6 s, … Neighbour entries are not kept from one command to the
 *   next: each ping starts with none. Within one ping, once the destination has answered its later probes are
 *   lost silently: Linux keeps a neighbour's address reachable for 15-45 s after it answered, then probes it for
 *   8 s more while still sending to it, so for a node powered off mid-run the errors would begin 10 s to a
 *   minute later, which is not modelled.
 * - ping reads them from its error queue (ping.c ping4_receive_error_msg, origin ICMP): `acknowledge(seq)`,
 *   `nerrors++`, then unless -q `From %s icmp_seq=%u ` and pr_icmph's `Destination Host Unreachable\n`, all of a
 *   batch at once (main_loop reads on while probes are in flight). The "From" address is pr_addr's: the bare
 *   address when the destination was given as an address (ping4_run sets opt_numeric) or with -n, else
 *   getnameinfo's `name (address)` (the address twice when it has no name).
 * - main_loop stops when nreceived + nerrors reaches -c, and with -w as soon as there is an error; `-c 1 -W 1`
 *   ends at its 1 s linger, before the ARP failure, with no error line. At one virtual instant the -w deadline
 *   comes first (SIGALRM is a precise timer, armed before the first probe); the ARP failure before a probe and
 *   before the linger's end (both late by the milliseconds the host adds to each lost interval), except that
 *   when the probe that began the resolution was the last one sent, the linger (a precise timer set right after
 *   it) ends ping first, the kernel's neighbour timer firing a little late.
 * - finish(): `N packets transmitted, M received`, then `, +D duplicates`, `, +C corrupted`, `, +E errors`,
 *   then the loss (of the probes, errors counting as lost) and `time`; the next line is the rtt line, then
 *   `pipe P` (after `, ` when there is an rtt line, else alone) when P > 1, P being acknowledge()'s most probes
 *   in flight (ntransmitted - seq + 1) for any reply or error; an empty line when there is neither.
 * - The summary's `time` is from the first probe sent to the last, with the few milliseconds a real host adds
 *   to each interval (about 1 ms after an answered probe, tens after a lost one); rtt statistics are kept in
 *   whole microseconds and computed as `finish()` does. The exit code is finish()'s: 1 when nothing came back
 *   (errors or not) or, with -w, fewer than -c replies, else 0; 2 for usage and name errors.
 *
 * The learner's shell is a user's (`$`), so intervals under 2 ms are refused as iputils refuses them to users.
 */
import type { World } from "../../../engine/world";
import { ARP_FAIL_MS, hostPing } from "../../../net/path";
import { hostInterfaces } from "../../../net/interfaces";
import { formatIp, lastAddress, parseCidr } from "../../../net/ipam";
import type { CommandIO, CommandSpec } from "../../types";

/** ping/ping_common.c usage(), as iputils 20221126 prints it (then exits 2). */
export const IPUTILS_PING_USAGE =
  "\nUsage\n" +
  "  ping [options] <destination>\n" +
  "\nOptions:\n" +
  "  <destination>      dns name or ip address\n" +
  "  -a                 use audible ping\n" +
  "  -A                 use adaptive ping\n" +
  "  -B                 sticky source address\n" +
  "  -c <count>         stop after <count> replies\n" +
  "  -C                 call connect() syscall on socket creation\n" +
  "  -D                 print timestamps\n" +
  "  -d                 use SO_DEBUG socket option\n" +
  "  -e <identifier>    define identifier for ping session, default is random for\n" +
  "                     SOCK_RAW and kernel defined for SOCK_DGRAM\n" +
  "                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n" +
  "  -f                 flood ping\n" +
  "  -h                 print help and exit\n" +
  "  -I <interface>     either interface name or address\n" +
  "  -i <interval>      seconds between sending each packet\n" +
  "  -L                 suppress loopback of multicast packets\n" +
  "  -l <preload>       send <preload> number of packages while waiting replies\n" +
  "  -m <mark>          tag the packets going out\n" +
  "  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>\n" +
  "  -n                 no dns name resolution\n" +
  "  -O                 report outstanding replies\n" +
  "  -p <pattern>       contents of padding byte\n" +
  "  -q                 quiet output\n" +
  "  -Q <tclass>        use quality of service <tclass> bits\n" +
  "  -s <size>          use <size> as number of data bytes to be sent\n" +
  "  -S <size>          use <size> as SO_SNDBUF socket option value\n" +
  "  -t <ttl>           define time to live\n" +
  "  -U                 print user-to-user latency\n" +
  "  -v                 verbose output\n" +
  "  -V                 print version and exit\n" +
  "  -w <deadline>      reply wait <deadline> in seconds\n" +
  "  -W <timeout>       time to wait for response\n" +
  "\nIPv4 options:\n" +
  "  -4                 use IPv4\n" +
  "  -b                 allow pinging broadcast\n" +
  "  -R                 record route\n" +
  "  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n" +
  "\nIPv6 options:\n" +
  "  -6                 use IPv6\n" +
  "  -F <flowlabel>     define flow label, default is random\n" +
  "  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n" +
  "\nFor more details see ping(8).\n";

/** ping.c's getopt string. */
const OPTSTRING = "h?4bRT:6F:N:aABc:CdDe:fi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:";
const LONG_MAX = 9223372036854775807n;
const INT_MAX = 2147483647;
/** ping.h: MAXWAIT (s) is the default linger time; MINUSERINTERVAL (ms) the shortest interval for a user. */
const MAXWAIT = 10;
const MINUSERINTERVAL = 2;

/** A usage or argument error: what goes to stderr and the exit code. */
class Exit {
  constructor(
    readonly stderr: string,
    readonly code: number,
  ) {}
}

/** glibc getopt over the arguments (permuting): the options in order, then the operands. */
function getopt(args: readonly string[]): { options: { opt: string; arg?: string }[]; operands: string[] } | Exit {
  const takesArg = new Map<string, boolean>();
  for (let i = 0; i < OPTSTRING.length; i++) takesArg.set(OPTSTRING[i], OPTSTRING[i + 1] === ":");
  takesArg.delete(":");
  const options: { opt: string; arg?: string }[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!word.startsWith("-") || word === "-") {
      operands.push(word);
      continue;
    }
    for (let j = 1; j < word.length; j++) {
      const c = word[j];
      const needs = takesArg.get(c);
      if (needs === undefined) return new Exit(`ping: invalid option -- '${c}'\n${IPUTILS_PING_USAGE}`, 2);
      if (!needs) {
        options.push({ opt: c });
        continue;
      }
      if (j < word.length - 1) options.push({ opt: c, arg: word.slice(j + 1) });
      else if (i + 1 < args.length) options.push({ opt: c, arg: args[++i] });
      else return new Exit(`ping: option requires an argument -- '${c}'\n${IPUTILS_PING_USAGE}`, 2);
      break;
    }
  }
  return { options, operands };
}

/** iputils_common.c strtol_or_err: a whole decimal number in [min, max], else `ping: invalid argument: …`, exit 1. */
function strtolOrErr(text: string, min: bigint, max: bigint): number | Exit {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(text);
  if (!m) return new Exit(`ping: invalid argument: '${text}'\n`, 1);
  const n = BigInt(m[1]);
  if (n > LONG_MAX || n < -LONG_MAX - 1n) return new Exit(`ping: invalid argument: '${text}': Numerical result out of range\n`, 1);
  if (n < min || n > max) return new Exit(`ping: invalid argument: '${text}': out of range: ${min} <= value <= ${max}\n`, 1);
  return Number(n);
}

/**
 * ping.c ping_strtod: strtod's number; trailing garbage only warns (the value read so far counts, 0 when
 * none), an infinite or NaN value is an error (exit 2).
 */
function pingStrtod(text: string, what: string, io: CommandIO): number | Exit {
  const m = /^[ \t\n\v\f\r]*(?:([+-]?(?:inf(?:inity)?|nan))|([+-]?0[xX][0-9a-fA-F]+)|([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))/i.exec(text);
  if (text === "") return new Exit(`ping: ${what}: \n`, 2);
  const read = m ? m[0].length : 0;
  if (read < text.length) io.err(`ping: option argument contains garbage: ${text.slice(read)}\nping: this will become fatal error in the future\n`);
  if (m?.[1]) return new Exit(`ping: ${what}: ${text}: Numerical result out of range\n`, 2);
  const value = m?.[2] ? Number.parseInt(m[2], 16) : m?.[3] ? Number(m[3]) : 0;
  if (!Number.isFinite(value)) return new Exit(`ping: ${what}: ${text}: Numerical result out of range\n`, 2);
  return value;
}

/** glibc's inet_aton as getaddrinfo uses it (no trailing text): a.b.c.d, a.b.c, a.b or a, each part decimal, octal or hex. */
function inetAton(text: string): string | null {
  const parts = text.split(".");
  if (parts.length > 4) return null;
  const values: number[] = [];
  for (const p of parts) {
    let v: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) v = p.length > 2 ? Number.parseInt(p.slice(2), 16) : 0;
    else if (/^0[0-7]*$/.test(p)) v = Number.parseInt(p, 8);
    else if (/^[1-9]\d*$/.test(p)) v = Number(p);
    else return null;
    values.push(v);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255) || last >= 2 ** (8 * (4 - values.length))) return null;
  const n = values.reduce((acc, v, i) => acc + v * 2 ** (8 * (3 - i)), 0) + last;
  return formatIp(n);
}

/** What the host resolves a name to (its /etc/hosts, then the lab's DNS): localhost, itself, the other nodes. */
function resolveName(world: World, hostName: string, name: string): { canonical: string; ip: string } | null {
  const key = name.toLowerCase();
  if (key === "localhost") return { canonical: "localhost", ip: "127.0.0.1" };
  const host = Object.values(world.state.hosts).find((h) => h.name.toLowerCase() === key);
  if (host) return { canonical: host.name, ip: host.ip };
  return null;
}

/** getnameinfo: the name an address reverse-resolves to, or the address itself. */
function reverseName(world: World, ip: string): string {
  if (ip === "127.0.0.1") return "localhost";
  return Object.values(world.state.hosts).find((h) => h.ip === ip)?.name ?? ip;
}

/** The broadcast addresses of the host's links (eth0's /24 and its bridges): connect() refuses them without -b. */
function broadcastAddresses(world: World, hostName: string): string[] {
  const bridges = Object.values(world.state.hosts[hostName].networks).flatMap((n) => {
    const c = n.driver === "bridge" && n.subnet ? parseCidr(n.subnet) : null;
    return c?.ok ? [formatIp(lastAddress(c.value))] : [];
  });
  return ["255.255.255.255", ...hostInterfaces(world, hostName).flatMap((i) => (i.broadcast ? [i.broadcast] : [])), ...bridges];
}

/** printf's %g (6 significant digits) of a float, as finish() prints the loss. */
function percent(value: number): string {
  const f = Math.fround(value);
  if (f === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(f)));
  if (exp < -4 || exp >= 6) return f.toExponential(5).replace(/\.?0+e/, "e").replace(/e([+-])(\d)$/, "e$10$2");
  return f.toPrecision(6).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

/** gather_statistics: a round trip of `us` microseconds as the reply line shows it. */
function replyTime(us: number): string {
  if (us >= 100000 - 50) return `${Math.floor((us + 500) / 1000)}`;
  if (us >= 10000 - 5) return `${Math.floor((us + 50) / 1000)}.${Math.floor(((us + 50) % 1000) / 100)}`;
  if (us >= 1000) return `${Math.floor((us + 5) / 1000)}.${String(Math.floor(((us + 5) % 1000) / 10)).padStart(2, "0")}`;
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, "0")}`;
}

/** `%ld.%03ld` of a microsecond count. */
const ms3 = (us: number) => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, "0")}`;

/** finish(): the rtt line (without its newline) from the round trips in microseconds (doubles for the sums, integer square root). */
function rttLine(rtts: number[]): string {
  const total = rtts.length;
  const tsum = rtts.reduce((a, b) => a + b, 0);
  const tsum2 = rtts.reduce((a, b) => a + b * b, 0);
  const avg = Math.trunc(tsum / total);
  const variance = Math.trunc((tsum2 - (tsum * tsum) / total) / total);
  const mdev = variance > 0 ? Math.floor(Math.sqrt(variance)) : 0;
  return `rtt min/avg/max/mdev = ${ms3(Math.min(...rtts))}/${ms3(avg)}/${ms3(Math.max(...rtts))}/${ms3(mdev)} ms`;
}

export const iputilsPingTool: CommandSpec = {
  path: ["ping"],
  use: "ping [options] <destination>",
  short: "send ICMP ECHO_REQUEST to network hosts",
  where: "host",
  args: { kind: "any" },
  complete: ["host"],
  // ping reads its own options (getopt); the shell hands it the words as they are.
  flags: [],
  async run(ctx, io) {
    const fail = (e: Exit) => {
      io.err(e.stderr);
      return e.code;
    };
    const parsed = getopt(ctx.args);
    if (parsed instanceof Exit) return fail(parsed);
    let count = 0;
    let interval = 1000;
    let linger = MAXWAIT * 1000;
    let deadline = 0;
    let quiet = false;
    let numeric = false;
    for (const { opt, arg } of parsed.options) {
      let value: number | Exit;
      switch (opt) {
        case "c":
          value = strtolOrErr(arg!, 1n, LONG_MAX);
          if (value instanceof Exit) return fail(value);
          count = value;
          break;
        case "w":
          value = strtolOrErr(arg!, 0n, BigInt(INT_MAX));
          if (value instanceof Exit) return fail(value);
          deadline = value;
          break;
        case "i":
          value = pingStrtod(arg!, "bad timing interval", io);
          if (value instanceof Exit) return fail(value);
          if (value > INT_MAX / 1000) return fail(new Exit(`ping: bad timing interval: ${arg}\n`, 2));
          interval = Math.trunc(value * 1000);
          break;
        case "W":
          value = pingStrtod(arg!, "bad linger time", io);
          if (value instanceof Exit) return fail(value);
          if (value < 0 || value > INT_MAX / 1000) return fail(new Exit(`ping: bad linger time: ${arg}\n`, 2));
          linger = Math.trunc(value * 1000);
          break;
        case "q":
          quiet = true;
          break;
        case "n":
          numeric = true;
          break;
        case "4":
          break;
        case "h":
        case "?":
          return fail(new Exit(IPUTILS_PING_USAGE, 2));
        default:
          return fail(new Exit(`ping: -${opt} is not modelled in this lab\n`, 2));
      }
    }
    const { operands } = parsed;
    if (operands.length === 0) return fail(new Exit("ping: usage error: Destination address required\n", 1));
    const world = ctx.world;
    const target = operands[operands.length - 1];
    // inet_aton first (a numeric destination is printed as given and replies by address), then the names.
    const numericIp = inetAton(target);
    const named = numericIp === null ? resolveName(world, ctx.host, target) : null;
    if (numericIp === null && !named) return fail(new Exit(`ping: ${target}: Name or service not known\n`, 2));
    if (operands.length > 1) return fail(new Exit("ping: routing through hops (ping HOP... DESTINATION) is not modelled in this lab\n", 2));
    const hostname = named?.canonical ?? target;
    // 0.0.0.0 stands for the address the kernel would send from: loopback's.
    const ip = numericIp === "0.0.0.0" ? "127.0.0.1" : (numericIp ?? named!.ip);
    if (broadcastAddresses(world, ctx.host).includes(ip)) {
      return fail(new Exit("ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n", 2));
    }
    io.out(`PING ${hostname} (${ip}) 56(84) bytes of data.\n`);
    if (interval < MINUSERINTERVAL) return fail(new Exit(`ping: cannot flood; minimal interval allowed for user is ${MINUSERINTERVAL}ms\n`, 2));
    // pr_addr: the bare address when the destination was numeric or with -n, else getnameinfo's `name (address)`.
    const fromText = (addr: string) => (numericIp !== null || numeric ? addr : `${reverseName(world, addr)} (${addr})`);
    const from = fromText(ip);

    const id = world.rng.int(65536);
    const started = ctx.now();
    const elapsed = () => ctx.now() - started;
    const deadlineMs = deadline > 0 ? deadline * 1000 : Infinity;
    const rtts: number[] = [];
    let sent = 0;
    let errors = 0;
    // acknowledge(): the most probes in flight when one was answered or reported back, itself included.
    let pipesize = -1;
    const acknowledge = (seq: number) => (pipesize = Math.max(pipesize, sent - seq + 1));
    // From the first probe to the last, as finish() prints it: each interval plus what the host adds to it.
    let span = 0;
    let lastAnswered = false;
    // The probes the kernel holds while ARP for the destination goes unanswered: when the first went out, and
    // the host's own address on that link, from which it reports them back.
    let unresolved: { at: number; seqs: number[]; from: string } | null = null;
    let nextProbe = 0;
    // __schedule_exit's SIGALRM (ms after the start), once the last of -c probes is out; never with linger 0.
    let lingerEnd = Infinity;
    while (!io.signal.aborted) {
      // main_loop's exit checks.
      if (count > 0 && rtts.length + errors >= count) break;
      if (deadline > 0 && errors > 0) break;
      const sending = count === 0 || sent < count || deadline > 0;
      const failAt: number = unresolved ? unresolved.at + ARP_FAIL_MS : Infinity;
      const due = Math.min(deadlineMs, lingerEnd, failAt, sending ? nextProbe : Infinity);
      if (due === Infinity) {
        // Nothing more to send or to wait for: only Ctrl-C ends it.
        await ctx.sleep(1000, io.signal);
        continue;
      }
      const now = elapsed();
      if (due > now) await ctx.sleep(due - now, io.signal);
      if (io.signal.aborted) break;
      // At one instant the deadline comes first; the linger's end before the ARP failure only when the probe
      // that began the resolution was the last one sent (else that probe, late by the ms the host adds, set the
      // linger later); the ARP failure before a probe (late the same way).
      if (due === deadlineMs) break;
      if (due === lingerEnd && (failAt > lingerEnd || unresolved!.seqs[0] === sent)) break;
      if (due === failAt) {
        // Every held probe comes back at once (main_loop reads the error queue until nothing is in flight).
        for (const seq of unresolved!.seqs) {
          errors++;
          acknowledge(seq);
          if (!quiet) io.out(`From ${fromText(unresolved!.from)} icmp_seq=${seq} Destination Host Unreachable\n`);
        }
        unresolved = null;
        continue;
      }
      if (sent > 0) span += interval + (lastAnswered ? 0.4 + world.rng.next() * 1.2 : 15 + world.rng.next() * 15);
      sent++;
      const before = rtts.length;
      const slowest = before > 0 ? Math.max(...rtts) : 0;
      const d = hostPing(world, ctx.host, ip, { id, seq: sent });
      lastAnswered = d.ok;
      if (d.ok) {
        // Microseconds: the loopback and the host's own addresses, a local bridge, the underlay.
        const [base, spread] = d.underlay ? [300, 200] : d.network ? [50, 50] : [30, 30];
        const us = base + Math.floor(world.rng.next() * spread);
        rtts.push(us);
        acknowledge(sent);
        // A neighbour that answers at last gets the held probes; they count as lost here.
        unresolved = null;
        if (!quiet) io.out(`64 bytes from ${from}: icmp_seq=${sent} ttl=64 time=${replyTime(us)} ms\n`);
      } else if (d.unreachableFrom && rtts.length === 0) {
        // (Once it has answered, the kernel keeps the neighbour's address for longer than a ping usually runs.)
        unresolved ??= { at: due, seqs: [], from: d.unreachableFrom };
        unresolved.seqs.push(sent);
      }
      nextProbe = due + interval;
      if (count > 0 && sent >= count && deadline === 0) {
        // __schedule_exit: wait for the missing replies, then SIGALRM ends it. Linger 0 arms no timer at all.
        const wait = before > 0 ? Math.max((2 * slowest) / 1000, interval) : linger;
        if (wait > 0) lingerEnd = due + wait;
      }
    }

    const received = rtts.length;
    let summary = `\n--- ${hostname} ping statistics ---\n${sent} packets transmitted, ${received} received`;
    if (errors > 0) summary += `, +${errors} errors`;
    if (sent > 0) summary += `, ${percent(((sent - received) * 100) / sent)}% packet loss, time ${Math.round(span)}ms`;
    const tail = [...(received > 0 ? [rttLine(rtts)] : []), ...(pipesize > 1 ? [`pipe ${pipesize}`] : [])];
    io.out(`${summary}\n${tail.join(", ")}\n`);
    return received === 0 || (deadline > 0 && received < count) ? 1 : 0;
  },
};
