/**
 * The part of the pcap filter language learners type at tcpdump: `udp port 4789`, `esp`, `host 192.168.1.20`,
 * `src port 7946`, `tcp`, combined with and/or/not and parentheses. It matches the underlay header of a
 * captured packet (what eth0 sees), so `icmp` does not match ICMP inside VXLAN — as on a real host.
 */
import { parseIp } from "./ipam";
import type { Hop } from "./path";

export type Filter = (p: NonNullable<Hop["outer"]> & { sport?: number }) => boolean;

export function parseFilter(text: string): Filter | "syntax error" {
  const tokens = text.replace(/\(/g, " ( ").replace(/\)/g, " ) ").trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return () => true;
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const fail = () => {
    throw new SyntaxError("syntax error");
  };

  function primitive(): Filter {
    let dir: "src" | "dst" | undefined;
    if (peek() === "src" || peek() === "dst") dir = next() as "src" | "dst";
    const word = next();
    if (word === undefined) fail();
    if (word === "port") {
      const n = Number(next());
      if (!Number.isInteger(n) || n < 0 || n > 65535) fail();
      return (p) => (dir !== "dst" && p.sport === n) || (dir !== "src" && p.dport === n);
    }
    if (word === "host") {
      const ip = next();
      if (parseIp(ip ?? "") === null) fail();
      return (p) => (dir !== "dst" && p.src === ip) || (dir !== "src" && p.dst === ip);
    }
    if (dir) fail();
    if (word === "udp" || word === "tcp" || word === "icmp" || word === "esp") {
      const proto: Filter = (p) => p.protocol === word;
      if (peek() === "port" || peek() === "src" || peek() === "dst") {
        const rest = primitive();
        return (p) => proto(p) && rest(p);
      }
      return proto;
    }
    if (word === "ip") return () => true;
    return fail();
  }

  function term(): Filter {
    const t = peek();
    if (t === "not" || t === "!") {
      next();
      const inner = term();
      return (p) => !inner(p);
    }
    if (t === "(") {
      next();
      const e = expr();
      if (next() !== ")") fail();
      return e;
    }
    return primitive();
  }

  function expr(): Filter {
    let left = term();
    while (i < tokens.length && peek() !== ")") {
      const op = next();
      const right = term();
      const l = left;
      if (op === "and" || op === "&&") left = (p) => l(p) && right(p);
      else if (op === "or" || op === "||") left = (p) => l(p) || right(p);
      else fail();
    }
    return left;
  }

  try {
    const f = expr();
    if (i !== tokens.length) fail();
    return f;
  } catch {
    return "syntax error";
  }
}
