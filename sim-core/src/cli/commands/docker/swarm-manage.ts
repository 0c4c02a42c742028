/**
 * docker swarm update | ca | unlock-key | unlock (docker/cli cli/command/swarm update.go, ca.go,
 * progress/root_rotation.go, unlock_key.go, unlock.go). Their errors are the CLI's own where the CLI
 * checks first, else the daemon's.
 */
import { errorText, type Result } from "../../../engine/errors";
import { nodeOf, requireManager } from "../../../swarm/cluster";
import { caCertificateDigest, caCertificatePem } from "../../../swarm/ca";
import { rotateRootCA, unlockKeyOf, updateSwarm, type SettingsChange } from "../../../swarm/settings";
import type { SwarmState } from "../../../model/state";
import { helpText } from "../../cobra";
import type { CommandIO, CommandSpec, FlagSpec, FlagValue, RunContext } from "../../types";
import { failed, worldOf } from "./common";

const CERT_EXPIRY: FlagSpec = { name: "cert-expiry", type: "duration", default: 90 * 24 * 3600 * 1000, usage: "Validity period for node certificates (ns|us|ms|s|m|h)" };

/** parseExternalCA: `protocol=cfssl,url=…`; the flag's error cause, or undefined. */
function externalCAError(value: string): string | undefined {
  const fields = value.split(",");
  let protocol = false;
  let url = false;
  for (const f of fields) {
    const i = f.indexOf("=");
    if (i < 0) return `invalid field '${f}' must be a key=value pair`;
    const key = f.slice(0, i).toLowerCase();
    const v = f.slice(i + 1);
    if (key === "protocol") {
      if (v.toLowerCase() !== "cfssl") return `unrecognized external CA protocol ${v}`;
      protocol = true;
    } else if (key === "url") url = true;
    else if (key === "cacert") return `unable to read CA cert for external CA: open ${v}: no such file or directory`;
  }
  if (!protocol) return "the external-ca option needs a protocol= parameter";
  if (!url) return "the external-ca option needs a url= parameter";
  return undefined;
}

const EXTERNAL_CA: FlagSpec = { name: "external-ca", type: "stringArray", valueName: "external-ca", usage: "Specifications of one or more certificate signing endpoints", validate: externalCAError };

/** A PEM file flag: the simulated hosts have no PEM files, so reading one fails as os.ReadFile does. */
const pemFlag = (name: string, usage: string): FlagSpec => ({ name, type: "string", valueName: "pem-file", usage, validate: (v) => `open ${v}: no such file or directory` });

function externalCAs(ctx: RunContext): { protocol: string; url: string }[] | undefined {
  if (!ctx.flags.changed.has("external-ca")) return undefined;
  return (ctx.flags.get<string[]>("external-ca") ?? []).map((spec) => {
    const fields = Object.fromEntries(spec.split(",").map((f) => [f.slice(0, f.indexOf("=")).toLowerCase(), f.slice(f.indexOf("=") + 1)]));
    return { protocol: "cfssl", url: fields.url };
  });
}

const changed = <T extends FlagValue>(ctx: RunContext, name: string): T | undefined => (ctx.flags.changed.has(name) ? ctx.flags.get<T>(name) : undefined);

/** The cluster-spec flags `swarm init` and `swarm update` share (docker/cli swarm/opts.go addSwarmFlags). */
export const CLUSTER_SPEC_FLAGS: FlagSpec[] = [
  CERT_EXPIRY,
  { name: "dispatcher-heartbeat", type: "duration", default: 5000, usage: "Dispatcher heartbeat period (ns|us|ms|s|m|h)" },
  EXTERNAL_CA,
  { name: "max-snapshots", type: "uint64", valueName: "uint", usage: "Number of additional Raft snapshots to retain" },
  { name: "snapshot-interval", type: "uint64", valueName: "uint", default: 10000, usage: "Number of log entries between Raft snapshots" },
  { name: "task-history-limit", type: "int", default: 5, usage: "Task history retention limit" },
];

