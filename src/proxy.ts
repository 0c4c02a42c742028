import createMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "./i18n/routing";
import { cspHeader, makeNonce } from "./lib/csp.mjs";
import { isPublicPagePath } from "./lib/public-pages";

const intl = createMiddleware(routing);

/** Whether every %-escape in the path decodes (Next's router answered 500 to `%E0%A4%A`, with no log). */
export function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** Next reads the nonce for its own scripts from the request's Content-Security-Policy header. */
function withNonce(request: NextRequest): { request: NextRequest; policy: string } {
  const policy = cspHeader({ nonce: makeNonce() }, { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  return { request: new NextRequest(request, { headers }), policy };
}

// Locale routing covers pages only: not the API, Next's own files, or anything with a file extension.
const PAGE = /^\/(?!api(?:\/|$)|trpc(?:\/|$)|_next(?:\/|$)|_vercel(?:\/|$))(?!.*\.)/;

export default function proxy(request: NextRequest) {
  if (!decodablePath(request.nextUrl.pathname)) {
    return new NextResponse("Bad request: the address contains a broken %-escape.\n", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  // `/` → `/en` or `/uk` (cookie, then Accept-Language), and every page under a locale.
  if (!PAGE.test(request.nextUrl.pathname)) return NextResponse.next();
  // Public pages are rendered once and cached for everyone: their policy lists script hashes instead,
  // added as they enter the page cache (src/lib/csp.mjs). Every other page renders per request.
  if (isPublicPagePath(request.nextUrl.pathname)) return intl(request);
  const signed = withNonce(request);
  const response = intl(signed.request);
  response.headers.set("content-security-policy", signed.policy);
  return response;
}

export const config = {
  // Every path but Next's build output (so that a broken address is refused before routing) and the
  // public pages (/en, /uk, /<locale>/q/<slug>, /<locale>/lab; see src/lib/public-pages.ts): their path already names the
  // locale, they render statically (the proxy's request headers never reach them), and skipping it keeps a
  // cache hit cheap and the per-visitor locale cookie off shared responses. A slug with anything but
  // [a-z0-9-] (a %-escape, say) still goes through the proxy and its check. The home's and question pages' share
  // images (/<locale>[/q/<slug>]/opengraph-image/<id>) are public and cached the same way; the lab has none of its
  // own, so /<locale>/lab/… is an unknown address, answered through the proxy (with its policy).
  matcher: "/((?!_next/static|_next/image|(?:en|uk)(?:(?:/q/[a-z0-9-]+)?(?:/opengraph-image/[a-z0-9-]+)?|/lab)/?$).*)",
};
