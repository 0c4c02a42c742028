/**
 * tcpdump on a host's eth0: it sees the underlay — VXLAN (with the inner frame tcpdump decodes) and ESP —
 * including packets the host's INPUT chain then drops, but none that OUTPUT dropped. Lines as tcpdump 4.99
 * prints them with -n; `-w file` writes a pcap in the simulated world instead.
 */
import { seenOnEth0 } from "../../../net/capture";
import { parseFilter } from "../../../net/capture-filter";
import { encodeFrame, pcapFile, vxlanSourcePort, type CapturedFrame } from "../../../net/pcap";
import type { Hop } from "../../../net/path";
import type { CommandSpec } from "../../types";
import { TcpLines } from "./tcpdump-tcp";

const BANNER_VERBOSE = "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n";
const listening = (iface: string) => `listening on ${iface}, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n`;

function clock(at: number): string {
  const d = new Date(at);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}`;
}

const VXLAN_PORT = 4789;

/** One captured packet as tcpdump -n prints it; `tcp` keeps the relative sequence numbers of this capture. */
export function tcpdumpLine(at: number, hop: Hop, tcp = new TcpLines()): string {
  const o = hop.outer!;
  const i = hop.inner;
  const icmp = i.tcp
    ? tcp.line(i.src, i.dst, i.tcp)
    : i.protocol === "icmp"
      ? `IP ${i.src} > ${i.dst}: ICMP echo ${hop.reply ? "reply" : "request"}, id ${i.icmp?.id ?? 0}, seq ${i.icmp?.seq ?? 0}, length 64`
      : `IP ${i.src} > ${i.dst}: ${i.protocol}`;
  if (o.protocol === "esp") return `${clock(at)} IP ${o.src} > ${o.dst}: ESP(spi=0x${(((parseInt(o.src.split(".")[3]) << 0) ^ 0x5a5a0000) >>> 0).toString(16).padStart(8, "0")},seq=0x${((i.icmp?.seq ?? 0) + 1).toString(16)}), length 136\n`;
  // tcpdump decodes VXLAN on its IANA port only: a swarm with another --data-path-port shows plain UDP.
  if (o.dport !== VXLAN_PORT) return `${clock(at)} IP ${o.src}.${vxlanSourcePort(hop)} > ${o.dst}.${o.dport}: UDP, length ${encodeFrame(hop, hop.reply ?? false).length - 42}\n`;
  return `${clock(at)} IP ${o.src}.${vxlanSourcePort(hop)} > ${o.dst}.${o.dport}: VXLAN, flags [I] (0x08), vni ${o.vni}\n${icmp}\n`;
}

const toBase64 = (bytes: Uint8Array) => {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};

export const tcpdumpTool: CommandSpec = {
  path: ["tcpdump"],
  use: "tcpdump [-n] [-c count] [-i interface] [-w file] [expression]",
  short: "Dump traffic on a network interface (the host's underlay)",
  where: "host",
  args: { kind: "any" },
  flags: [
    { name: "c", short: "c", type: "int", usage: "Exit after receiving count packets" },
    { name: "i", short: "i", type: "string", default: "eth0", usage: "Listen on interface" },
    { name: "n", short: "n", type: "bool", usage: "Don't convert addresses to names" },
    { name: "w", short: "w", type: "string", usage: "Write the raw packets to file rather than printing them out" },
  ],
  async run(ctx, io) {
    const world = ctx.world;
    const host = world.state.hosts[ctx.host];
    const iface = ctx.flags.get<string>("i") || "eth0";
    if (iface !== "eth0" && iface !== "any") {
      io.err(`tcpdump: ${iface}: No such device exists\n(No such device exists)\n`);
      return 1;
    }
    const filter = parseFilter(ctx.args.join(" "));
    if (filter === "syntax error") {
      io.err("tcpdump: syntax error in filter expression: syntax error\n");
      return 1;
    }
    const file = ctx.flags.get<string>("w");
    const limit = ctx.flags.get<number>("c") || Infinity;
    io.err(file ? `tcpdump: ${listening(iface)}` : BANNER_VERBOSE + listening(iface));

    const frames: CapturedFrame[] = [];
    const tcp = new TcpLines();
    let count = 0;
    const stop = world.on((e) => {
      if (e.type !== "packet.hop" || count >= limit) return;
      const { hop } = e;
      if (!seenOnEth0(host, hop, filter)) return;
      count++;
      world.emit({ type: "capture.seen", at: e.at, host: host.name, hop });
      if (file) frames.push({ at: e.at, bytes: encodeFrame(hop, hop.reply ?? false) });
      else io.out(tcpdumpLine(e.at, hop, tcp));
    });
    try {
      while (!io.signal.aborted && count < limit) await ctx.sleep(1000, io.signal);
    } finally {
      stop();
    }
    if (file) host.files[file] = toBase64(pcapFile(frames));
    io.err(`${io.signal.aborted && !file ? "\n" : ""}${count} packet${count === 1 ? "" : "s"} captured\n${count} packet${count === 1 ? "" : "s"} received by filter\n0 packets dropped by kernel\n`);
    return 0;
  },
};
