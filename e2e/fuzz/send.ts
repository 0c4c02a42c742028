/**
 * Sends one fuzz request and judges the answer. Most go through Playwright's request fixture; what it
 * cannot send — a path exactly as written (`..`, raw bytes), a chunked body, a body the client gives
 * up on halfway — goes over a plain socket.
 */
import net from "node:net";
import type { APIRequestContext } from "@playwright/test";

export type Role = "anonymous" | "reader" | "moderator" | "throwaway";
export const ROLES: Role[] = ["anonymous", "reader", "moderator"];

export interface Shot {
  /** What is being fuzzed, for the report: a route template, a procedure, an endpoint. */
  label: string;
  role: Role;
  method: string;
  /** Path and query, sent as written. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** "raw": over a socket as written; "chunked": the body in chunks of this many bytes; "abort": half the body, then the client hangs up. */
  transport?: "raw" | "abort" | { chunked: number };
}

export interface Outcome {
  status: number;
  ms: number;
  contentType: string;
  /** The answer's first 64 KB. */
  text: string;
  error?: string;
}

const KEEP = 64 * 1024;

/**
 * A request that could end the session it carries (a random path or method can reach sign-out, revoking
 * sessions, deleting the account…) goes without the reader's or moderator's cookie: they must stay signed in
 * for the final check. The throwaway account takes those requests on purpose.
 */
const SESSION_ENDING_PATH = /\/api\/auth\/.*(sign-?out|revoke|delete-user|change-password|change-email|update-session)/i;
export function sparingSessions(shot: Shot): Shot {
  if (shot.role === "throwaway" || shot.role === "anonymous" || !shot.headers.cookie) return shot;
  let path = shot.path;
  try {
    path = decodeURIComponent(path);
  } catch {
    // a broken escape: judged as written
  }
  if (!SESSION_ENDING_PATH.test(path)) return shot;
  const { cookie: _cookie, ...headers } = shot.headers;
  return { ...shot, headers };
}

/**
 * Playwright adds the cookies earlier answers set (its context keeps a jar) to any request without a
 * cookie header of its own. The fuzz's requests run three at a time: an answer to the moderator could
 * put the moderator's session in the jar, and a cookie-less sign-out sent meanwhile would carry it and
 * end that session. A request carries exactly the cookies its shot says, so an empty header when none.
 */
export function withoutJar(headers: Record<string, string>): Record<string, string> {
  return Object.keys(headers).some((h) => h.toLowerCase() === "cookie") ? headers : { ...headers, cookie: "" };
}

export async function send(request: APIRequestContext, base: string, original: Shot, timeoutMs: number): Promise<Outcome> {
  const shot = sparingSessions(original);
  const started = Date.now();
  if (shot.transport) return sendRaw(base, shot, timeoutMs);
  try {
    const res = await request.fetch(base + shot.path, {
      method: shot.method,
      headers: withoutJar(shot.headers),
      data: shot.method === "GET" || shot.method === "HEAD" ? undefined : shot.body,
      maxRedirects: 0,
      timeout: timeoutMs,
      failOnStatusCode: false,
    });
    const body = await res.body().catch(() => Buffer.alloc(0));
    return { status: res.status(), ms: Date.now() - started, contentType: res.headers()["content-type"] ?? "", text: body.subarray(0, KEEP).toString("utf8") };
  } catch (error) {
    return { status: 0, ms: Date.now() - started, contentType: "", text: "", error: String(error).split("\n")[0] };
  }
}

