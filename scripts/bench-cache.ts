/**
 * Page cache benchmark (issue 19 figures), on the production build against PostgreSQL:
 *  - throughput and latency of the question page, the home page and a static JS chunk from the same
 *    server, side by side in one run: 20 keep-alive connections for DURATION seconds each, loopback;
 *  - time from a moderator's approval on instance A to the new revision being served by instance A
 *    and by instance B (a second `next start` on the same database).
 * Figures use the median of BENCH_ROUNDS rounds. Writes docs/benchmarks/cache.md.
 *
 *   npx tsx scripts/bench-cache.ts            (builds first if .next is missing)
 *   BENCH_SECONDS=5 npx tsx scripts/bench-cache.ts
 */
import { execSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import postgres from "postgres";
import { z } from "zod";
import { approve, makeModerator, signUp, suggestTitle } from "../e2e/publish";
import { openDb } from "../src/server/db/client";
import { seedContent } from "../src/server/db/seed";

const opts = z
  .object({
    BENCH_SECONDS: z.coerce.number().min(1).max(60).default(10),
    BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(200).default(20),
    /** Rounds of the side-by-side comparison; the figures use the median round (the machine is shared). */
    BENCH_ROUNDS: z.coerce.number().int().min(1).max(9).default(3),
    /** A directory for the two servers' output (discarded when unset). */
    BENCH_SERVER_LOGS: z.string().optional(),
    TEST_PG_URL: z.string().default("postgres://postgres@127.0.0.1:5432/postgres"),
    /** The first of the two servers' ports (the second is the next one up): on a shared machine, your own. */
    BENCH_PORT: z.coerce.number().int().min(1024).max(65534).default(3230),
  })
  .parse(process.env);

const PORTS = [opts.BENCH_PORT, opts.BENCH_PORT + 1];
const bases = PORTS.map((p) => `http://127.0.0.1:${p}`);
const slug = "docker-overlay-network";
const pagePath = `/en/q/${slug}`;
const PUBLICATIONS = 5;

if (!fs.existsSync(".next/BUILD_ID")) execSync("npx next build", { stdio: "inherit" });

interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  bad: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** `connections` keep-alive loops against one URL for `seconds`: requests/s and latency percentiles. */
async function load(url: string, seconds: number, connections: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const times: number[] = [];
  let bad = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      const req = http.get(url, { agent, headers }, (res) => {
        if (res.statusCode !== 200) bad += 1;
        res.on("data", () => {});
        res.on("end", () => {
          times.push(performance.now() - t0);
          resolve();
        });
        res.on("error", reject);
      });
      req.on("error", reject);
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  return { requests: times.length, perSecond: times.length / elapsed, p50: pct(times, 50), p99: pct(times, 99), max: times.at(-1) ?? NaN, bad };
}

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `overlay_bench_cache_${process.pid}`;
  const admin = postgres(opts.TEST_PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(opts.TEST_PG_URL);
  url.pathname = `/${name}`;
  const handle = await openDb({ url: url.toString(), poolMax: 1 });
  await handle.migrate(async (db) => void (await seedContent(db)));
  await handle.close();
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(opts.TEST_PG_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

function start(port: number, databaseUrl: string): ChildProcess {
  const log = opts.BENCH_SERVER_LOGS ? fs.openSync(`${opts.BENCH_SERVER_LOGS}/next-${port}.log`, "w") : "ignore";
  return spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: `bench-${process.pid}-secret-for-this-run-only-0123456789`,
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
    },
    stdio: opts.BENCH_SERVER_LOGS ? ["ignore", log, log] : "ignore",
    detached: true,
  });
}

