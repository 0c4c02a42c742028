/**
 * Web benchmark (issue 2 figures), on the production build:
 *  - JavaScript shipped on the question page's first load (every <script src> in its HTML), raw and gzipped,
 *    and a check that neither xterm nor the simulator is in it;
 *  - server response time of the question page under light load (sequential, then 2 at a time).
 * Runs `next start` on a fresh database on the real PostgreSQL server (or PGlite in memory when the
 * server is not reachable) and writes docs/benchmarks/web.md.
 *
 *   npx tsx scripts/bench-web.ts          (builds first if .next is missing)
 */
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { gzipSync } from "node:zlib";
import postgres from "postgres";

const PORT = 3210;
const base = `http://127.0.0.1:${PORT}`;
const page = "/en/q/docker-overlay-network";
const adminUrl = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

if (!fs.existsSync(".next/BUILD_ID")) execSync("npx next build", { stdio: "inherit" });

async function pgDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch {
    await admin.end();
    return null;
  }
  const name = `overlay_bench_${process.pid}`;
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function timeRequests(n: number, concurrency: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next += 1;
        const t0 = performance.now();
        const res = await fetch(base + page);
        await res.text();
        if (!res.ok) throw new Error(`${page} answered ${res.status}`);
        times.push(performance.now() - t0);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

const db = await pgDatabase();
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  BETTER_AUTH_SECRET: `bench-${process.pid}-secret-for-this-run-only-0123456789`,
  ...(db ? { DATABASE_URL: db.url } : { DATABASE_URL: "", PGLITE_DIR: "memory" }),
};
const server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], { env, stdio: "ignore", detached: true });

try {
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(base + page)).ok) break;
    } catch {}
    if (i > 120) throw new Error("next start did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 500));
  }

  // First-load JavaScript: every script the HTML references.
  const html = await (await fetch(base + page)).text();
  // Modern browsers neither fetch nor run `noModule` scripts (legacy polyfills), so they are not counted.
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  const srcs = tags.filter((t) => !/\bnomodule\b/i.test(t)).map((t) => /\bsrc="([^"]+)"/.exec(t)?.[1]).filter((s): s is string => !!s);
  let raw = 0;
  let gz = 0;
  let forbidden: string[] = [];
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body).length;
    const text = body.toString("utf8");
    if (text.includes("xterm-helper-textarea")) forbidden.push(`${src} contains xterm`);
    if (text.includes("SWMTKN-1")) forbidden.push(`${src} contains the simulator`);
  }
  forbidden = [...new Set(forbidden)];

  await timeRequests(50, 1); // warm-up
  const seq = await timeRequests(300, 1);
  const par = await timeRequests(300, 2);

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const jsOk = gz <= 150 * 1024 && forbidden.length === 0;
  const p50Ok = pct(seq, 50) <= 50;
  const out = `## Web (issue 2)

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Node ${process.version}, production build (\`next start\`), database: ${db ? "PostgreSQL server" : "PGlite in memory"}. Script: \`scripts/bench-web.ts\`.

| figure | target | measured | |
|---|---|---|---|
| question page first-load JS (${srcs.length} scripts), gzipped | ≤ 150 KB | ${kb(gz)} (raw ${kb(raw)}) | ${jsOk ? "ok" : "MISSED"} |
| xterm or simulator in first-load JS | none | ${forbidden.length ? forbidden.join("; ") : "none"} | ${forbidden.length ? "MISSED" : "ok"} |
| question page server response p50, sequential (300 requests) | ≤ 50 ms | ${ms(pct(seq, 50))} (p95 ${ms(pct(seq, 95))}, p99 ${ms(pct(seq, 99))}) | ${p50Ok ? "ok" : "MISSED"} |
| same, 2 concurrent clients | — | p50 ${ms(pct(par, 50))}, p95 ${ms(pct(par, 95))}, p99 ${ms(pct(par, 99))} | |
`;
  fs.mkdirSync("docs/benchmarks", { recursive: true });
  fs.writeFileSync("docs/benchmarks/web.md", out);
  console.log(out);
} finally {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {}
  await db?.drop();
}
