/**
 * One HTTP GET through the simulated network, as curl and wget make it: every image serves HTTP on port
 * 80 and answers, like the whoami test image, with its hostname, its address and the address the request
 * came from — so load balancing and the routing mesh's source-address caveat are visible. From a host, a
 * published port goes through the routing mesh; from a container, a name goes through the embedded DNS
 * and IPVS. The backend logs the request as its web server would, and the TCP segments travel the way
 * found, so tcpdump and captures see them.
 */
import { recordRequest } from "../../../engine/logs";
import type { ContainerState } from "../../../model/state";
import { resolve } from "../../../net/dns";
import { parseIp } from "../../../net/ipam";
import { meshRequest, type MeshResult } from "../../../net/mesh";
import { hasExternalRoute, onOwnNetwork, planRoundTrip, type Hop } from "../../../net/path";
import { emitSegments, ephemeralPort, httpRequest, httpResponse, httpSegments } from "../../../net/tcp";
import type { RunContext } from "../../types";
import { containerOf } from "./container-context";

export interface HttpGet {
  /** The host part of the URL: a name or an address. */
  name: string;
  port: number;
  path: string;
  /** The Host header: the name, with the port when the URL gave one. */
  hostHeader: string;
  userAgent: string;
}

export type HttpOutcome =
  /** `head`: the response's status line and headers as sent, each ending in CRLF, then the empty line. */
  | { kind: "answered"; body: string; ip: string; head: string }
  | { kind: "unresolved" }
  /** Connecting failed at once: nothing listens there, or there is no route. */
  | { kind: "refused"; ip: string }
  /** Connecting never completed: the way there or back drops the packets. */
  | { kind: "timeout"; ip: string };

function body(container: ContainerState, ip: string, from: string): string {
  return `Hostname: ${container.hostname}\nIP: ${ip}\nRemoteAddr: ${from}\n`;
}

/**
 * Sends the request's TCP segments along the way found (the handshake, the GET, the answer and the
 * close) and gives the body the backend answers with, if it does; the backend logs the request.
 */
function exchange(ctx: RunContext, req: HttpGet, hops: Hop[], port: number, backend: { container: ContainerState; ip: string; from: string } | null): { body: string; head: string } | null {
  const world = ctx.world;
  const clientPort = ephemeralPort(world);
  const text = backend ? body(backend.container, backend.ip, `${backend.from}:${clientPort}`) : null;
  const request = httpRequest(req.hostHeader, req.path, req.userAgent);
  // A closed port answers the SYN with a reset; where the way back is cut, only the SYN-ACK tries it.
  const response = backend ? httpResponse(world.state.now, text!) : port === 80 || hops.length === 0 ? "" : null;
  emitSegments(world, hops, httpSegments(world, clientPort, port, request, response));
  if (!backend) return null;
  recordRequest(backend.container, { at: ctx.now(), client: backend.from, method: "GET", path: req.path, status: 200, bytes: text!.length, userAgent: req.userAgent });
  return { body: text!, head: response!.slice(0, response!.indexOf("\r\n\r\n") + 4) };
}

function throughMesh(ctx: RunContext, req: HttpGet, r: MeshResult, ip: string): HttpOutcome {
  const answer = exchange(ctx, req, r.hops, r.targetPort ?? req.port, r.ok ? { ...r.backend!, from: r.seenFrom! } : null);
  if (r.ok) return { kind: "answered", ...answer!, ip };
  return r.reason === "refused" ? { kind: "refused", ip } : { kind: "timeout", ip };
}

export function httpGet(ctx: RunContext, req: HttpGet): HttpOutcome {
  const world = ctx.world;
  const here = containerOf(ctx);
  if (here) {
    const ip = parseIp(req.name) !== null ? req.name : resolve(world, here.host, here.container, req.name)?.addresses[0];
    if (!ip) return { kind: "unresolved" };
    // Only on --internal networks: no default route, so connect() fails at once.
    if (!onOwnNetwork(world, here.host, here.container, ip) && !hasExternalRoute(world, here.host, here.container)) return { kind: "refused", ip };
    const underlay = Object.values(world.state.hosts).find((h) => h.ip === ip);
    // Out through docker_gwbridge: the node sees the request come from this container's host.
    if (underlay) return throughMesh(ctx, req, meshRequest(world, world.state.hosts[here.host].ip, underlay.name, req.port), ip);
    const d = planRoundTrip(world, here.host, here.container, ip, "tcp");
    const from = d.network ? here.container.addresses[d.network.id] : "";
    const listening = d.ok && d.backend && req.port === 80 ? { ...d.backend, from } : null;
    const answer = exchange(ctx, req, d.hops, req.port, listening);
    if (!d.ok || !d.backend) return d.reason === "no-endpoint" || d.reason === "no-route" ? { kind: "refused", ip } : { kind: "timeout", ip };
    return listening ? { kind: "answered", ...answer!, ip } : { kind: "refused", ip };
  }
  const self = world.state.hosts[ctx.host];
  const target = req.name === "localhost" || req.name === "127.0.0.1" ? self : (world.state.hosts[req.name] ?? Object.values(world.state.hosts).find((h) => h.ip === req.name));
  if (!target) return { kind: "unresolved" };
  return throughMesh(ctx, req, meshRequest(world, self.ip, target.name, req.port), target === self && req.name !== self.ip ? "127.0.0.1" : target.ip);
}

/** `http://name[:port][/path]` (the scheme optional), or null. */
export function parseUrl(url: string): { name: string; port: number; path: string; hostHeader: string } | null {
  const m = /^(?:http:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return null;
  const [, name, portText, pathText] = m;
  return { name, port: portText ? Number(portText) : 80, path: pathText ?? "/", hostHeader: portText ? `${name}:${portText}` : name };
}
