/**
 * iptables for the underlay firewall of a host (the filter table's INPUT and OUTPUT chains that the
 * simulator enforces). Output and errors follow iptables 1.8 (nf_tables); FORWARD is listed with
 * Docker's DROP policy but holds no rules here.
 */
import type { FirewallRule } from "../../../model/state";
import type { CommandIO, CommandSpec } from "../../types";

const VERSION = "iptables v1.8.9 (nf_tables)";
type Chain = "INPUT" | "OUTPUT";
const CHAINS = ["INPUT", "FORWARD", "OUTPUT"] as const;

function usage(io: CommandIO, message: string): number {
  io.err(`${VERSION}: ${message}\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
  return 2;
}

/** Parses a rule spec (`-p udp --dport 4789 -s 10.0.0.0/8 -j DROP`); returns the rule or an error message. */
function parseRule(args: string[]): FirewallRule | string {
  const rule: FirewallRule = { protocol: "all", target: "ACCEPT" };
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const opt = args[i];
    const value = args[i + 1];
    const need = () => (value === undefined ? `option "${opt}" requires an argument` : null);
    switch (opt) {
      case "-p":
      case "--protocol": {
        if (need()) return need()!;
        const p = value.toLowerCase();
        if (!["all", "tcp", "udp", "icmp", "esp"].includes(p)) return `unknown protocol "${value}" specified`;
        rule.protocol = p as FirewallRule["protocol"];
        i++;
        break;
      }
      case "--dport":
      case "--destination-port":
      case "--sport":
      case "--source-port": {
        if (need()) return need()!;
        if (rule.protocol !== "tcp" && rule.protocol !== "udp") return `unknown option "${opt}"`;
        const port = Number(value);
        if (!/^\d+$/.test(value) || port > 65535) return `invalid port/service \`${value}' specified`;
        if (opt.includes("d")) rule.dport = port;
        else rule.sport = port;
        i++;
        break;
      }
      case "-s":
      case "--source":
      case "-d":
      case "--destination": {
        if (need()) return need()!;
        if (!/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(value)) return `host/network \`${value}' not found`;
        if (opt === "-s" || opt === "--source") rule.source = value;
        else rule.destination = value;
        i++;
        break;
      }
      case "-j":
      case "--jump":
        if (need()) return need()!;
        target = value;
        i++;
        break;
      default:
        return `unknown option "${opt}"`;
    }
  }
  if (!target) return "no target given: add -j ACCEPT, -j DROP or -j REJECT";
  if (!["ACCEPT", "DROP", "REJECT"].includes(target)) return `Couldn't load target \`${target}':No such file or directory`;
  rule.target = target as FirewallRule["target"];
  return rule;
}

const sameRule = (a: FirewallRule, b: FirewallRule) => JSON.stringify({ ...a }) === JSON.stringify({ ...b });

function listChain(name: (typeof CHAINS)[number], rules: FirewallRule[], numeric: boolean): string {
  const policy = name === "FORWARD" ? "DROP" : "ACCEPT";
  const anywhere = numeric ? "0.0.0.0/0" : "anywhere";
  const lines = [`Chain ${name} (policy ${policy})`, "target     prot opt source               destination         "];
  for (const r of rules) {
    const match = [r.protocol === "tcp" || r.protocol === "udp" ? r.protocol : "", r.sport !== undefined ? `spt:${r.sport}` : "", r.dport !== undefined ? `dpt:${r.dport}` : ""]
      .filter(Boolean)
      .join(" ");
    const extra = [r.dport !== undefined || r.sport !== undefined ? match : "", r.target === "REJECT" ? "reject-with icmp-port-unreachable" : ""].filter(Boolean).join(" ");
    const proto = r.protocol === "esp" && numeric ? "50" : r.protocol;
    lines.push(`${r.target.padEnd(10)} ${proto.padEnd(5)}--  ${(r.source ?? anywhere).padEnd(20)} ${(r.destination ?? anywhere).padEnd(20)} ${extra}`.trimEnd());
  }
  return lines.join("\n") + "\n";
}

export const iptablesTool: CommandSpec = {
  path: ["iptables"],
  use: "iptables -[ACD] chain rule-specification | -I chain [rulenum] rule-specification | -L [chain] [-n] | -F [chain]",
  short: "Administration tool for IPv4 packet filtering (the underlay firewall of this host)",
  where: "host",
  args: { kind: "any" },
  flags: [],
  async run(ctx, io) {
    const world = ctx.world;
    const host = world.state.hosts[ctx.host];
    const args = ctx.args.filter((a) => a !== "-t" && a !== "filter");
    const numeric = args.includes("-n");
    const rest = args.filter((a) => a !== "-n" && a !== "-v");
    const [cmd, chainArg, ...spec] = rest;
    const chainOk = (c: string | undefined): c is Chain => c === "INPUT" || c === "OUTPUT";
    switch (cmd) {
      case undefined:
        return usage(io, "no command specified");
      case "-L":
      case "--list": {
        if (chainArg !== undefined && !(CHAINS as readonly string[]).includes(chainArg)) {
          io.err("iptables: No chain/target/match by that name.\n");
          return 1;
        }
        const chains = chainArg ? [chainArg as (typeof CHAINS)[number]] : [...CHAINS];
        io.out(chains.map((c) => listChain(c, c === "FORWARD" ? [] : host.firewall[c], numeric)).join("\n"));
        return 0;
      }
      case "-F":
      case "--flush":
        if (chainArg === undefined) {
          host.firewall.INPUT = [];
          host.firewall.OUTPUT = [];
        } else if (chainOk(chainArg)) host.firewall[chainArg] = [];
        else if (chainArg !== "FORWARD") {
          io.err("iptables: No chain/target/match by that name.\n");
          return 1;
        }
        return 0;
      case "-A":
      case "--append":
      case "-I":
      case "--insert":
      case "-D":
      case "--delete": {
        if (chainArg === undefined) return usage(io, `option "${cmd}" requires an argument`);
        if (!chainOk(chainArg)) {
          io.err(chainArg === "FORWARD" ? "iptables: the simulator filters only INPUT and OUTPUT of the underlay.\n" : "iptables: No chain/target/match by that name.\n");
          return 1;
        }
        const chain = host.firewall[chainArg];
        const isDelete = cmd === "-D" || cmd === "--delete";
        let position: number | undefined;
        if (spec[0] !== undefined && /^\d+$/.test(spec[0])) position = Number(spec.shift());
        if (isDelete && position !== undefined && spec.length === 0) {
          if (position < 1 || position > chain.length) {
            io.err("iptables: Index of deletion too big.\n");
            return 1;
          }
          chain.splice(position - 1, 1);
          return 0;
        }
        const rule = parseRule(spec);
        if (typeof rule === "string") return usage(io, rule);
        if (isDelete) {
          const at = chain.findIndex((r) => sameRule(r, rule));
          if (at < 0) {
            io.err("iptables: Bad rule (does a matching rule exist in that chain?).\n");
            return 1;
          }
          chain.splice(at, 1);
        } else if (cmd === "-I" || cmd === "--insert") chain.splice(Math.max(0, (position ?? 1) - 1), 0, rule);
        else chain.push(rule);
        return 0;
      }
      default:
        return usage(io, `unknown option "${cmd}"`);
    }
  },
};
