/**
 * The underlay firewall of each host (iptables filter table, INPUT and OUTPUT chains): the first rule
 * that matches a packet decides; a packet no rule matches is accepted (policy ACCEPT).
 */
import type { UnderlayPacket } from "../model/packet";
import type { FirewallRule, HostState } from "../model/state";
import { contains, parseCidr, parseIp } from "./ipam";

export type { UnderlayPacket };

function addressMatches(rule: string | undefined, ip: string): boolean {
  if (!rule) return true;
  const cidr = parseCidr(rule.includes("/") ? rule : `${rule}/32`);
  const addr = parseIp(ip);
  return cidr.ok && addr !== null && contains(cidr.value, addr);
}

export function ruleMatches(rule: FirewallRule, p: UnderlayPacket): boolean {
  if (rule.protocol !== "all" && rule.protocol !== p.protocol) return false;
  if (rule.dport !== undefined && rule.dport !== p.dport) return false;
  if (rule.sport !== undefined && rule.sport !== p.sport) return false;
  return addressMatches(rule.source, p.src) && addressMatches(rule.destination, p.dst);
}

export function verdict(host: HostState, chain: "INPUT" | "OUTPUT", p: UnderlayPacket): FirewallRule["target"] {
  return host.firewall[chain].find((r) => ruleMatches(r, p))?.target ?? "ACCEPT";
}

/** Whether a packet from `from` to `to` gets out of the one and into the other. */
export function passes(from: HostState, to: HostState, p: UnderlayPacket): { ok: true } | { ok: false; host: string; chain: "INPUT" | "OUTPUT"; target: "DROP" | "REJECT" } {
  const out = verdict(from, "OUTPUT", p);
  if (out !== "ACCEPT") return { ok: false, host: from.name, chain: "OUTPUT", target: out };
  const inn = verdict(to, "INPUT", p);
  if (inn !== "ACCEPT") return { ok: false, host: to.name, chain: "INPUT", target: inn };
  return { ok: true };
}

/** Both directions of a TCP or UDP conversation on `port` (e.g. gossip on 7946, the manager API on 2377). */
export function conversationOpen(a: HostState, b: HostState, protocol: "tcp" | "udp", port: number): boolean {
  return passes(a, b, { protocol, src: a.ip, dst: b.ip, dport: port }).ok && passes(b, a, { protocol, src: b.ip, dst: a.ip, sport: port }).ok;
}
