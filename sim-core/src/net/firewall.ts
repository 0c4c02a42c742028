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

/** A rule as `iptables -S` prints it, e.g. `-A INPUT -p udp -m udp --dport 4789 -j DROP`. */
export function ruleSpec(chain: "INPUT" | "OUTPUT", r: FirewallRule): string {
  const parts = [`-A ${chain}`];
  if (r.source) parts.push(`-s ${r.source.includes("/") ? r.source : `${r.source}/32`}`);
  if (r.destination) parts.push(`-d ${r.destination.includes("/") ? r.destination : `${r.destination}/32`}`);
  if (r.protocol !== "all") parts.push(`-p ${r.protocol}`);
  if ((r.protocol === "tcp" || r.protocol === "udp") && (r.sport !== undefined || r.dport !== undefined)) parts.push(`-m ${r.protocol}`);
  if (r.sport !== undefined) parts.push(`--sport ${r.sport}`);
  if (r.dport !== undefined) parts.push(`--dport ${r.dport}`);
  parts.push(`-j ${r.target}`);
  return parts.join(" ");
}

/** Which rule of a chain stopped a packet (1-based, as `iptables -L --line-numbers` counts), for a drop's explanation. */
export function droppingRule(host: HostState, chain: "INPUT" | "OUTPUT", p: UnderlayPacket): { chain: "INPUT" | "OUTPUT"; number: number; spec: string } | undefined {
  const i = host.firewall[chain].findIndex((r) => ruleMatches(r, p));
  if (i < 0 || host.firewall[chain][i].target === "ACCEPT") return undefined;
  return { chain, number: i + 1, spec: ruleSpec(chain, host.firewall[chain][i]) };
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