function sendRaw(base: string, shot: Shot, timeoutMs: number): Promise<Outcome> {
  const { hostname, port } = new URL(base);
  const started = Date.now();
  const body = shot.body === undefined ? Buffer.alloc(0) : Buffer.from(shot.body);
  const transport = shot.transport!;
  const framing =
    typeof transport === "object"
      ? { "transfer-encoding": "chunked" }
      : transport === "abort"
        ? { "content-length": String(body.length * 2 + 1) }
        : shot.body === undefined
          ? {}
          : { "content-length": String(body.length) };
  const head = [
    `${shot.method} ${shot.path} HTTP/1.1`,
    `host: ${hostname}:${port}`,
    "connection: close",
    ...Object.entries({ ...shot.headers, ...framing }).map(([k, v]) => `${k}: ${v}`),
    "",
    "",
  ].join("\r\n");
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const contentType = /\r\ncontent-type: *([^\r\n]*)/i.exec(text)?.[1] ?? "";
      resolve({ status, ms: Date.now() - started, contentType, text: Buffer.from(text, "latin1").toString("utf8"), error: status ? undefined : error ?? "no answer" });
    };
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(head, "latin1");
      if (transport === "abort") {
        socket.write(body);
        // The client gives up with the body half sent: nothing to answer, but the server must carry on.
        setTimeout(() => done("aborted by the fuzz"), 50);
      } else if (typeof transport === "object") {
        for (let at = 0; at < body.length; at += transport.chunked) {
          const part = body.subarray(at, at + transport.chunked);
          socket.write(`${part.length.toString(16)}\r\n`);
          socket.write(part);
          socket.write("\r\n");
        }
        socket.write("0\r\n\r\n");
      } else {
        socket.write(body);
      }
    });
    socket.on("data", (d: Buffer) => {
      if (size < KEEP) chunks.push(d);
      size += d.length;
    });
    // A server may answer and hang up before the whole body is written (a request it refuses early):
    // the write then fails, but the answer has arrived, so the outcome is read when the socket closes.
    let failed: string | undefined;
    socket.on("error", (e) => (failed ??= String(e)));
    socket.on("close", () => done(failed));
    const timer = setTimeout(() => done(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
}

/**
 * What is wrong with an answer, if anything: a server error (also one inside a tRPC batch or stream,
 * whose status says 200 or 207), no answer, a slow answer, or a stack trace in an API's answer.
 */
export function problems(shot: Shot, o: Outcome, limitMs: number): string[] {
  if (shot.transport === "abort") return [];
  const found: string[] = [];
  // A server that refuses a request early (a malformed one over a socket, or one too large: a 431 for
  // an address past 16 KB, a 413 for a body past its cap) may hang up while the request is still being
  // written, and the reset can swallow its answer: not a fault, as long as it goes on answering (fire()
  // checks that after every hang-up).
  if (o.error && !(hungUp(o) && (shot.transport || oversize(shot)))) found.push(`no answer: ${o.error}`);
  if (o.status >= 500) found.push(`answered ${o.status}`);
  if (o.ms > limitMs) found.push(`took ${o.ms} ms (limit ${limitMs})`);
  if (/INTERNAL_SERVER_ERROR|"httpStatus":5\d\d/.test(o.text)) found.push("a server error inside the answer");
  if (!o.contentType.startsWith("text/html") && /\.next\/server|node_modules\/|\n\s+at \S+ \(.*:\d+:\d+\)/.test(o.text)) found.push("a stack trace in the answer");
  return found;
}

/** The server closed the connection before (or instead of) answering. */
export const hungUp = (o: Outcome) => /EPIPE|ECONNRESET/.test(o.error ?? "");
/** Larger than the server reads: Node's 16 KB of address and headers, the app's body caps (1 MB for tRPC, 2 MB for images). */
export const oversize = (s: Shot) =>
  s.path.length + Object.values(s.headers).reduce((n, v) => n + v.length, 0) > 16 * 1024 || (s.body?.length ?? 0) > 1024 * 1024;

/** One line that says what was sent, enough to send it again by hand. */
export function describeShot(s: Shot): string {
  const body = s.body === undefined ? "" : ` body(${s.body.length})=${JSON.stringify(String(s.body).slice(0, 300))}`;
  const headers = Object.entries(s.headers)
    .filter(([k]) => k !== "cookie" || !/session_token=[A-Za-z0-9]/.test(s.headers.cookie))
    .map(([k, v]) => `${k}: ${v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v}`)
    .join(" | ");
  return `[${s.label}] as ${s.role}: ${s.method} ${s.path.length > 300 ? `${s.path.slice(0, 300)}…(${s.path.length})` : s.path}${s.transport ? ` via ${JSON.stringify(s.transport)}` : ""} {${headers}}${body}`;
}
