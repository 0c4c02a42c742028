/**
 * A frame's headers layer by layer, read from its bytes (the ones sim-core's pcap encoder wrote): outer
 * Ethernet / IPv4 / UDP / VXLAN (flags, VNI) / inner Ethernet / IPv4 / ICMP or TCP, or IPv4 / ESP on an
 * encrypted overlay. Every field says where its bytes are, so the page can print them in hex under it.
 */

/** A field's label in the page's language: a message under `topology.path.fields`. */
export type FieldKey =
  | "destination"
  | "source"
  | "type"
  | "versionIhl"
  | "dscpEcn"
  | "totalLength"
  | "identification"
  | "flagsFragment"
  | "ttl"
  | "protocol"
  | "headerChecksum"
  | "sourcePort"
  | "destinationPort"
  | "length"
  | "checksum"
  | "flags"
  | "reserved"
  | "vni"
  | "code"
  | "identifier"
  | "sequenceNumber"
  | "data"
  | "acknowledgmentNumber"
  | "headerLengthFlags"
  | "window"
  | "urgentPointer"
  | "options"
  | "payload"
  | "spi"
  | "sequence"
  | "encryptedPayload";

/** A value with words in it, as a message under `topology.path.values` and its arguments. */
export interface ValueWords {
  key: "bytes" | "versionIhl" | "noFlags" | "noChecksum" | "vxlanFlags" | "echoRequest" | "echoReply" | "icmpType" | "tcpHeader" | "tcpHeaderNoFlags" | "payload" | "espPayload";
  values: Record<string, string | number>;
}

export interface Field {
  /** Wireshark's (English) name: what tests and `fieldValue` look a field up by. */
  name: string;
  key: FieldKey;
  /** Byte offset in the frame, and length. */
  offset: number;
  length: number;
  /** The decoded value, as Wireshark would write it. */
  value: string;
  /** The same value for the page's language, when it has words in it (sizes, "none", ICMP types). */
  words?: ValueWords;
}

export interface Layer {
  /** "Ethernet", "IPv4", "UDP", "VXLAN", "ICMP", "TCP", "ESP", "Payload". */
  name: string;
  /** Outer (underlay) or inner (what the container sent). */
  level: "outer" | "inner";
  offset: number;
  length: number;
  fields: Field[];
}

/** Ports a VXLAN decoder treats as VXLAN: the IANA port, plus a swarm's `--data-path-port`. */
export interface DecodeOptions {
  vxlanPorts?: readonly number[];
}

