/**
 * Requests answered before Next.js sees them, because Next answers them with a 500 (found by the HTTP
 * fuzz, e2e/http-fuzz.spec.ts) and the proxy runs too late, or not at all, to stop them:
 *
 * - TRACE: Next builds a fetch Request for the proxy and for route handlers, and fetch forbids this
 *   method ("'TRACE' HTTP method is unsupported"), on every path but the prerendered pages. A 405.
 * - A `Next-Action` header: this app defines no Server Actions (a test holds that), and Next, asked to
 *   run one on `/sw.js.rsc` or `/en.rsc`, fails an internal invariant. A 404.
 * - A `Next-Router-State-Tree` header that Next's own parser refuses: Next throws "The router state
 *   header was sent but could not be parsed" from the page render. A 400.
 * - OPTIONS outside the API: for a static route (a share image, the localized manifest) Next's
 *   automatic answer is a 204 it then fails to build from the page cache. The app takes no
 *   cross-origin requests, so the answer is only what is allowed: 204, GET and HEAD. (Under /api/ the
 *   routes are dynamic, and Next's answer lists each one's own methods.)
 *
 * Installed on Node's HTTP server by src/instrumentation-node.ts at start-up, so it covers every path,
 * those the proxy skips included. On a platform that runs the app without `next start`, the platform's
 * server stands in front and this does nothing.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";

export interface EarlyAnswer {
  status: number;
  /** The answer's text (none for a 204). */
  message?: string;
  headers?: Record<string, string>;
}

/** Methods fetch's Request cannot carry (CONNECT never reaches a request handler). */
const UNREPRESENTABLE = new Set(["TRACE", "TRACK"]);

export function answerBeforeNext(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): EarlyAnswer | null {
  if (method && UNREPRESENTABLE.has(method.toUpperCase())) {
    return { status: 405, message: `The ${method} method is not supported.`, headers: { Allow: "GET, HEAD, POST, OPTIONS" } };
  }
  if (method === "OPTIONS" && !/^\/api(?:[/?]|$)/.test(url ?? "/")) {
    return { status: 204, headers: { Allow: "GET, HEAD, OPTIONS" } };
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

function answer(res: ServerResponse, early: EarlyAnswer): void {
  res.writeHead(early.status, {
    ...(early.message === undefined ? {} : { "Content-Type": "text/plain; charset=utf-8" }),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...early.headers,
  });
  res.end(early.message === undefined ? undefined : `${early.message}\n`);
}

const INSTALLED = Symbol.for("overlay-lab.answer-before-next");
type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/** Answers those requests on every HTTP(S) server of this process, before their request listeners run. */
export function installAnswersBeforeNext(prototypes: object[] = [http.Server.prototype, https.Server.prototype]): void {
  for (const proto of prototypes as (Record<symbol, unknown> & { emit: Emit })[]) {
    if (proto[INSTALLED]) continue;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") {
        const [req, res] = args as [IncomingMessage, ServerResponse];
        const early = answerBeforeNext(req.method, req.url, req.headers);
        if (early) {
          req.resume(); // the body, if any, is read and dropped
          answer(res, early);
          return true;
        }
      }
      return emit.call(this, event, ...args);
    };
    proto[INSTALLED] = true;
  }
}
