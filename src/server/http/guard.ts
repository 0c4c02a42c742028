/**
 * Checks every tRPC request passes before tRPC parses it: at most MAX_BATCH calls, a body no larger
 * than MAX_BODY_BYTES (counted while it streams in, whatever Content-Length says), a body tRPC can
 * read (`null` got an internal error message back), and mutations only from this site.
 */
import { env } from "@/env";
import { HTTP_LIMITS } from "@/lib/http-limits";
import { BodyTooLarge, readCapped } from "./body";
import { sameOrigin } from "./origin";

export { HTTP_LIMITS };

/** Origins besides the request's own host that may send mutations (the configured public URL and extras). */
export function allowedOrigins(): string[] {
  const e = env();
  return [...(e.BETTER_AUTH_URL ? [e.BETTER_AUTH_URL] : []), ...e.BETTER_AUTH_TRUSTED_ORIGINS];
}

export class Refused {
  constructor(
    readonly status: number,
    readonly message: string,
  ) {}
}

/** The same error shape tRPC answers with (superjson-wrapped), so the client shows the message. */
export function refusal({ status, message }: Refused, batch: boolean): Response {
  const code = { 400: "BAD_REQUEST", 403: "FORBIDDEN", 413: "PAYLOAD_TOO_LARGE" }[status] ?? "BAD_REQUEST";
  const error = { json: { message, code: -32600, data: { code, httpStatus: status } } };
  return Response.json(batch ? [{ error }] : { error }, { status, headers: { "Cache-Control": "no-store" } });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** tRPC's input envelope with superjson: `{ json, meta? }`, or per call index `{ "0": {…} }` in a batch. */
function readableInput(raw: string, batch: boolean): boolean {
  if (raw.trim() === "") return true;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return false;
  }
  if (!isObject(value)) return false;
  return batch ? Object.values(value).every(isObject) : true;
}

const BAD_BODY = 'The request body must be a JSON object: {"json": <input>} (or one such object per call in a batch).';

/** The request to hand to tRPC (its body already read), or why it is refused. */
export async function guardTrpcRequest(request: Request, endpoint: string): Promise<Request | Refused> {
  const url = new URL(request.url);
  const batch = url.searchParams.get("batch") === "1";
  const paths = url.pathname.slice(endpoint.length + 1).split(",");
  if (paths.length > HTTP_LIMITS.maxBatch) {
    return new Refused(400, `Too many calls in one request: at most ${HTTP_LIMITS.maxBatch}.`);
  }
  // HEAD is a GET without the answer's body (tRPC answers it with 204): it has no request body to read either.
  if (request.method === "GET" || request.method === "HEAD") {
    const input = url.searchParams.get("input");
    return input === null || readableInput(input, batch) ? request : new Refused(400, BAD_BODY);
  }
  if (!sameOrigin(request.headers, allowedOrigins())) {
    return new Refused(403, "Changes are only accepted from this site's own pages.");
  }
  let body: string;
  try {
    body = (await readCapped(request, HTTP_LIMITS.maxBodyBytes)).toString("utf8");
  } catch (error) {
    if (error instanceof BodyTooLarge) return new Refused(413, `The request is too large: at most ${HTTP_LIMITS.maxBodyBytes / 1024} KB.`);
    return new Refused(400, "The request body could not be read.");
  }
  if (!readableInput(body, batch)) return new Refused(400, BAD_BODY);
  return new Request(request.url, { method: request.method, headers: request.headers, body });
}
