import createMiddleware from "next-intl/middleware";
import { routing } from "./i18n/routing";

// Locale routing: `/` → `/en` or `/uk` (cookie, then Accept-Language), and every page under a locale.
export default createMiddleware(routing);

export const config = {
  // Not for the public pages (/en, /uk, /<locale>/q/<slug>; see src/lib/public-pages.ts): their path
  // already names the locale, they render statically (the proxy's request headers never reach them),
  // and skipping it keeps a cache hit cheap and the per-visitor locale cookie off shared responses.
  matcher: "/((?!api|trpc|_next|_vercel|.*\\..*|(?:en|uk)(?:/q/[^/]+)?/?$).*)",
};
