/**
 * What the simulator observed while the learner worked, folded from sim-core's events into a small
 * record the goals read: packets delivered across hosts (and how they were wrapped), packets dropped
 * (and why), what tcpdump saw, IPVS choices, published-port deliveries, node availability changes and
 * failed joins. Bounded, so a long session stays cheap to check.
 */
import type { SimEvent } from "sim-core";

const KEEP = 64;

export interface Crossing {
  from: string;
  to: string;
  protocol: "icmp" | "tcp" | "udp";
  /** The underlay wrapping: "udp" (VXLAN) or "esp" (encrypted overlay). */
  outer: "udp" | "esp" | "tcp" | "icmp";
  vni?: number;
  reply: boolean;
  at: number;
}

export interface Drop {
  host: string;
  protocol: "icmp" | "tcp" | "udp";
  /** "firewall" (an iptables rule), "gossip" (no peer entry: 7946 blocked). */
  reason: "firewall" | "gossip";
  outer?: "udp" | "esp" | "tcp" | "icmp";
  dport?: number;
  at: number;
}

export interface Delivery {
  host: string;
  /** The source address the receiving container saw. */
  src: string;
  dst: string;
  protocol: "icmp" | "tcp" | "udp";
  /** The sim's note: "published port (DNAT)", "host-mode port", or none. */
  detail?: string;
  /** Delivered to a container on the same host it was sent from, without VXLAN. */
  local: boolean;
  at: number;
}

export interface Observed {
  crossings: Crossing[];
  drops: Drop[];
  /** Underlay packets a tcpdump saw, by host: their outer protocols. */
  captured: { host: string; outer: string; at: number }[];
  /** IPVS choices: the host that balanced, the address asked for and the backend chosen. */
  balanced: { host: string; vip: string; backend: string; at: number }[];
  /** Packets as containers sent them: source and the destination they addressed (a VIP, a task, a container). */
  sent: { host: string; src: string; dst: string; at: number }[];
  deliveries: Delivery[];
  /** Node availability changes (drain, active, pause) by hostname. */
  availability: { hostname: string; availability: string; at: number }[];
  /** Tasks that started running, with their node. */
  started: { taskId: string; serviceId: string; nodeId: string | null; at: number }[];
  /** `docker swarm join` attempts that failed, by host, and why. */
  joinFailures: { host: string; reason: string; at: number }[];
}

export const emptyObserved = (): Observed => ({
  crossings: [],
  drops: [],
  captured: [],
  balanced: [],
  sent: [],
  deliveries: [],
  availability: [],
  started: [],
  joinFailures: [],
});

function push<T>(list: T[], item: T) {
  list.push(item);
  if (list.length > KEEP * 2) list.splice(0, list.length - KEEP);
}

/** Folds one event into the record (in place: the worker sees thousands of hops in a busy session). */
export function observe(o: Observed, e: SimEvent): void {
  switch (e.type) {
    case "packet.hop": {
      const { hop } = e;
      if (hop.action === "decap" && hop.outer) {
        push(o.crossings, { from: hop.outer.src === hop.host ? hop.host : sender(hop.outer.src), to: hop.host, protocol: hop.inner.protocol, outer: hop.outer.protocol, vni: hop.outer.vni, reply: hop.reply ?? false, at: e.at });
      } else if (hop.action === "drop") {
        const gossip = !hop.outer;
        push(o.drops, { host: hop.host, protocol: hop.inner.protocol, reason: gossip ? "gossip" : "firewall", outer: hop.outer?.protocol, dport: hop.outer?.dport, at: e.at });
      } else if (hop.action === "ipvs" && hop.detail) {
        const parts = hop.detail.split(" → ");
        push(o.balanced, { host: hop.host, vip: parts.length > 2 ? parts[1] : parts[0], backend: parts[parts.length - 1], at: e.at });
      } else if (hop.action === "send" && !hop.reply) {
        push(o.sent, { host: hop.host, src: hop.inner.src, dst: hop.inner.dst, at: e.at });
      } else if (hop.action === "deliver" && !hop.reply) {
        push(o.deliveries, { host: hop.host, src: hop.inner.src, dst: hop.inner.dst, protocol: hop.inner.protocol, detail: hop.detail, local: false, at: e.at });
      } else if (hop.action === "switch" && !hop.reply) {
        push(o.deliveries, { host: hop.host, src: hop.inner.src, dst: hop.inner.dst, protocol: hop.inner.protocol, detail: hop.detail, local: true, at: e.at });
      }
      return;
    }
    case "capture.seen":
      push(o.captured, { host: e.host, outer: e.hop.outer?.protocol ?? e.hop.inner.protocol, at: e.at });
      return;
    case "node.availability":
      push(o.availability, { hostname: e.hostname, availability: e.availability, at: e.at });
      return;
    case "task.state":
      if (e.to === "running") push(o.started, { taskId: e.taskId, serviceId: e.serviceId, nodeId: e.nodeId, at: e.at });
      return;
    case "swarm.join-failed":
      push(o.joinFailures, { host: e.host, reason: e.reason, at: e.at });
      return;
    default:
      return;
  }
}

/** node-k from its underlay address 192.168.1.(10·k) (the labs here have at most five nodes). */
function sender(ip: string): string {
  const m = /^192\.168\.1\.(\d+)$/.exec(ip);
  return m ? `node-${Number(m[1]) / 10}` : ip;
}