/** What those flags change: only the ones given (mergeSwarmSpec). */
export function clusterSpecChange(ctx: RunContext): SettingsChange {
  return {
    certExpiryMs: changed(ctx, "cert-expiry"),
    dispatcherHeartbeatMs: changed(ctx, "dispatcher-heartbeat"),
    externalCAs: externalCAs(ctx),
    keepOldSnapshots: changed(ctx, "max-snapshots"),
    snapshotInterval: changed(ctx, "snapshot-interval"),
    taskHistoryLimit: changed(ctx, "task-history-limit"),
  };
}

export function printUnlockCommand(io: CommandIO, key: string) {
  io.out(
    `To unlock a swarm manager after it restarts, run the \`docker swarm unlock\`\ncommand and provide the following key:\n\n    ${key}\n\nRemember to store this key in a password manager, since without it you\nwill not be able to restart the manager.\n`,
  );
}

export const swarmUpdateCmd: CommandSpec = {
  path: ["swarm", "update"],
  use: "update [OPTIONS]",
  short: "Update the swarm",
  args: { kind: "none" },
  flags: [{ name: "autolock", type: "bool", usage: "Change manager autolocking setting (true|false)" }, ...CLUSTER_SPEC_FLAGS],
  async run(ctx, io) {
    // Without any flag the command shows its help (its PreRunE returns pflag.ErrHelp).
    if (ctx.flags.changed.size === 0) {
      io.out(helpText({ name: "update", aliases: [], path: ["docker", "swarm", "update"], short: swarmUpdateCmd.short, spec: swarmUpdateCmd, children: [] }, io.columns));
      return 0;
    }
    const r = updateSwarm(worldOf(ctx), ctx.host, { autolock: changed(ctx, "autolock"), ...clusterSpecChange(ctx) });
    if (failed(io, r)) return 1;
    io.out("Swarm updated.\n");
    if (r.value.unlockKey) printUnlockCommand(io, r.value.unlockKey);
    return 0;
  },
};

const bar = (done: number, total: number) => {
  const n = total > 0 ? Math.floor((50 * done) / total) : 0;
  return `[${"=".repeat(n)}>${" ".repeat(50 - n)}] ${done}/${total} nodes`;
};

/** How many nodes have renewed their certificates: every node that is up does so at once. */
function rotationFrame(swarm: SwarmState): { frame: string; done: boolean } {
  const nodes = Object.values(swarm.nodes);
  const ready = nodes.filter((n) => n.status === "ready").length;
  const done = ready === nodes.length;
  const frame = `desired root digest: ${caCertificateDigest(swarm)}\n  rotated TLS certificates:  ${bar(ready, nodes.length)}\n  rotated CA certificates:   ${bar(done ? ready : 0, nodes.length)}\n`;
  return { frame, done };
}

/** RootRotationProgress: polls every 200 ms until every node has the new certificate and trust root. */
async function followRotation(ctx: RunContext, io: CommandIO, swarm: SwarmState): Promise<number> {
  const quiet = ctx.flags.get<boolean>("quiet");
  // Without a terminal only the lines without a bar get through: the headers, then the digest per poll.
  if (!io.tty && !quiet) io.out("desired root digest: \n  rotated TLS certificates: \n  rotated CA certificates:  \n");
  for (;;) {
    const { frame, done } = rotationFrame(swarm);
    if (!quiet) {
      if (!io.tty) io.out(`desired root digest: ${caCertificateDigest(swarm)}\n`);
      else if (done) io.out(frame);
      else io.progress?.(frame);
    }
    if (done) break;
    await ctx.sleep(200, io.signal);
    if (io.signal.aborted) {
      if (!quiet) io.out("Operation continuing in background.\nUse `swarmctl cluster inspect default` to check progress.\n");
      return 0;
    }
  }
  io.out(caCertificatePem(swarm));
  return 0;
}