const be16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const be32 = (b: Uint8Array, o: number) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
const mac = (b: Uint8Array, o: number) => Array.from(b.subarray(o, o + 6), (x) => x.toString(16).padStart(2, "0")).join(":");
const ip = (b: Uint8Array, o: number) => Array.from(b.subarray(o, o + 4)).join(".");
const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, "0")}`;

/** Bytes as hex pairs ("08 00 45 00"), for printing under a field. */
export function hexOf(frame: Uint8Array, f: Pick<Field, "offset" | "length">, max = 16): string {
  const bytes = Array.from(frame.subarray(f.offset, f.offset + Math.min(f.length, max)), (x) => x.toString(16).padStart(2, "0"));
  return bytes.join(" ") + (f.length > max ? " …" : "");
}

const IP_PROTOCOLS: Record<number, string> = { 1: "ICMP", 6: "TCP", 17: "UDP", 50: "ESP" };
const TCP_FLAGS: [number, string][] = [
  [0x01, "FIN"],
  [0x02, "SYN"],
  [0x04, "RST"],
  [0x08, "PSH"],
  [0x10, "ACK"],
];

export function decodeFrame(frame: Uint8Array, options: DecodeOptions = {}): Layer[] {
  const vxlanPorts = options.vxlanPorts ?? [4789];
  const layers: Layer[] = [];
  let level: Layer["level"] = "outer";

  const ethernet = (o: number): number | null => {
    if (frame.length < o + 14) return null;
    const type = be16(frame, o + 12);
    layers.push({
      name: "Ethernet",
      level,
      offset: o,
      length: 14,
      fields: [
        { name: "Destination", key: "destination", offset: o, length: 6, value: mac(frame, o) },
        { name: "Source", key: "source", offset: o + 6, length: 6, value: mac(frame, o + 6) },
        { name: "Type", key: "type", offset: o + 12, length: 2, value: type === 0x0800 ? "IPv4 (0x0800)" : hex(type, 4) },
      ],
    });
    return type === 0x0800 ? o + 14 : null;
  };

  const ipv4 = (o: number) => {
    if (frame.length < o + 20) return;
    const ihl = (frame[o] & 15) * 4;
    const total = be16(frame, o + 2);
    const proto = frame[o + 9];
    const flags = be16(frame, o + 6);
    layers.push({
      name: "IPv4",
      level,
      offset: o,
      length: ihl,
      fields: [
        { name: "Version, header length", key: "versionIhl", offset: o, length: 1, value: `${frame[o] >> 4}, ${ihl} bytes`, words: { key: "versionIhl", values: { version: frame[o] >> 4, bytes: ihl } } },
        { name: "DSCP/ECN", key: "dscpEcn", offset: o + 1, length: 1, value: hex(frame[o + 1], 2) },
        { name: "Total length", key: "totalLength", offset: o + 2, length: 2, value: String(total) },
        { name: "Identification", key: "identification", offset: o + 4, length: 2, value: hex(be16(frame, o + 4), 4) },
        { name: "Flags, fragment offset", key: "flagsFragment", offset: o + 6, length: 2, value: `${flags & 0x4000 ? "DF" : "none"}, ${flags & 0x1fff}`, words: flags & 0x4000 ? undefined : { key: "noFlags", values: { offset: flags & 0x1fff } } },
        { name: "TTL", key: "ttl", offset: o + 8, length: 1, value: String(frame[o + 8]) },
        { name: "Protocol", key: "protocol", offset: o + 9, length: 1, value: `${IP_PROTOCOLS[proto] ?? "?"} (${proto})` },
        { name: "Header checksum", key: "headerChecksum", offset: o + 10, length: 2, value: hex(be16(frame, o + 10), 4) },
        { name: "Source", key: "source", offset: o + 12, length: 4, value: ip(frame, o + 12) },
        { name: "Destination", key: "destination", offset: o + 16, length: 4, value: ip(frame, o + 16) },
      ],
    });
    const end = Math.min(frame.length, o + total);
    const p = o + ihl;
    if (proto === 17) udp(p, end);
    else if (proto === 1) icmp(p, end);
    else if (proto === 6) tcp(p, end);
    else if (proto === 50) esp(p, end);
  };

  const udp = (o: number, end: number) => {
    const sport = be16(frame, o);
    const dport = be16(frame, o + 2);
    layers.push({
      name: "UDP",
      level,
      offset: o,
      length: 8,
      fields: [
        { name: "Source port", key: "sourcePort", offset: o, length: 2, value: String(sport) },
        { name: "Destination port", key: "destinationPort", offset: o + 2, length: 2, value: `${dport}${vxlanPorts.includes(dport) ? " (VXLAN)" : ""}` },
        { name: "Length", key: "length", offset: o + 4, length: 2, value: String(be16(frame, o + 4)) },
        { name: "Checksum", key: "checksum", offset: o + 6, length: 2, value: be16(frame, o + 6) === 0 ? "0x0000 (none)" : hex(be16(frame, o + 6), 4), words: be16(frame, o + 6) === 0 ? { key: "noChecksum", values: {} } : undefined },
      ],
    });
    if (vxlanPorts.includes(dport) && end >= o + 16) vxlan(o + 8, end);
  };

  const vxlan = (o: number, end: number) => {
    const flags = frame[o];
    const vni = (be32(frame, o + 4) >>> 8) & 0xffffff;
    layers.push({
      name: "VXLAN",
      level,
      offset: o,
      length: 8,
      fields: [
        { name: "Flags", key: "flags", offset: o, length: 1, value: `${hex(flags, 2)}${flags & 0x08 ? " (I: VNI valid)" : ""}`, words: flags & 0x08 ? { key: "vxlanFlags", values: { flags: hex(flags, 2) } } : undefined },
        { name: "Reserved", key: "reserved", offset: o + 1, length: 3, value: hex((frame[o + 1] << 16) | (frame[o + 2] << 8) | frame[o + 3], 6) },
        { name: "VNI", key: "vni", offset: o + 4, length: 3, value: String(vni) },
        { name: "Reserved", key: "reserved", offset: o + 7, length: 1, value: hex(frame[o + 7], 2) },
      ],
    });
    level = "inner";
    const next = ethernet(o + 8);
    if (next !== null && next < end) ipv4(next);
  };

  const icmp = (o: number, end: number) => {
    const type = frame[o];
    const name = type === 8 ? "Echo (ping) request" : type === 0 ? "Echo (ping) reply" : `type ${type}`;
    layers.push({
      name: "ICMP",
      level,
      offset: o,
      length: end - o,
      fields: [
        { name: "Type", key: "type", offset: o, length: 1, value: `${type} (${name})`, words: { key: type === 8 ? "echoRequest" : type === 0 ? "echoReply" : "icmpType", values: { type } } },
        { name: "Code", key: "code", offset: o + 1, length: 1, value: String(frame[o + 1]) },
        { name: "Checksum", key: "checksum", offset: o + 2, length: 2, value: hex(be16(frame, o + 2), 4) },
        { name: "Identifier", key: "identifier", offset: o + 4, length: 2, value: hex(be16(frame, o + 4), 4) },
        { name: "Sequence number", key: "sequenceNumber", offset: o + 6, length: 2, value: String(be16(frame, o + 6)) },
        { name: "Data", key: "data", offset: o + 8, length: Math.max(0, end - o - 8), value: `${Math.max(0, end - o - 8)} bytes`, words: { key: "bytes", values: { bytes: Math.max(0, end - o - 8) } } },
      ],
    });
  };

  const tcp = (o: number, end: number) => {
    const offset = (frame[o + 12] >> 4) * 4;
    const flags = frame[o + 13];
    const names = TCP_FLAGS.filter(([bit]) => flags & bit).map(([, n]) => n);
    const fields: Field[] = [
      { name: "Source port", key: "sourcePort", offset: o, length: 2, value: String(be16(frame, o)) },
      { name: "Destination port", key: "destinationPort", offset: o + 2, length: 2, value: String(be16(frame, o + 2)) },
      { name: "Sequence number", key: "sequenceNumber", offset: o + 4, length: 4, value: String(be32(frame, o + 4)) },
      { name: "Acknowledgment number", key: "acknowledgmentNumber", offset: o + 8, length: 4, value: String(be32(frame, o + 8)) },
      { name: "Header length, flags", key: "headerLengthFlags", offset: o + 12, length: 2, value: `${offset} bytes, ${names.join(", ") || "none"}`, words: names.length ? { key: "tcpHeader", values: { bytes: offset, flags: names.join(", ") } } : { key: "tcpHeaderNoFlags", values: { bytes: offset } } },
      { name: "Window", key: "window", offset: o + 14, length: 2, value: String(be16(frame, o + 14)) },
      { name: "Checksum", key: "checksum", offset: o + 16, length: 2, value: hex(be16(frame, o + 16), 4) },
      { name: "Urgent pointer", key: "urgentPointer", offset: o + 18, length: 2, value: String(be16(frame, o + 18)) },
    ];
    if (offset > 20) fields.push({ name: "Options", key: "options", offset: o + 20, length: offset - 20, value: `${offset - 20} bytes`, words: { key: "bytes", values: { bytes: offset - 20 } } });
    const payload = end - o - offset;
    if (payload > 0) {
      const text = new TextDecoder().decode(frame.subarray(o + offset, end)).split("\r\n")[0];
      fields.push({ name: "Payload", key: "payload", offset: o + offset, length: payload, value: `${payload} bytes: ${text}`, words: { key: "payload", values: { bytes: payload, text } } });
    }
    layers.push({ name: "TCP", level, offset: o, length: end - o, fields });
  };

  const esp = (o: number, end: number) => {
    layers.push({
      name: "ESP",
      level,
      offset: o,
      length: end - o,
      fields: [
        { name: "SPI", key: "spi", offset: o, length: 4, value: hex(be32(frame, o), 8) },
        { name: "Sequence", key: "sequence", offset: o + 4, length: 4, value: String(be32(frame, o + 4)) },
        { name: "Encrypted payload", key: "encryptedPayload", offset: o + 8, length: end - o - 8, value: `${end - o - 8} bytes (the VXLAN frame inside, sealed)`, words: { key: "espPayload", values: { bytes: end - o - 8 } } },
      ],
    });
  };

  const next = ethernet(0);
  if (next !== null) ipv4(next);
  return layers;
}

/** The value of a named field of a named layer (first match from the outside in), for tests and summaries. */
export function fieldValue(layers: readonly Layer[], layer: string, field: string, level?: Layer["level"]): string | undefined {
  return layers.find((l) => l.name === layer && (!level || l.level === level))?.fields.find((f) => f.name === field)?.value;
}
