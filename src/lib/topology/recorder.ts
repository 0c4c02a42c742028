/**
 * The worker's side of the packet path: sim-core's `packet.hop` events, grouped into packets and
 * traces, with each hop's frame encoded by sim-core's own pcap encoder (the bytes a capture holds), and
 * the last packets kept for the packet list's pcap download.
 */
import { encodeFrame, encodeInnerFrame, pcapFile, type CapturedFrame, type Hop } from "sim-core";
import type { PathHop, PathPacket, PathTrace } from "./path";

/** Packets kept for the list and its pcap. */
export const KEPT_PACKETS = 50;

const hex4 = (n: number) => `0x${n.toString(16).padStart(4, "0")}`;

/** A packet list's one-line summary of the inner packet. */
export function innerInfo(hop: Hop): string {
  const { inner } = hop;
  if (hop.action === "dns") return `DNS query to 127.0.0.11: ${hop.detail ?? ""}`.trim();
  if (inner.tcp) {
    const t = inner.tcp;
    const http = t.payload.startsWith("GET ") || t.payload.startsWith("HTTP/") ? ` ${t.payload.split("\r\n")[0]}` : "";
    return `${t.sport} → ${t.dport} [${t.flags}] seq=${t.seq} ack=${t.ack} len=${t.payload.length}${http}`;
  }
  if (inner.protocol === "icmp") {
    const id = inner.icmp ? `id=${hex4(inner.icmp.id)}, seq=${inner.icmp.seq}` : "";
    return `Echo (ping) ${hop.reply ? "reply" : "request"} ${id}`.trim();
  }
  return inner.protocol.toUpperCase();
}

function frameOf(hop: Hop): Uint8Array | null {
  if (hop.action === "dns") return null;
  const reply = hop.reply ?? false;
  return hop.outer ? encodeFrame(hop, reply) : encodeInnerFrame(hop, reply);
}

function toPathHop(hop: Hop): PathHop {
  return {
    host: hop.host,
    action: hop.action,
    reply: hop.reply ?? false,
    src: hop.inner.src,
    dst: hop.inner.dst,
    protocol: hop.inner.protocol,
    info: innerInfo(hop),
    ...(hop.outer ? { outer: { ...hop.outer } } : {}),
    ...(hop.detail ? { detail: hop.detail } : {}),
    ...(hop.rule ? { rule: { ...hop.rule } } : {}),
    frame: frameOf(hop),
  };
}

/** Splits one burst of hops into packets: each ends where it is delivered, dropped, or answered by the DNS. */
export function splitPackets(hops: readonly Hop[], at: number, nextId: () => number): PathPacket[] {
  const packets: PathPacket[] = [];
  let current: Hop[] = [];
  const close = () => {
    if (current.length === 0) return;
    const hs = current.map(toPathHop);
    const first = current[0];
    const wrapped = current.find((h) => h.outer);
    packets.push({
      id: nextId(),
      at,
      hops: hs,
      src: first.inner.src,
      dst: first.action === "dns" ? first.inner.dst : current.at(-1)!.inner.dst,
      protocol: first.action === "dns" ? "udp" : first.inner.protocol,
      info: hs[0].info,
      reply: first.reply ?? false,
      crossHost: current.some((h) => h.action === "wire"),
      encrypted: current.some((h) => h.outer?.encrypted),
      vni: wrapped?.outer?.vni ?? null,
      dropped: hs.find((h) => h.action === "drop") ?? null,
    });
    current = [];
  };
  for (const hop of hops) {
    current.push(hop);
    if (hop.action === "deliver" || hop.action === "drop" || hop.action === "dns") close();
  }
  close();
  return packets;
}

export interface Recorder {
  /** Takes one hop; the burst it belongs to is closed at the end of the current task (sim-core emits a round trip at once). */
  hop(hop: Hop, at: number): void;
  /** The kept packets as a libpcap file: each packet's underlay frame where it crossed the wire, its own frame otherwise. */
  pcap(): Uint8Array;
  readonly packets: readonly PathPacket[];
}

export function createRecorder(post: (trace: PathTrace) => void): Recorder {
  let burst: Hop[] = [];
  let burstAt = 0;
  let scheduled = false;
  let nextPacket = 1;
  let nextTrace = 1;
  const kept: PathPacket[] = [];

  const close = () => {
    scheduled = false;
    const hops = burst;
    burst = [];
    if (hops.length === 0) return;
    const packets = splitPackets(hops, burstAt, () => nextPacket++);
    kept.push(...packets);
    if (kept.length > KEPT_PACKETS) kept.splice(0, kept.length - KEPT_PACKETS);
    post({ id: nextTrace++, at: burstAt, packets });
  };

  return {
    hop(hop, at) {
      if (burst.length === 0) burstAt = at;
      burst.push(hop);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(close);
      }
    },
    pcap() {
      const frames: CapturedFrame[] = [];
      for (const p of kept) {
        const wire = p.hops.find((h) => h.action === "wire" && h.frame);
        const own = p.hops.find((h) => h.frame);
        const bytes = (wire ?? own)?.frame;
        if (bytes) frames.push({ at: p.at, bytes });
      }
      return pcapFile(frames);
    },
    get packets() {
      return kept;
    },
  };
}
