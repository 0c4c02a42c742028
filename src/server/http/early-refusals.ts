/**
 * Requests refused before Next.js sees them, because Next answers them with a 500 (found by the HTTP
 * fuzz, e2e/http-fuzz.spec.ts) and the proxy runs too late, or not at all, to stop them:
 *
 * - TRACE: Next builds a fetch Request for the proxy and for route handlers, and fetch forbids this
 *   method ("'TRACE' HTTP method is unsupported"), on every path but the prerendered pages.
 * - A `Next-Action` header: this app defines no Server Actions (a test holds that), and Next, asked to
 *   run one on `/sw.js.rsc` or `/en.rsc`, fails an internal invariant.
 * - A `Next-Router-State-Tree` header that Next's own parser refuses: Next throws "The router state
 *   header was sent but could not be parsed" from the page render.
 *
 * Installed on Node's HTTP server by src/instrumentation-node.ts at start-up, so it covers every path,
 * those the proxy skips included. On a platform that runs the app without `next start`, the platform's
 * server stands in front and this does nothing.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";

export interface EarlyRefusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

/** Methods fetch's Request cannot carry (CONNECT never reaches a request handler). */
const UNREPRESENTABLE = new Set(["TRACE", "TRACK"]);

export function earlyRefusal(method: string | undefined, headers: IncomingHttpHeaders): EarlyRefusal | null {
  if (method && UNREPRESENTABLE.has(method.toUpperCase())) {
    return { status: 405, message: `The ${method} method is not supported.`, headers: { Allow: "GET, HEAD, POST, OPTIONS" } };
  }
  if (headers["next-action"] !== undefined) {
    return { status: 404, message: "Not found: this site has no server actions." };
  }
  const tree = headers["next-router-state-tree"];
  if (tree !== undefined) {
    try {
      parseAndValidateFlightRouterState(tree);
    } catch {
      return { status: 400, message: "Bad request: the Next-Router-State-Tree header could not be read." };
    }
  }
  return null;
}

function answer(res: ServerResponse, refusal: EarlyRefusal): void {
  res.writeHead(refusal.status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...refusal.headers,
  });
  res.end(`${refusal.message}\n`);
}

const INSTALLED = Symbol.for("overlay-lab.early-refusals");
type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/** Answers refused requests on every HTTP(S) server of this process, before their request listeners run. */
export function installEarlyRefusals(prototypes: object[] = [http.Server.prototype, https.Server.prototype]): void {
  for (const proto of prototypes as (Record<symbol, unknown> & { emit: Emit })[]) {
    if (proto[INSTALLED]) continue;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") {
        const [req, res] = args as [IncomingMessage, ServerResponse];
        const refusal = earlyRefusal(req.method, req.headers);
        if (refusal) {
          req.resume(); // the body, if any, is read and dropped
          answer(res, refusal);
          return true;
        }
      }
      return emit.call(this, event, ...args);
    };
    proto[INSTALLED] = true;
  }
}
