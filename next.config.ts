import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

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
    "unified",
    "remark-parse",
    "remark-gfm",
    "remark-rehype",
    "rehype-sanitize",
    "rehype-highlight",
    "rehype-stringify",
    "unist-util-visit",
  ],
  poweredByHeader: false,
  // Migrations and seed content are read at run time from the working directory, and so is the
  // Markdown worker thread (src/lib/markdown/render-pool.ts), with the pipeline it loads.
  outputFileTracingIncludes: { "/**": ["./drizzle/**/*", "./content/**/*", "./src/lib/markdown/*.mjs"] },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default createNextIntlPlugin("./src/i18n/request.ts")(config);