async function ready(base: string) {
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(base + pagePath)).ok) return;
    } catch {}
    if (i > 120) throw new Error(`${base} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Polls `base + pagePath` until its HTML contains `text`; milliseconds from `since`. */
async function servedAfter(base: string, text: string, since: number): Promise<number> {
  for (;;) {
    const html = await (await fetch(base + pagePath)).text();
    if (html.includes(text)) return performance.now() - since;
    if (performance.now() - since > 10_000) throw new Error(`${base} still serves the old page after 10 s`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const loadBefore = os.loadavg()[0];
const db = await freshDatabase();
const servers = PORTS.map((p) => start(p, db.url));
try {
  await Promise.all(bases.map(ready));
  const [a, b] = bases;

  // A static chunk the page itself loads.
  const html = await (await fetch(a + pagePath)).text();
  const chunk = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  if (!chunk) throw new Error("no static chunk found in the page");

  const chunkBytes = (await (await fetch(a + chunk)).arrayBuffer()).byteLength;
  const pageBytes = Buffer.byteLength(html);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const targets: { name: string; url: string; headers?: Record<string, string> }[] = [
    { name: `question page \`${pagePath}\` (${kb(pageBytes)})`, url: a + pagePath },
    { name: "home page `/en`", url: `${a}/en` },
    { name: `static JS chunk from the same server (${kb(chunkBytes)})`, url: a + chunk },
    // What a browser talking to the server directly asks for: Next then gzips each response.
    { name: "question page, `Accept-Encoding: gzip`", url: a + pagePath, headers: { "accept-encoding": "gzip" } },
  ];
  for (const t of targets) await load(t.url, 1, opts.BENCH_CONNECTIONS, t.headers); // warm-up: cache filled, JIT warm
  // Rounds interleave the targets, so a burst of load from elsewhere hits them all alike.
  const rounds: LoadResult[][] = targets.map(() => []);
  for (let r = 0; r < opts.BENCH_ROUNDS; r += 1) {
    for (const [i, t] of targets.entries()) rounds[i].push(await load(t.url, opts.BENCH_SECONDS, opts.BENCH_CONNECTIONS, t.headers));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const results = targets.map((t, i) => ({
    ...t,
    perSecond: median(rounds[i].map((x) => x.perSecond)),
    p50: median(rounds[i].map((x) => x.p50)),
    p99: median(rounds[i].map((x) => x.p99)),
    max: Math.max(...rounds[i].map((x) => x.max)),
    bad: rounds[i].reduce((n, x) => n + x.bad, 0),
    each: rounds[i].map((x) => `${Math.round(x.perSecond).toLocaleString("en")}/s p99 ${x.p99.toFixed(0)} ms`).join("; "),
  }));

  // Approval on A → served by A and by B.
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  const contributor = await signUp(a, "Bench Contributor");
  const moderator = await signUp(a, "Bench Moderator");
  await makeModerator(sql, moderator);
  await sql.end();
  const lags: { approval: number; a: number; b: number }[] = [];
  for (let i = 0; i < PUBLICATIONS; i += 1) {
    const title = `What is a Docker overlay network? (bench ${process.pid}-${i})`;
    const id = await suggestTitle(a, contributor, slug, "en", title);
    await Promise.all(bases.map((base) => fetch(base + pagePath).then((r) => r.text()))); // both cached
    const t0 = performance.now();
    await approve(a, moderator, id);
    const answered = performance.now();
    const [lagA, lagB] = await Promise.all([servedAfter(a, title, answered), servedAfter(b, title, answered)]);
    lags.push({ approval: answered - t0, a: lagA, b: lagB });
  }

  const [page, , chunkResult] = results;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const ratio = chunkResult.perSecond / page.perSecond;
  const worstLag = Math.max(...lags.flatMap((l) => [l.a, l.b]));
  const worstTotal = Math.max(...lags.flatMap((l) => [l.approval + l.a, l.approval + l.b]));
  const each = (f: (l: (typeof lags)[number]) => number) => lags.map((l) => Math.round(f(l))).join(", ");
  const ok = (b: boolean) => (b ? "ok" : "MISSED");
  const out = `## Page cache (issue 19)

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores shared with other work (1-minute load average ${loadBefore.toFixed(1)} before the run, ${os.loadavg()[0].toFixed(1)} after it: above ${os.cpus().length}, other processes took CPU time from the servers and the load generator), Node ${process.version}, production build (\`next start\`) on PostgreSQL, ${opts.BENCH_CONNECTIONS} keep-alive connections for ${opts.BENCH_SECONDS} s per target over loopback, the load generator in the same machine. Script: \`scripts/bench-cache.ts\`.

Median of ${opts.BENCH_ROUNDS} rounds (each round runs every target once, in this order); every round is listed.

| path | requests/s | p50 | p99 | max | non-200 | rounds |
|---|---|---|---|---|---|---|
${results.map((r) => `| ${r.name} | ${Math.round(r.perSecond).toLocaleString("en")} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.bad} | ${r.each} |`).join("\n")}

| figure | target | measured | |
|---|---|---|---|
| question page throughput | ≥ 1,000 requests/s | ${Math.round(page.perSecond).toLocaleString("en")} requests/s | ${ok(page.perSecond >= 1000)} |
| question page p99 | ≤ 50 ms | ${ms(page.p99)} | ${ok(page.p99 <= 50)} |
| static chunk ÷ question page, requests/s | ≤ 4× | ${ratio.toFixed(2)}× | ${ok(ratio <= 4)} |
| approval answered on instance A → new revision served by A, worst of ${PUBLICATIONS} | ≤ 1 s | ${ms(Math.max(...lags.map((l) => l.a)))} (each: ${each((l) => l.a)} ms) | ${ok(Math.max(...lags.map((l) => l.a)) <= 1000)} |
| approval answered on instance A → new revision served by instance B, worst of ${PUBLICATIONS} | ≤ 1 s | ${ms(Math.max(...lags.map((l) => l.b)))} (each: ${each((l) => l.b)} ms) | ${ok(worstLag <= 1000)} |
| moderator clicks approve → new revision served by A and by B, worst of ${PUBLICATIONS} | — | ${ms(worstTotal)} (approval request alone: ${each((l) => l.approval)} ms) | |

The first three rows are the side-by-side comparison the targets refer to (no \`Accept-Encoding\`, as a
CDN or reverse proxy that compresses itself would ask). The last row shows the price of letting Next
gzip every response of a cached page; behind a compressing proxy or CDN, set \`compress: false\`.
"Served" is the first response containing the new title, polling every 2 ms from the moment the
approval answered; it includes the first render of the new revision on each instance. The last row
adds the approval request itself (session check, the publishing transaction, and the wait for the
signal to go out to the other instances).
`;
  fs.mkdirSync("docs/benchmarks", { recursive: true });
  fs.writeFileSync("docs/benchmarks/cache.md", out);
  console.log(out);
} finally {
  for (const s of servers) {
    try {
      process.kill(-s.pid!, "SIGTERM");
    } catch {}
  }
  await new Promise((r) => setTimeout(r, 500));
  await db.drop();
}