export const swarmCaCmd: CommandSpec = {
  path: ["swarm", "ca"],
  use: "ca [OPTIONS]",
  short: "Display and rotate the root CA",
  args: { kind: "none" },
  flags: [
    pemFlag("ca-cert", "Path to the PEM-formatted root CA certificate to use for the new cluster"),
    pemFlag("ca-key", "Path to the PEM-formatted root CA key to use for the new cluster"),
    CERT_EXPIRY,
    { name: "detach", short: "d", type: "bool", usage: "Exit immediately instead of waiting for the root rotation to converge" },
    EXTERNAL_CA,
    { name: "quiet", short: "q", type: "bool", usage: "Suppress progress output" },
    { name: "rotate", type: "bool", usage: "Rotate the swarm CA - if no certificate or key are provided, new ones will be generated" },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    if (!ctx.flags.get<boolean>("rotate")) {
      for (const f of ["ca-cert", "ca-key", "cert-expiry", "external-ca"]) {
        if (ctx.flags.changed.has(f)) {
          io.err(`\`--${f}\` flag requires the \`--rotate\` flag to update the CA\n`);
          return 1;
        }
      }
      const m = requireManager(world, ctx.host);
      if (failed(io, m)) return 1;
      io.out(caCertificatePem(m.value.swarm));
      return 0;
    }
    const change: SettingsChange = { certExpiryMs: changed(ctx, "cert-expiry"), externalCAs: externalCAs(ctx) };
    if (change.externalCAs?.length) {
      io.err(
        "rotating to an external CA requires the `--ca-cert` flag to specify the external CA's cert - to add an external CA with the current root CA certificate, use the `update` command instead\n",
      );
      return 1;
    }
    const r: Result<SwarmState> = rotateRootCA(world, ctx.host, change);
    if (failed(io, r)) return 1;
    if (ctx.flags.get<boolean>("detach")) return 0;
    return followRotation(ctx, io, r.value);
  },
};

export const swarmUnlockKeyCmd: CommandSpec = {
  path: ["swarm", "unlock-key"],
  use: "unlock-key [OPTIONS]",
  short: "Manage the unlock key",
  args: { kind: "none" },
  flags: [
    { name: "quiet", short: "q", type: "bool", usage: "Only display token" },
    { name: "rotate", type: "bool", usage: "Rotate unlock key" },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const quiet = ctx.flags.get<boolean>("quiet");
    if (ctx.flags.get<boolean>("rotate")) {
      const current = unlockKeyOf(world, ctx.host);
      if (failed(io, current)) return 1;
      if (current.value === null) {
        io.err("cannot rotate because autolock is not turned on\n");
        return 1;
      }
      unlockKeyOf(world, ctx.host, true);
      if (!quiet) io.out("Successfully rotated manager unlock key.\n");
    }
    const r = unlockKeyOf(world, ctx.host);
    if (!r.ok) {
      io.err(`could not fetch unlock key: Error response from daemon: ${errorText(r.error)}\n`);
      return 1;
    }
    if (r.value === null) {
      io.err("no unlock key is set\n");
      return 1;
    }
    if (quiet) io.out(`${r.value}\n`);
    else printUnlockCommand(io, r.value);
    return 0;
  },
};

export const swarmUnlockCmd: CommandSpec = {
  path: ["swarm", "unlock"],
  use: "unlock",
  short: "Unlock swarm",
  args: { kind: "none" },
  flags: [],
  async run(ctx, io) {
    // Engines here never restart, so a swarm node is never locked.
    io.err(nodeOf(worldOf(ctx), ctx.host) ? "error: swarm is not locked\n" : "error: this node is not part of a swarm\n");
    return 1;
  },
};

export const SWARM_MANAGE_COMMANDS = [swarmUpdateCmd, swarmCaCmd, swarmUnlockKeyCmd, swarmUnlockCmd];
