/**
 * docker service scale (docker/cli cli/command/service/scale.go): every SERVICE=REPLICAS is checked by
 * the CLI first, each service is then scaled in turn (a new spec with the new count), and only after all
 * of them does it follow each scaled service's convergence. Errors are collected and printed together at
 * the end, each prefixed with the service as given.
 */
import { daemonErrorLine, errorText } from "../../../engine/errors";
import { requireManager } from "../../../swarm/cluster";
import { findService, scaleService } from "../../../swarm/services";
import type { CommandSpec } from "../../types";
import { worldOf } from "./common";
import { waitOnService } from "./converge";
import { f } from "./service-flags";

const USE = "scale SERVICE=REPLICAS [SERVICE=REPLICAS...]";
const SHORT = "Scale one or multiple replicated services";

/** strconv.ParseUint(s, 10, 64)'s error for a replica count. */
function replicasError(value: string): string | null {
  if (!/^\d+$/.test(value)) return `strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax`;
  return BigInt(value) > 2n ** 64n - 1n ? `strconv.ParseUint: parsing ${JSON.stringify(value)}: value out of range` : null;
}

export const serviceScaleCmd: CommandSpec = {
  path: ["service", "scale"],
  use: USE,
  short: SHORT,
  args: { kind: "min", n: 1 },
  flags: [f("detach", "bool", "Exit immediately instead of waiting for the service to converge", { short: "d" })],
  async run(ctx, io) {
    const world = worldOf(ctx);
    // scaleArgs: every argument must be a non-empty name, `=`, and a non-empty count.
    for (const a of ctx.args) {
      const eq = a.indexOf("=");
      if (eq <= 0 || eq === a.length - 1) {
        io.err(`invalid scale specifier '${a}'.\nSee 'docker service scale --help'.\n\nUsage:  docker service ${USE}\n\n${SHORT}\n`);
        return 1;
      }
    }
    const errors: string[] = [];
    const scaled: { id: string; as: string }[] = [];
    for (const a of ctx.args) {
      const [name, value] = [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)];
      const bad = replicasError(value);
      if (bad) {
        errors.push(`${name}: invalid replicas value ${value}: ${bad}`);
        continue;
      }
      const m = requireManager(world, ctx.host);
      const found = m.ok ? findService(m.value.swarm, name) : m;
      if (!found.ok) {
        errors.push(`${name}: Error response from daemon: ${errorText(found.error)}`);
        continue;
      }
      if (found.value.mode !== "replicated") {
        errors.push(`${name}: scale can only be used with replicated or replicated-job mode`);
        continue;
      }
      const r = scaleService(world, ctx.host, found.value.id, Number(value));
      if (!r.ok) {
        errors.push(`${name}: ${daemonErrorLine(r.error)}`);
        continue;
      }
      io.out(`${name} scaled to ${BigInt(value)}\n`);
      scaled.push({ id: r.value.id, as: name });
    }
    if (!ctx.flags.get<boolean>("detach")) {
      for (const s of scaled) {
        const captured: string[] = [];
        const code = await waitOnService(ctx, { ...io, err: (t) => captured.push(t) }, s.id, s.as, false);
        if (code !== 0) errors.push(...captured.map((t) => `${s.as}: ${t.replace(/\n$/, "")}`));
        if (io.signal.aborted) break;
      }
    }
    if (errors.length === 0) return 0;
    io.err(errors.map((e) => `${e}\n`).join(""));
    return 1;
  },
};
