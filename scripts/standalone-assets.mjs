// Completes the self-contained server after `next build`: `.next/standalone` holds server.js and the
// traced node_modules, but not the static files (`.next/static`) or `public/`, which a CDN may serve
// instead. Copies both in, so `npm start` (node .next/standalone/server.js) serves everything.
// The Dockerfile does the same with COPY.
import fs from "node:fs";
import path from "node:path";

const standalone = path.join(".next", "standalone");
if (!fs.existsSync(path.join(standalone, "server.js"))) {
  console.error("No standalone build (.next/standalone/server.js): run `npm run build` first.");
  process.exit(1);
}
fs.cpSync(path.join(".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
fs.cpSync("public", path.join(standalone, "public"), { recursive: true });
