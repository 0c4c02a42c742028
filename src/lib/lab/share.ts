/**
 * Share links: seed, node count and command log, compressed (deflate-raw through CompressionStream) and
 * base64url-encoded into the URL fragment (`#s=…`), which never reaches the server. Decoding refuses
 * anything malformed with a message, and the lab shows the commands before replaying them.
 */
import * as z from "zod/mini";
import { MAX_NODES, sessionCoreSchema, type SessionCore } from "./protocol";

export const SHARE_PARAM = "s";
/** Browsers and chat tools cut longer addresses; the fragment stays under this. */
export const MAX_SHARE_LENGTH = 16_000;
/** A link inflating to more than this is refused before it is parsed. */
const MAX_INFLATED = 1_000_000;

/**
 * Compact wire form: [version, seed, nodes, [[paneNumber, line, at, abortAt?, cols?], …]]; abortAt is null
 * when only cols follows it. Links made before cols was kept decode as they did.
 */
const wireSchema = z.tuple([
  z.literal(1),
  z.string(),
  z.number(),
  z.array(
    z.union([
      z.tuple([z.number(), z.string(), z.number()]),
      z.tuple([z.number(), z.string(), z.number(), z.number()]),
      z.tuple([z.number(), z.string(), z.number(), z.nullable(z.number()), z.number()]),
    ]),
  ),
]);

export type SharedSession = SessionCore;

export type DecodeResult = { ok: true; session: SharedSession } | { ok: false; error: "malformed" | "too-large" };

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError("too large");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The fragment value for a session, or null when it would be longer than a link can carry. */
export async function encodeShare(session: SessionCore): Promise<{ ok: true; value: string } | { ok: false; length: number }> {
  const wire = [1, session.seed, session.nodes, session.log.map((e) => {
    const pane = Number(e.pane.slice(5));
    if (e.cols !== undefined) return [pane, e.line, e.at, e.abortAt ?? null, e.cols];
    return e.abortAt === undefined ? [pane, e.line, e.at] : [pane, e.line, e.at, e.abortAt];
  })];
  const bytes = await pipe(new TextEncoder().encode(JSON.stringify(wire)), new CompressionStream("deflate-raw"));
  const value = toBase64Url(bytes);
  return value.length > MAX_SHARE_LENGTH ? { ok: false, length: value.length } : { ok: true, value };
}

export async function decodeShare(value: string): Promise<DecodeResult> {
  if (value.length > MAX_SHARE_LENGTH) return { ok: false, error: "too-large" };
  const bytes = fromBase64Url(value);
  if (!bytes || bytes.length === 0) return { ok: false, error: "malformed" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await pipe(bytes, new DecompressionStream("deflate-raw"), MAX_INFLATED));
  } catch (e) {
    return { ok: false, error: e instanceof RangeError ? "too-large" : "malformed" };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: "malformed" };
  }
  const wire = wireSchema.safeParse(json);
  if (!wire.success) return { ok: false, error: "malformed" };
  const [, seed, nodes, entries] = wire.data;
  const session = sessionCoreSchema.safeParse({
    seed,
    nodes,
    log: entries.map(([pane, line, at, abortAt, cols]) => ({
      pane: `node-${pane}`,
      line,
      at,
      ...(abortAt === undefined || abortAt === null ? {} : { abortAt }),
      ...(cols === undefined ? {} : { cols }),
    })),
  });
  if (!session.success) return { ok: false, error: "malformed" };
  if (session.data.log.some((e) => Number(e.pane.slice(5)) > session.data.nodes || Number(e.pane.slice(5)) > MAX_NODES)) return { ok: false, error: "malformed" };
  // Entries must be in the order they started: virtual time never runs backwards.
  if (session.data.log.some((e, i, all) => i > 0 && e.at < all[i - 1].at)) return { ok: false, error: "malformed" };
  return { ok: true, session: session.data };
}

