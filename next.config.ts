import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { PUBLIC_CACHE_CONTROL, PUBLIC_PAGE_SOURCES, SHARE_IMAGE_SOURCES } from "./src/lib/public-pages";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const config: NextConfig = {
  transpilePackages: ["sim-core"],
  // PGlite loads its WASM and data files relative to its own module: keep it a plain Node package.
  serverExternalPackages: [
    "@electric-sql/pglite",
    // The Markdown worker thread loads the pipeline (src/lib/markdown/pipeline.mjs) outside the bundle,
    // so these must stay real packages that file tracing copies into a deployment.
    "markdown-it",
    "markdown-it-footnote",
    "highlight.js",
  ],
  // A self-contained server (.next/standalone/server.js) for the Node deployment; see README, Deployment.
  output: "standalone",
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc --noEmit, tests and scripts included) before it builds;
  // it sets this so the build does not check the same files a second time. Every other build checks.
  typescript: { ignoreBuildErrors: process.env.BUILD_TYPES_CHECKED === "1" },
  // Next would hash the whole HTML of a cached page on every request to make an ETag (a large share
  // of a cache hit's CPU, measured); shared caches revalidate public pages on s-maxage instead.
  generateEtags: false,
  // The service worker's source (src/app/sw.js/route.ts) and the share images' fonts are read at run time too.
  // Migrations and seed content are read at run time from the working directory, and so is the
  // Markdown worker thread (src/lib/markdown/render-pool.ts), with the pipeline it loads.
  outputFileTracingIncludes: { "/**": ["./drizzle/**/*", "./content/**/*", "./src/lib/markdown/*.mjs", "./src/lib/offline/service-worker.js", "./src/assets/fonts/*"] },
  // Rendered pages live in a per-process page cache that every publication invalidates on every
  // instance through PostgreSQL (src/server/cache/page-cache-handler.mjs).
  cacheHandler: path.resolve("src/server/cache/page-cache-handler.mjs"),
  cacheMaxMemorySize: 0,
  experimental: {
    // The browser's router keeps prefetched static pages for 5 minutes by default; a publication
    // should reach readers who navigate client-side within the shortest time Next allows.
    staleTimes: { static: 30 },
    // Every <script> Next writes carries an integrity hash, which the Content-Security-Policy of a
    // cached page lists instead of a nonce (src/lib/csp.ts).
    sri: { algorithm: "sha256" },
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      ...[...PUBLIC_PAGE_SOURCES, ...SHARE_IMAGE_SOURCES].map((source) => ({ source, headers: [{ key: "Cache-Control", value: PUBLIC_CACHE_CONTROL }] })),
    ];
  },
};

export default createNextIntlPlugin("./src/i18n/request.ts")(config);
