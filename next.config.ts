import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/**
 * The public pages (home, question pages, both locales) are the same for every visitor, so shared
 * caches may keep them. Briefly: after a publication a CDN serves the old text for about a second
 * (one stale response per edge while it refetches), while the origin answers from its page cache.
 * Browsers always revalidate (max-age=0). Next adds `Vary: rsc, next-router-*` so HTML and RSC
 * payloads are kept apart; nothing varies by cookie.
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-while-revalidate=59";
const publicPages = ["/:locale(en|uk)", "/:locale(en|uk)/q/:slug"];

const config: NextConfig = {
  transpilePackages: ["sim-core"],
  // PGlite loads its WASM and data files relative to its own module: keep it a plain Node package.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Migrations and seed content are read at run time from the working directory.
  outputFileTracingIncludes: { "/**": ["./drizzle/**/*", "./content/**/*"] },
  // Rendered pages live in a per-process page cache that every publication invalidates on every
  // instance through PostgreSQL (src/server/cache/page-cache-handler.mjs).
  cacheHandler: path.resolve("src/server/cache/page-cache-handler.mjs"),
  cacheMaxMemorySize: 0,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      ...publicPages.map((source) => ({ source, headers: [{ key: "Cache-Control", value: PUBLIC_CACHE_CONTROL }] })),
    ];
  },
};

export default createNextIntlPlugin("./src/i18n/request.ts")(config);
