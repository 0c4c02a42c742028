/**
 * What travels on the simulated wires, as plain types shared by every floor: an underlay packet (what
 * firewalls match), a TCP segment (curl's exchange), and one hop of a packet's way (events, tcpdump).
 */

/** The outer header firewall rules match: protocol, underlay addresses, ports. */
export interface UnderlayPacket {
  protocol: "tcp" | "udp" | "icmp" | "esp";
  src: string;
  dst: string;
  sport?: number;
  dport?: number;
}

export interface TcpSegment {
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  /** tcpdump's notation: "S", "S.", ".", "P.", "F.", "R.". */
  flags: string;
  win: number;
  /** The timestamps option; absent on a reset. SYNs also carry MSS, SACK-permitted and window scale. */
  ts?: { val: number; ecr: number };
  payload: string;
}

export interface Hop {
  host: string;
  /** "dns": a query to the embedded DNS server (127.0.0.11) and its answer, inside the sender's namespace. */
  action: "send" | "dns" | "switch" | "ipvs" | "encap" | "wire" | "decap" | "deliver" | "drop";
  /** The packet as it is at this hop: inner addresses, and the outer (underlay) header when wrapped. */
  inner: { src: string; dst: string; protocol: "icmp" | "tcp" | "udp"; icmp?: { id: number; seq: number }; tcp?: TcpSegment };
  outer?: UnderlayPacket & { vni?: number; encrypted?: boolean };
  detail?: string;
  /** On a firewall drop: the rule that matched, numbered as `iptables -L --line-numbers` counts and as `iptables -S` prints it. */
  rule?: { chain: "INPUT" | "OUTPUT"; number: number; spec: string };
  /** Set on the hops of the answer's way back. */
  reply?: boolean;
}
