/**
 * TCP as it crosses the wire for one HTTP request: Linux's handshake (MSS for the overlay MTU, SACK,
 * timestamps, window scale 7), the request, the response, and the client's close — or a reset when
 * nothing listens on the port. Sequence numbers, timestamps and the client port come from the world's
 * RNG, so a seed gives the same capture every time. The segments travel the hops a round trip found.
 */
import type { World } from "../engine/world";
import { OVERLAY_MTU } from "./networks";
import type { Hop, TcpSegment } from "../model/packet";

/** Linux advertises MTU − 40 (1410 on an overlay) and a first window of 46 segments. */
export const OVERLAY_MSS = OVERLAY_MTU - 40;
const SYN_WINDOW = OVERLAY_MSS * 46;
/** The server's SYN-ACK window: 46 segments of the MSS less the 12 bytes of timestamps. */
const SYN_ACK_WINDOW = (OVERLAY_MSS - 12) * 46;
/** Windows after the handshake, scaled by 2^7 as tcpdump prints them. */
const CLIENT_WINDOW = 507;
const SERVER_WINDOW = 503;
export const WINDOW_SCALE = 7;

export type { TcpSegment };

export interface Leg {
  toServer: boolean;
  seg: TcpSegment;
}

/** Linux's ephemeral port range, 32768–60999. */
export const ephemeralPort = (world: World) => 32768 + world.rng.int(28232);

const u32 = (n: number) => n >>> 0;

/** The segments of one request/response exchange, in wire order; `response` null means the port is closed. */
export function httpSegments(world: World, clientPort: number, serverPort: number, request: string, response: string | null): Leg[] {
  const isnC = world.rng.int(2 ** 32);
  const tsC = world.rng.int(2 ** 31);
  const c = (flags: string, seq: number, ack: number, payload = ""): Leg => ({
    toServer: true,
    seg: { sport: clientPort, dport: serverPort, seq: u32(seq), ack: u32(ack), flags, win: flags === "S" ? SYN_WINDOW : CLIENT_WINDOW, ts: { val: tsC, ecr: flags === "S" ? 0 : tsS }, payload },
  });
  let tsS = 0;
  if (response === null) {
    return [c("S", isnC, 0), { toServer: false, seg: { sport: serverPort, dport: clientPort, seq: 0, ack: u32(isnC + 1), flags: "R.", win: 0, payload: "" } }];
  }
  const isnS = world.rng.int(2 ** 32);
  tsS = world.rng.int(2 ** 31);
  const s = (flags: string, seq: number, ack: number, payload = ""): Leg => ({
    toServer: false,
    seg: { sport: serverPort, dport: clientPort, seq: u32(seq), ack: u32(ack), flags, win: flags === "S." ? SYN_ACK_WINDOW : SERVER_WINDOW, ts: { val: tsS, ecr: tsC }, payload },
  });
  const q = request.length;
  const r = response.length;
  return [
    c("S", isnC, 0),
    s("S.", isnS, isnC + 1),
    c(".", isnC + 1, isnS + 1),
    c("P.", isnC + 1, isnS + 1, request),
    s(".", isnS + 1, isnC + 1 + q),
    s("P.", isnS + 1, isnC + 1 + q, response),
    c(".", isnC + 1 + q, isnS + 1 + r),
    c("F.", isnC + 1 + q, isnS + 1 + r),
    s("F.", isnS + 1 + r, isnC + 2 + q),
    c(".", isnC + 2 + q, isnS + 2 + r),
  ];
}

/**
 * Announces every segment along the way the round trip found: client-to-server segments take its
 * outbound hops, the others its way back. Where a direction never arrives (a firewall, no peer, no
 * endpoint), the exchange stops after the first segment that tried it — as a SYN that is never answered.
 */
export function emitSegments(world: World, hops: readonly Hop[], legs: readonly Leg[]): void {
  const arrival = hops.findIndex((h) => h.action === "deliver");
  const out = arrival < 0 ? hops : hops.slice(0, arrival + 1);
  const back = arrival < 0 ? [] : hops.slice(arrival + 1);
  const arrives = (way: readonly Hop[]) => way.some((h) => h.action === "deliver");
  for (const { toServer, seg } of legs) {
    const way = toServer ? out : back;
    for (const hop of way) world.emit({ type: "packet.hop", at: world.state.now, hop: { ...hop, inner: { src: hop.inner.src, dst: hop.inner.dst, protocol: "tcp", tcp: seg } } });
    if (!arrives(way)) return;
  }
}

/** What curl sends. */
export const httpRequest = (host: string, path: string, agent: string) => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${agent}\r\nAccept: */*\r\n\r\n`;

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** An HTTP date (RFC 7231 IMF-fixdate). */
export function httpDate(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

/** The server's answer, headers in the order a Go server (whoami) writes them. */
export const httpResponse = (at: number, body: string) =>
  `HTTP/1.1 200 OK\r\nDate: ${httpDate(at)}\r\nContent-Length: ${body.length}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`;
