/**
 * Packets as bytes: the underlay frames a capture on a host's eth0 sees — Ethernet/IPv4/UDP/VXLAN with
 * the inner Ethernet/IPv4/ICMP or TCP frame, or IPv4/ESP on an encrypted overlay — and the libpcap file format
 * (2.4, microsecond timestamps, LINKTYPE_ETHERNET) that Wireshark and tshark read.
 */
import type { Hop } from "../model/packet";
import { parseIp } from "./ipam";
import { OVERLAY_MSS, WINDOW_SCALE, type TcpSegment } from "./tcp";

const u16 = (n: number) => [(n >>> 8) & 255, n & 255];
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const ipBytes = (ip: string) => u32(parseIp(ip) ?? 0);

/** Docker derives a container's MAC from its IPv4 address (02:42:0a:00:01:03 for 10.0.1.3). */
export const containerMac = (ip: string) => [0x02, 0x42, ...ipBytes(ip)];
/** A stable NIC address per underlay host. */
export const hostMac = (ip: string) => [0x52, 0x54, ...ipBytes(ip)];

/** The Internet checksum (RFC 1071). */
export function checksum(bytes: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] << 8) + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function ipv4(src: string, dst: string, protocol: number, payload: number[], id: number): number[] {
  const header = [0x45, 0, ...u16(20 + payload.length), ...u16(id & 0xffff), 0x40, 0, 64, protocol, 0, 0, ...ipBytes(src), ...ipBytes(dst)];
  const sum = checksum(header);
  header[10] = sum >>> 8;
  header[11] = sum & 255;
  return [...header, ...payload];
}

function icmpEcho(reply: boolean, id: number, seq: number): number[] {
  const payload = Array.from({ length: 56 }, (_, i) => (i + 0x10) & 255);
  const msg = [reply ? 0 : 8, 0, 0, 0, ...u16(id), ...u16(seq), ...payload];
  const sum = checksum(msg);
  msg[2] = sum >>> 8;
  msg[3] = sum & 255;
  return msg;
}

const TCP_FLAG_BITS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, ".": 0x10 };

/** A TCP segment with Linux's options (SYN: MSS, SACK-permitted, timestamps, NOP, window scale) and a valid checksum. */
function tcpSegment(src: string, dst: string, seg: TcpSegment): number[] {
  const ts = seg.ts ? [8, 10, ...u32(seg.ts.val), ...u32(seg.ts.ecr)] : [];
  const options = seg.flags.startsWith("S") ? [2, 4, ...u16(OVERLAY_MSS), 4, 2, ...ts, 1, 3, 3, WINDOW_SCALE] : ts.length ? [1, 1, ...ts] : [];
  const flags = [...seg.flags].reduce((bits, f) => bits | (TCP_FLAG_BITS[f] ?? 0), 0);
  const payload = Array.from(seg.payload, (ch) => ch.charCodeAt(0) & 255);
  const header = [...u16(seg.sport), ...u16(seg.dport), ...u32(seg.seq), ...u32(seg.ack), ((20 + options.length) / 4) << 4, flags, ...u16(seg.win), 0, 0, 0, 0, ...options];
  const segment = [...header, ...payload];
  const sum = checksum([...ipBytes(src), ...ipBytes(dst), 0, 6, ...u16(segment.length), ...segment]);
  segment[16] = sum >>> 8;
  segment[17] = sum & 255;
  return segment;
}

/** The inner frame a container sent (Ethernet + IPv4 + ICMP echo or a TCP segment). */
function innerFrame(hop: Hop, isReply: boolean): number[] {
  const { src, dst, icmp, tcp } = hop.inner;
  const l3 = tcp ? ipv4(src, dst, 6, tcpSegment(src, dst, tcp), 0) : ipv4(src, dst, 1, icmpEcho(isReply, icmp?.id ?? 0, icmp?.seq ?? 0), icmp?.seq ?? 0);
  return [...containerMac(dst), ...containerMac(src), 0x08, 0x00, ...l3];
}

/** Linux picks the VXLAN source port from a hash of the inner flow (ports included), in the ephemeral range. */
export function vxlanSourcePort(hop: Hop): number {
  const { src, dst, tcp } = hop.inner;
  let h = 0;
  for (const c of tcp ? `${src}.${tcp.sport}>${dst}.${tcp.dport}` : `${src}>${dst}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 32768 + (h % 28232);
}

/** The bytes of an underlay frame for a hop that crossed the wire; `isReply` says which way the ICMP goes. */
export function encodeFrame(hop: Hop, isReply: boolean): Uint8Array {
  const outer = hop.outer!;
  const eth = [...hostMac(outer.dst), ...hostMac(outer.src), 0x08, 0x00];
  if (outer.protocol === "esp") {
    // SPI per direction, sequence from the inner ICMP sequence; the payload is ciphertext.
    const spi = ((parseIp(outer.src) ?? 0) ^ 0x5a5a0000) >>> 0;
    const inner = innerFrame(hop, isReply);
    const sealed = inner.map((b, i) => (b ^ (i * 37 + 11)) & 255);
    const esp = [...u32(spi), ...u32((hop.inner.icmp?.seq ?? 0) + 1), ...sealed, ...new Array(16).fill(0x0f)];
    return Uint8Array.from([...eth, ...ipv4(outer.src, outer.dst, 50, esp, 0)]);
  }
  const vxlan = [0x08, 0, 0, 0, ...u32(((outer.vni ?? 0) << 8) >>> 0)];
  const udpPayload = [...vxlan, ...innerFrame(hop, isReply)];
  const udp = [...u16(vxlanSourcePort(hop)), ...u16(outer.dport ?? 4789), ...u16(8 + udpPayload.length), 0, 0, ...udpPayload];
  return Uint8Array.from([...eth, ...ipv4(outer.src, outer.dst, 17, udp, 0)]);
}

/**
 * The frame as the container's interface (veth, bridge) carries it, before any encapsulation: the same
 * inner Ethernet/IPv4/ICMP or TCP bytes that `encodeFrame` wraps in VXLAN.
 */
export function encodeInnerFrame(hop: Hop, isReply: boolean): Uint8Array {
  return Uint8Array.from(innerFrame(hop, isReply));
}

export interface CapturedFrame {
  at: number;
  bytes: Uint8Array;
}

/** A libpcap file (magic a1b2c3d4 little-endian, version 2.4, snaplen 262144, Ethernet). */
export function pcapFile(frames: readonly CapturedFrame[]): Uint8Array {
  const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
  const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
  const out: number[] = [...le32(0xa1b2c3d4), ...le16(2), ...le16(4), ...le32(0), ...le32(0), ...le32(262144), ...le32(1)];
  for (const f of frames) {
    const seconds = Math.floor(f.at / 1000);
    const micros = Math.round((f.at % 1000) * 1000);
    out.push(...le32(seconds), ...le32(micros), ...le32(f.bytes.length), ...le32(f.bytes.length), ...f.bytes);
  }
  return Uint8Array.from(out);
}
