/**
 * curl against the simulator's web servers: every image serves HTTP on port 80 and answers, like the
 * whoami test image, with its hostname, its address and the address the request came from — so load
 * balancing and the routing mesh's source-address caveat are visible. From a host, a published port goes
 * through the routing mesh; from a container, a name goes through the embedded DNS and IPVS.
 */
import { recordRequest } from "../../../engine/logs";
import type { World } from "../../../engine/world";
import { resolve } from "../../../net/dns";
import { parseIp } from "../../../net/ipam";
import { meshRequest } from "../../../net/mesh";
import { hasExternalRoute, onOwnNetwork, planRoundTrip, type Hop } from "../../../net/path";
import { emitSegments, ephemeralPort, httpRequest, httpResponse, httpSegments } from "../../../net/tcp";
import type { ContainerState } from "../../../model/state";
import type { CommandIO, CommandSpec, RunContext } from "../../types";
import { containerOf } from "./container-context";

const TIMEOUT_MS = 10_000;
const CURL_AGENT = "curl/8.14.1";

function body(container: ContainerState, ip: string, from: string): string {
  return `Hostname: ${container.hostname}\nIP: ${ip}\nRemoteAddr: ${from}\n`;
}

/** The backend answers (and logs the request, as its web server would); the body goes to stdout. */
function answer(ctx: RunContext, io: CommandIO, container: ContainerState, text: string, from: string, path: string): number {
  recordRequest(container, { at: ctx.now(), client: from, method: "GET", path, status: 200, bytes: text.length, userAgent: CURL_AGENT });
  io.out(text);
  return 0;
}

/**
 * Sends the request's TCP segments along the way found (so tcpdump and captures see the handshake,
 * the GET, the answer and the close) and gives the body the backend answers with, if it does.
 */
function exchange(world: World, hops: Hop[], hostHeader: string, path: string, port: number, backend: { container: ContainerState; ip: string; from: string } | null): string | null {
  const clientPort = ephemeralPort(world);
  const text = backend ? body(backend.container, backend.ip, `${backend.from}:${clientPort}`) : null;
  const request = httpRequest(hostHeader, path, CURL_AGENT);
  // A closed port answers the SYN with a reset; where the way back is cut, only the SYN-ACK tries it.
  const response = backend ? httpResponse(world.state.now, text!) : port === 80 || hops.length === 0 ? "" : null;
  emitSegments(world, hops, httpSegments(world, clientPort, port, request, response));
  return text;
}

async function fail(ctx: RunContext, io: CommandIO, reason: "refused" | "timeout", host: string, port: number): Promise<number> {
  if (reason === "timeout") {
    await ctx.sleep(TIMEOUT_MS, io.signal);
    io.err(`curl: (28) Failed to connect to ${host} port ${port} after ${TIMEOUT_MS} ms: Timeout was reached\n`);
    return 28;
  }
  io.err(`curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`);
  return 7;
}

export const curlTool: CommandSpec = {
  path: ["curl"],
  use: "curl [options] <url>",
  short: "transfer a URL (HTTP against the simulated web servers)",
  where: "both",
  args: { kind: "exact", n: 1 },
  flags: [{ name: "silent", short: "s", type: "bool", usage: "Silent mode" }],
  async run(ctx, io) {
    const world = ctx.world as World;
    const m = /^(?:http:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(ctx.args[0]);
    if (!m) {
      io.err(`curl: (3) URL rejected: Bad hostname\n`);
      return 3;
    }
    const [, name, portText, pathText] = m;
    const path = pathText ?? "/";
    const port = portText ? Number(portText) : 80;
    const hostHeader = portText ? `${name}:${portText}` : name;
    const here = containerOf(ctx);

    if (here) {
      const ip = parseIp(name) !== null ? name : resolve(world, here.host, here.container, name)?.addresses[0];
      if (!ip) {
        io.err(`curl: (6) Could not resolve host: ${name}\n`);
        return 6;
      }
      // Only on --internal networks: no default route, so connect() fails at once.
      if (!onOwnNetwork(world, here.host, here.container, ip) && !hasExternalRoute(world, here.host, here.container)) return fail(ctx, io, "refused", name, port);
      const underlay = Object.values(world.state.hosts).find((h) => h.ip === ip);
      if (underlay) {
        // Out through docker_gwbridge: the node sees the request come from this container's host.
        const r = meshRequest(world, world.state.hosts[here.host].ip, underlay.name, port);
        const text = exchange(world, r.hops, hostHeader, path, r.targetPort ?? port, r.ok ? { ...r.backend!, from: r.seenFrom! } : null);
        if (!r.ok) return fail(ctx, io, r.reason!, name, port);
        return answer(ctx, io, r.backend!.container, text!, r.seenFrom!, path);
      }
      const d = planRoundTrip(world, here.host, here.container, ip, "tcp");
      const from = d.network ? here.container.addresses[d.network.id] : "";
      const listening = d.ok && d.backend && port === 80 ? { ...d.backend, from } : null;
      const text = exchange(world, d.hops, hostHeader, path, port, listening);
      if (!d.ok || !d.backend) return fail(ctx, io, d.reason === "no-endpoint" || d.reason === "no-route" ? "refused" : "timeout", name, port);
      if (!listening) return fail(ctx, io, "refused", name, port);
      return answer(ctx, io, d.backend.container, text!, from, path);
    }

    const self = world.state.hosts[ctx.host];
    const target =
      name === "localhost" || name === "127.0.0.1"
        ? self
        : (world.state.hosts[name] ?? Object.values(world.state.hosts).find((h) => h.ip === name));
    if (!target) {
      io.err(`curl: (6) Could not resolve host: ${name}\n`);
      return 6;
    }
    const r = meshRequest(world, self.ip, target.name, port);
    const text = exchange(world, r.hops, hostHeader, path, r.targetPort ?? port, r.ok ? { ...r.backend!, from: r.seenFrom! } : null);
    if (!r.ok) return fail(ctx, io, r.reason!, name, port);
    return answer(ctx, io, r.backend!.container, text!, r.seenFrom!, path);
  },
};
