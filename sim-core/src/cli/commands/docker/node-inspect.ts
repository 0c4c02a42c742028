/**
 * docker node inspect [--pretty] self|NODE... (docker/cli cli/command/node/inspect.go and formatter.go's
 * pretty template): the node in the API's swarm.Node JSON, or the human form with its literal tabs.
 */
import { findNode } from "../../../swarm/cluster";
import { caCertificatePem, caPublicKey, SWARM_CA_SUBJECT } from "../../../swarm/ca";
import { errorText } from "../../../engine/errors";
import { goMap, goTime } from "../../../format/json";
import type { NodeState, SwarmState } from "../../../model/state";
import type { CommandSpec } from "../../types";
import { capitalize, ENGINE_VERSION, worldOf } from "./common";
import { INSPECT_FORMAT_FLAG, writeInspect } from "./format";
import { bytesSize, ENGINE_PLUGINS, HOST_CPUS, HOST_MEMORY_BYTES } from "./system";

/**
 * The node as the API returns it (moby api/types/swarm.Node, empty fields omitted as Go's omitempty does).
 * The store version is not tracked per node: it is derived from the join order.
 */
export function nodeInspectObject(swarm: SwarmState, node: NodeState) {
  // The swarm keeps its nodes in join order.
  const joined = Object.values(swarm.nodes);
  const plugins = Object.entries(ENGINE_PLUGINS)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([type, names]) => names.map((name) => ({ Type: type, Name: name })));
  const out: Record<string, unknown> = {
    ID: node.id,
    Version: { Index: 9 + 7 * joined.indexOf(node) },
    CreatedAt: goTime(node.createdAt),
    UpdatedAt: goTime(node.createdAt),
    Spec: { Labels: goMap(node.labels), Role: node.role, Availability: node.availability },
    Description: {
      Hostname: node.hostname,
      Platform: { Architecture: "x86_64", OS: "linux" },
      Resources: { NanoCPUs: HOST_CPUS * 1e9, MemoryBytes: HOST_MEMORY_BYTES },
      Engine: { EngineVersion: ENGINE_VERSION, Plugins: plugins },
      TLSInfo: { TrustRoot: caCertificatePem(swarm), CertIssuerSubject: SWARM_CA_SUBJECT, CertIssuerPublicKey: caPublicKey(swarm) },
    },
    Status: { State: node.status, Addr: node.addr },
  };
  if (node.role === "manager") {
    out.ManagerStatus = {
      ...(node.leader ? { Leader: true } : {}),
      Reachability: node.status === "ready" ? "reachable" : "unreachable",
      Addr: `${node.addr}:2377`,
    };
  }
  return out;
}

/** Go's time.Time String, lower-cased after its first letter by the CLI's PrettyPrint. */
function joinedAt(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, "");
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ""} +0000 utc`;
}

/** formatter.go nodeInspectPrettyTemplate, for the fields the simulator has. */
export function nodeInspectPretty(swarm: SwarmState, node: NodeState): string {
  const manager =
    node.role === "manager"
      ? `Manager Status:\n Address:\t\t${node.addr}:2377\n Raft Status:\t\t${node.status === "ready" ? "Reachable" : "Unreachable"}\n Leader:\t\t${node.leader ? "Yes" : "No"}\n`
      : "";
  const plugins = Object.entries(ENGINE_PLUGINS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, names]) => ` ${type}:\t\t${names.join(", ")}\n`)
    .join("");
  const labels = Object.keys(node.labels).sort().map((k) => ` - ${k}${node.labels[k] ? `=${node.labels[k]}` : ""}\n`);
  return (
    `ID:\t\t\t${node.id}\n` +
    (labels.length ? `Labels:\n${labels.join("")}` : "") +
    `Hostname:              \t${node.hostname}\n` +
    `Joined at:             \t${joinedAt(node.createdAt)}\n` +
    `Status:\n State:\t\t\t${capitalize(node.status)}\n Availability:         \t${capitalize(node.availability)}\n Address:\t\t${node.addr}\n` +
    manager +
    `Platform:\n Operating System:\tlinux\n Architecture:\t\tx86_64\n` +
    `Resources:\n CPUs:\t\t\t${HOST_CPUS}\n Memory:\t\t${bytesSize(HOST_MEMORY_BYTES)}\n` +
    `Plugins:\n${plugins}` +
    `Engine Version:\t\t${ENGINE_VERSION}\n` +
    `TLS Info:\n TrustRoot:\n${caCertificatePem(swarm)}\n Issuer Subject:\t${SWARM_CA_SUBJECT}\n Issuer Public Key:\t${caPublicKey(swarm)}\n`
  );
}

export const nodeInspectCmd: CommandSpec = {
  path: ["node", "inspect"],
  use: "inspect [OPTIONS] self|NODE [NODE...]",
  short: "Display detailed information on one or more nodes",
  args: { kind: "min", n: 1 },
  complete: ["node"],
  flags: [INSPECT_FORMAT_FLAG, { name: "pretty", type: "bool", usage: "Print the information in a human friendly format" }],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const format = ctx.flags.get<boolean>("pretty") ? "pretty" : ctx.flags.get<string>("format");
    const pretty = format === "pretty";
    if (format?.startsWith("pretty") && !pretty) {
      io.err("cannot supply extra formatting options to the pretty template\n");
      return 1;
    }
    const lookup = (ref: string) => {
      const r = findNode(world, ctx.host, ref);
      if (!r.ok) return { ok: false as const, error: `Error response from daemon: ${errorText(r.error)}` };
      return { ok: true as const, swarm: Object.values(world.state.swarms).find((s) => s.nodes[r.value.id])!, node: r.value };
    };
    if (!pretty) {
      return writeInspect(io, ctx.args, format || undefined, (ref) => {
        const r = lookup(ref);
        return r.ok ? { ok: true, value: nodeInspectObject(r.swarm, r.node) } : r;
      });
    }
    // The pretty formatter stops at the first node it cannot find, and writes only once every node was found.
    const found: { swarm: SwarmState; node: NodeState }[] = [];
    for (const ref of ctx.args) {
      const r = lookup(ref);
      if (!r.ok) {
        io.err(`${r.error}\n`);
        return 1;
      }
      found.push(r);
    }
    io.out(found.map((f) => nodeInspectPretty(f.swarm, f.node)).join(""));
    return 0;
  },
};
