/**
 * A packet's way through the simulated network as the page shows it: the hops sim-core announced,
 * grouped into packets (each ends where it is delivered or dies) and traces (what one exchange sent at
 * once: a ping probe and its reply, curl's segments), each hop with the frame's bytes at that point.
 * Types and the step logic only: the worker's side that makes them is `recorder.ts`.
 */

export type HopAction = "send" | "dns" | "switch" | "ipvs" | "encap" | "wire" | "decap" | "deliver" | "drop";

export interface PathOuter {
  protocol: "udp" | "esp" | "tcp" | "icmp";
  src: string;
  dst: string;
  sport?: number;
  dport?: number;
  vni?: number;
  encrypted?: boolean;
}

export interface PathHop {
  host: string;
  action: HopAction;
  reply: boolean;
  src: string;
  dst: string;
  protocol: "icmp" | "tcp" | "udp";
  /** A one-line summary of the inner packet, as a packet list writes it. */
  info: string;
  outer?: PathOuter;
  detail?: string;
  rule?: { chain: "INPUT" | "OUTPUT"; number: number; spec: string };
  /**
   * The frame at this hop: the underlay frame (outer Ethernet/IPv4/UDP/VXLAN or ESP) where it is wrapped,
   * the container's own frame (Ethernet/IPv4/ICMP or TCP) elsewhere; null for a DNS query, which never
   * leaves the container's namespace.
   */
  frame: Uint8Array | null;
}

export interface PathPacket {
  id: number;
  /** Virtual time, ms. */
  at: number;
  hops: PathHop[];
  src: string;
  dst: string;
  protocol: "icmp" | "tcp" | "udp";
  info: string;
  reply: boolean;
  /** Crossed the underlay between hosts (VXLAN or ESP). */
  crossHost: boolean;
  encrypted: boolean;
  vni: number | null;
  /** The hop where it died, if it did. */
  dropped: PathHop | null;
}

export interface PathTrace {
  id: number;
  at: number;
  packets: PathPacket[];
}

/** Where on the drawing a hop happens. */
export type Place = "container" | "dns" | "bridge" | "ipvs" | "vtep" | "wire" | "drop";

export interface Step {
  packet: number;
  hop: number;
  /** The host the hop is on; for the wire, the host it leaves. */
  host: string;
  /** The other end of the wire. */
  peer?: string;
  place: Place;
  /** The container address the hop is at (send: the sender; deliver: the receiver). */
  ip?: string;
  action: HopAction;
  reply: boolean;
}

const PLACE: Record<HopAction, Place> = {
  send: "container",
  dns: "dns",
  switch: "bridge",
  ipvs: "ipvs",
  encap: "vtep",
  wire: "wire",
  decap: "vtep",
  deliver: "container",
  drop: "drop",
};

/** The animation's steps for a trace: one per hop, in order, packet after packet. */
export function animationSteps(trace: Pick<PathTrace, "packets">): Step[] {
  const steps: Step[] = [];
  trace.packets.forEach((p, pi) =>
    p.hops.forEach((h, hi) => {
      const ip = h.action === "send" || h.action === "dns" ? h.src : h.action === "deliver" ? h.dst : undefined;
      steps.push({
        packet: pi,
        hop: hi,
        host: h.host,
        ...(h.action === "wire" && h.outer ? { peer: hostOfUnderlay(p, h.outer.dst) } : {}),
        place: PLACE[h.action],
        ...(ip ? { ip } : {}),
        action: h.action,
        reply: h.reply,
      });
    }),
  );
  return steps;
}

/** The host that decapsulates what a wire hop carries: the next hop's host, or the drop's. */
function hostOfUnderlay(p: PathPacket, dst: string): string | undefined {
  const after = p.hops.find((h) => (h.action === "decap" || h.action === "drop") && h.outer?.dst === dst);
  return after?.host;
}

/**
 * The packets to animate by default after a command: the last trace that carried traffic (a DNS query
 * alone is shown too, when that is all there was).
 */
export function latestTrace(traces: readonly PathTrace[]): PathTrace | null {
  for (let i = traces.length - 1; i >= 0; i--) if (traces[i].packets.some((p) => p.hops.some((h) => h.action !== "dns"))) return traces[i];
  return traces.at(-1) ?? null;
}

/** Which packet of the trace a hop, numbered across the trace, belongs to. */
export function packetOfHop(trace: Pick<PathTrace, "packets">, hop: number): number {
  let first = 0;
  for (const [index, p] of trace.packets.entries()) {
    first += p.hops.length;
    if (hop < first) return index;
  }
  return Math.max(0, trace.packets.length - 1);
}
