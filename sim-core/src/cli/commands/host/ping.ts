/**
 * busybox ping, as alpine has it: one probe a (virtual) second through the simulated data path; lost
 * probes print nothing; the summary at the end (or on Ctrl-C).
 */
import { parseIp } from "../../../net/ipam";
import { resolve } from "../../../net/dns";
import { hasExternalRoute, hostRoundTrip, onOwnNetwork, roundTrip } from "../../../net/path";
import type { CommandSpec } from "../../types";
import { busyboxPreflight, PING_APPLET } from "./busybox";
import { containerOf } from "./container-context";

/** Round-trip time in ms: local switching is fast, VXLAN adds the underlay, ESP a little more. */
function rttOf({ hops, underlay = false }: { hops: { action: string; outer?: { protocol: string } }[]; underlay?: boolean }, jitter: number): number {
  const wrapped = hops.find((h) => h.action === "encap");
  // Another host's underlay address: one trip on the wire, no encapsulation.
  const base = underlay ? 0.3 : !wrapped ? 0.06 : wrapped.outer?.protocol === "esp" ? 0.62 : 0.45;
  return base + jitter * (wrapped || underlay ? 0.2 : 0.04);
}

export const pingTool: CommandSpec = {
  path: ["ping"],
  use: "ping [OPTIONS] HOST",
  short: "Send ICMP ECHO_REQUESTs to HOST",
  where: "container",
  args: { kind: "exact", n: 1 },
  preflight: busyboxPreflight("ping", PING_APPLET),
  flags: [
    { name: "count", short: "c", type: "int", usage: "Send only CNT pings" },
    { name: "timeout", short: "w", type: "int", usage: "Seconds until ping exits (default:infinite)" },
    { name: "W", short: "W", type: "int", usage: "Seconds to wait for the first response (default 10) (after all -c CNT packets are sent)" },
  ],
  async run(ctx, io) {
    const here = containerOf(ctx);
    if (!here) return 1;
    const { world, host, container } = here;
    const target = ctx.args[0];
    let ip = parseIp(target) !== null ? target : null;
    // /etc/hosts first (musl reads it before DNS): localhost and the container's own hostname.
    if (!ip && target === "localhost") ip = "127.0.0.1";
    if (!ip && target === container.hostname) ip = Object.values(container.addresses)[0] ?? "127.0.0.1";
    if (!ip) ip = resolve(world, host, container, target)?.addresses[0] ?? null;
    if (!ip) {
      io.err(`ping: bad address '${target}'\n`);
      return 1;
    }
    const count = ctx.flags.get<number>("count") || Infinity;
    const deadline = (ctx.flags.get<number>("timeout") || Infinity) * 1000;
    io.out(`PING ${target} (${ip}): 56 data bytes\n`);
    // The loopback network and the container's own addresses answer inside its network namespace.
    const self = ip.startsWith("127.") || Object.values(container.addresses).includes(ip);
    if (!self && !onOwnNetwork(world, host, container, ip) && !hasExternalRoute(world, host, container)) {
      // Only on --internal networks: no default route, so the first sendto fails and busybox dies.
      io.err("ping: sendto: Network unreachable\n");
      return 1;
    }
    const times: number[] = [];
    const id = world.rng.int(65536);
    let sent = 0;
    const started = ctx.now();
    while (sent < count && !io.signal.aborted && ctx.now() - started < deadline) {
      const probe = { id, seq: sent };
      // A host's address (its underlay, a bridge's gateway) answers by the default route; the rest by the networks.
      const d = self ? { ok: true as const, hops: [] } : (hostRoundTrip(world, host, container, ip, probe) ?? roundTrip(world, host, container, ip, "icmp", probe));
      if (d.ok) {
        const t = rttOf(d, world.rng.next());
        times.push(t);
        io.out(`64 bytes from ${ip}: seq=${sent} ttl=64 time=${t.toFixed(3)} ms\n`);
      }
      sent++;
      if (sent < count) await ctx.sleep(1000, io.signal);
    }
    // busybox waits for the last reply once all -c probes are sent (sendping_tail): -W seconds (10 by default)
    // when nothing came back at all, else about two round trips, at least a second; an answered last probe ends it.
    if (sent === count && times.length < sent && !io.signal.aborted) {
      const wait = times.length === 0 ? (ctx.flags.get<number>("W") || 10) * 1000 : 1000;
      await ctx.sleep(Math.min(wait, Math.max(0, deadline - (ctx.now() - started))), io.signal);
    }
    const received = times.length;
    const loss = sent === 0 ? 0 : Math.round(((sent - received) / sent) * 100);
    io.out(`\n--- ${target} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`);
    if (received > 0) {
      const avg = times.reduce((a, b) => a + b, 0) / received;
      io.out(`round-trip min/avg/max = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)} ms\n`);
    }
    return received > 0 ? 0 : 1;
  },
};
