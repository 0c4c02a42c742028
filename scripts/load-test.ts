/**
 * Load and faults (issue 15): two standalone production servers (`.next/standalone/server.js`) on one
 * PostgreSQL server of this run's own, driven alternately by LOAD_CONNECTIONS concurrent clients, in two runs:
 *
 *   1. steady: question pages (EN and UA), home, quiz and lab pages, the image route, anonymous
 *      suggestion submits, and two moderators deciding (approve, or reject what no longer applies);
 *   2. faults: the same load while PostgreSQL restarts (a third of the way in), and while instance B is
 *      killed with SIGKILL in the middle of an approval (two thirds of the way in), then started again.
 *
 * Clients act as the app's own clients do: a submit that got no answer is sent again with the same
 * client key, a decision that got no answer is retried (on the other instance if one is down). Afterwards
 * the database is compared with what the clients were told: a submit told "saved" with no row is lost,
 * a suggestion decided twice or published as two revisions is duplicated.
 *
 * It ends with one line, alone:
 *   load: <requests> requests, <n> 5xx, <n> lost, <n> duplicated, p99 <ms> ms, recovered after <s> s
 * and exits non-zero unless 5xx (outside the outage), lost and duplicated are 0, no request hung, every
 * request in the outage that needed the database failed fast with 503, the app recovered by itself, and
 * neither server logged an error thrown outside any request (an uncaught exception or unhandled rejection).
 * Writes docs/benchmarks/load.md.
 *
 *   npm run test:load                      (builds first if there is no standalone build)
 *   LOAD_SECONDS=10 LOAD_CONNECTIONS=50 npm run test:load
 *
 * PostgreSQL: a throwaway cluster (initdb) on LOAD_PG_PORT in a temporary directory, so restarting it
 * touches nothing else. Its binaries come from PG_BIN, else `pg_config --bindir`, else
 * /usr/lib/postgresql/<newest>/bin. Run as root, the cluster runs as the `postgres` user.
 */
import { execFile, execFileSync, execSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import sharp from "sharp";
import { promisify } from "node:util";
import { z } from "zod";

const opts = z
  .object({
    LOAD_SECONDS: z.coerce.number().min(3).max(300).default(30),
    LOAD_CONNECTIONS: z.coerce.number().int().min(2).max(500).default(100),
    /** The first server's port; the second is the next one up. */
    LOAD_PORT: z.coerce.number().int().min(1024).max(65000).default(3610),
    LOAD_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(55432),
    PG_BIN: z.string().optional(),
    /** Where to write the report (unset: docs/benchmarks/load.md; "-" for none). */
    LOAD_REPORT: z.string().default("docs/benchmarks/load.md"),
    /** A directory for the servers' output (discarded when unset). */
    LOAD_SERVER_LOGS: z.string().optional(),
  })
  .parse(process.env);

/** A request that takes longer than this has hung. */
const HANG_MS = 10_000;
/**
 * In the outage, requests that need the database fail fast: half of their 503s within this (the rest wait
 * behind the saturated server's queue like any request), and none hangs (HANG_MS).
 */
const FAST_FAIL_MS = 1_000;
const ROOT = process.cwd();
const execFileAsync = promisify(execFile);
const STANDALONE = path.join(ROOT, ".next/standalone");
const PORTS = [opts.LOAD_PORT, opts.LOAD_PORT + 1];
const BASES = PORTS.map((p) => `http://127.0.0.1:${p}`);
const NAMES = ["A", "B"];
const SLUGS = ["docker-overlay-network", "overlay-vs-bridge", "swarm-routing-mesh", "overlay-on-single-host", "overlay-with-docker-run", "overlay-vs-kubernetes-networking"];
const LOCALES = ["en", "uk"] as const;
const t0 = performance.now();
const now = () => performance.now() - t0;
const log = (s: string) => console.log(`[${(now() / 1000).toFixed(1).padStart(6)} s] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── the build ────────────────────────────────────────────────────────────────────────────────────────
function ensureBuild() {
  if (!fs.existsSync(path.join(STANDALONE, "server.js"))) {
    log("no standalone build: building");
    execSync("npx next build", { stdio: "inherit" });
  }
  // The standalone server does not carry the static files or public/ (a CDN or the image's COPY does).
  execFileSync(process.execPath, ["scripts/standalone-assets.mjs"], { stdio: "inherit" });
}

// ── PostgreSQL of our own ───────────────────────────────────────────────────────────────────────────
function pgBin(): string {
  if (opts.PG_BIN) return opts.PG_BIN;
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
    if (fs.existsSync(path.join(dir, "pg_ctl"))) return dir;
  } catch {
    // not on PATH
  }
  const versions = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (fs.existsSync(`/usr/lib/postgresql/${v}/bin/pg_ctl`)) return `/usr/lib/postgresql/${v}/bin`;
  throw new Error("PostgreSQL's server binaries (initdb, pg_ctl) were not found: set PG_BIN.");
}

class Cluster {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "overlay-load-pg-"));
  readonly url = `postgres://postgres@127.0.0.1:${opts.LOAD_PG_PORT}/overlay_load`;
  private readonly bin = pgBin();
  private readonly asRoot = process.getuid?.() === 0;

  /** Runs a PostgreSQL tool without blocking: the clients keep going while the database restarts. */
  private async run(tool: string, args: string[]) {
    const cmd = path.join(this.bin, tool);
    if (this.asRoot) await execFileAsync("runuser", ["-u", "postgres", "--", cmd, ...args]);
    else await execFileAsync(cmd, args);
  }

  async init() {
    if (this.asRoot) execFileSync("chown", ["postgres", this.dir]);
    await this.run("initdb", ["-D", path.join(this.dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    await this.start();
    const sql = postgres(`postgres://postgres@127.0.0.1:${opts.LOAD_PG_PORT}/postgres`, { onnotice: () => {} });
    await sql`create database overlay_load`.finally(() => sql.end());
  }

  start() {
    const o = `-p ${opts.LOAD_PG_PORT} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=100`;
    return this.run("pg_ctl", ["-D", path.join(this.dir, "data"), "-l", path.join(this.dir, "log"), "-o", o, "-w", "start"]);
  }

  /** Stops (fast: open sessions are cut off, as in a failover) and starts again; resolves when it accepts connections. */
  async restart() {
    await this.run("pg_ctl", ["-D", path.join(this.dir, "data"), "-m", "fast", "-w", "stop"]);
    await this.start();
  }

  destroy() {
    try {
      const cmd = path.join(this.bin, "pg_ctl");
      const args = ["-D", path.join(this.dir, "data"), "-m", "immediate", "-w", "stop"];
      if (this.asRoot) execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" });
      else execFileSync(cmd, args, { stdio: "pipe" });
    } catch {
      // already stopped
    }
    if (opts.LOAD_SERVER_LOGS && fs.existsSync(path.join(this.dir, "log"))) fs.copyFileSync(path.join(this.dir, "log"), path.join(opts.LOAD_SERVER_LOGS, "postgresql.log"));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

// ── the two instances ────────────────────────────────────────────────────────────────────────────────
const SECRET = randomBytes(32).toString("base64url");
const servers: (ChildProcess | null)[] = [null, null];
/** Run as root, the servers run as `nobody`, as the image runs them as an unprivileged user. */
const runAs: { uid?: number; gid?: number } =
  process.getuid?.() === 0 ? { uid: Number(execFileSync("id", ["-u", "nobody"], { encoding: "utf8" })), gid: Number(execFileSync("id", ["-g", "nobody"], { encoding: "utf8" })) } : {};

/** Errors the servers logged as thrown outside any request (Node's uncaught exceptions and unhandled rejections). */
const uncaught: string[] = [];

function startServer(i: number, databaseUrl: string): ChildProcess {
  const log = opts.LOAD_SERVER_LOGS ? fs.openSync(path.join(opts.LOAD_SERVER_LOGS, `server-${NAMES[i]}.log`), "a") : null;
  const child = spawn(process.execPath, ["server.js"], {
    cwd: STANDALONE,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORTS[i]),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: SECRET,
      BETTER_AUTH_URL: BASES[i],
      // One trusted proxy (the default): the clients below each write the address they come from, as a
      // load balancer would, so the per-address limits count each client on its own.
      TRUSTED_PROXIES: "1",
      ANONYMOUS_SUGGESTIONS_PER_HOUR: "100000",
      SIGN_UPS_PER_HOUR: "100000",
    },
    stdio: ["ignore", "pipe", "pipe"],
    // As the Dockerfile runs it: not as root (read-only files, nothing written beside the server).
    ...runAs,
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      if (log !== null) fs.writeSync(log, chunk);
      for (const line of chunk.toString("utf8").split("\n")) if (/uncaughtException|unhandledRejection/.test(line)) uncaught.push(`${NAMES[i]}: ${line.trim()}`);
    });
  }
  servers[i] = child;
  return child;
}

async function waitReady(i: number, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      // Readiness (the database answers: migrated and seeded), then the home page renders.
      const ready = await fetch(`${BASES[i]}/api/health/ready`, { signal: AbortSignal.timeout(10_000) });
      if (ready.ok && (await fetch(`${BASES[i]}/en`, { signal: AbortSignal.timeout(10_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`instance ${NAMES[i]} did not answer /en within ${timeoutMs / 1000} s`);
}

// ── clients ──────────────────────────────────────────────────────────────────────────────────────────
type Kind = "page" | "static-page" | "image" | "list" | "submit" | "decide";
/** Kinds that need the database on every request (pages come from the page cache once rendered). */
const NEEDS_DB: ReadonlySet<Kind> = new Set(["list", "submit", "decide", "image"]);

interface Sample {
  run: 1 | 2;
  kind: Kind;
  instance: number;
  start: number;
  ms: number;
  /** HTTP status, or 0 when the connection failed (the instance was down). */
  status: number;
  message?: string;
}

const samples: Sample[] = [];
let addressSeq = 0;
/** Each anonymous client writes its own address (one trusted proxy), as a load balancer would. */
const clientAddress = () => `10.${(addressSeq >> 16) & 255}.${(addressSeq >> 8) & 255}.${addressSeq++ & 255}`;

const down = new Set<number>();
let run: 1 | 2 = 1;

async function request(kind: Kind, instance: number, url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  const start = now();
  let status = 0;
  let body = "";
  let message: string | undefined;
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(HANG_MS * 2) });
    // An answer counts once it has arrived whole: a connection cut mid-body (a killed instance) is none.
    body = await res.text();
    status = res.status;
    if (status >= 500) message = body.slice(0, 200);
  } catch (error) {
    message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  }
  samples.push({ run, kind, instance, start, ms: now() - start, status, message });
  return { status, body };
}

/** The instance for the next request: alternately, skipping one that is down. */
let turn = 0;
function pick(): number {
  const i = turn++ % 2;
  return down.has(i) ? 1 - i : i;
}

const trpcQuery = (procedure: string, input: unknown) => `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

async function trpcMutation(kind: Kind, instance: number, procedure: string, input: unknown, headers: Record<string, string>) {
  const res = await request(kind, instance, `${BASES[instance]}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASES[instance], ...headers },
    body: JSON.stringify({ json: input }),
  });
  let parsed: { result?: { data: { json: unknown } }; error?: { json: { message: string; data?: { code?: string } } } } = {};
  try {
    parsed = JSON.parse(res.body);
  } catch {
    // not JSON (a connection failure or a proxy's page)
  }
  return { status: res.status, data: parsed.result?.data.json, error: parsed.error?.json };
}

interface Told {
  /** Submits the client was told were saved: client key → suggestion id. */
  saved: Map<string, number>;
  /** Decisions the client was told were made: suggestion id → decision. */
  decided: Map<number, "approve" | "reject">;
  /** Suggestions (ids) saved and not yet decided: the moderators' queue, as they see it. */
  pending: number[];
}
const told: Told = { saved: new Map(), decided: new Map(), pending: [] };
let baseRevisions = new Map<string, number>();

async function readBaseRevisions(instance: number) {
  const next = new Map<string, number>();
  for (const slug of SLUGS) {
    for (const locale of LOCALES) {
      const res = await fetch(`${BASES[instance]}${trpcQuery("question.bySlug", { slug, locale })}`);
      const body = (await res.json()) as { result?: { data: { json: { revision: { id: number } } } } };
      if (!body.result) throw new Error(`question.bySlug(${slug}, ${locale}) answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
      next.set(`${slug}/${locale}`, body.result.data.json.revision.id);
    }
  }
  baseRevisions = next;
}

/** An anonymous reader suggests a note on a random question; resent with the same key until answered. */
async function submit(stop: () => boolean) {
  const slug = SLUGS[Math.floor(Math.random() * SLUGS.length)];
  const locale = LOCALES[Math.floor(Math.random() * 2)];
  const clientKey = randomUUID();
  const address = clientAddress();
  const input = {
    questionSlug: slug,
    locale,
    baseRevisionId: baseRevisions.get(`${slug}/${locale}`),
    changes: { title: `Load ${clientKey.slice(0, 8)}: overlay networks across hosts` },
    note: `load test ${clientKey}`,
    clientKey,
  };
  for (let attempt = 0; attempt < 40 && !stop(); attempt++) {
    const i = pick();
    const res = await trpcMutation("submit", i, "suggestion.submit", input, { "x-forwarded-for": address });
    if (res.status === 200) {
      const id = (res.data as { suggestion: { id: number } }).suggestion.id;
      const before = told.saved.get(clientKey);
      if (before !== undefined && before !== id) throw new Error(`a resubmit of ${clientKey} was told ${id}, first ${before}`);
      told.saved.set(clientKey, id);
      told.pending.push(id);
      return;
    }
    // Refused for a reason that resending will not change: stop.
    if (res.status >= 400 && res.status < 500 && res.status !== 429) return;
    await sleep(250 + attempt * 100);
  }
}

/** A moderator decides the oldest suggestion they know of: approve, or reject when it no longer applies. */
async function decide(moderator: { cookie: string }, stop: () => boolean) {
  const id = told.pending.shift();
  if (id === undefined) return void (await sleep(50));
  let verb: "approve" | "reject" = "approve";
  for (let attempt = 0; attempt < 40 && !stop(); attempt++) {
    const i = killTarget === "armed" ? 1 : pick();
    const input = verb === "approve" ? { id } : { id, reasonCode: "duplicate" };
    const pendingRes = trpcMutation("decide", i, `moderation.${verb}`, input, { cookie: moderator.cookie });
    if (killTarget === "armed" && i === 1) {
      killTarget = "sent";
      killInFlight = pendingRes;
    }
    const res = await pendingRes;
    if (res.status === 200) {
      told.decided.set(id, verb);
      return;
    }
    const msg = res.error?.message ?? "";
    // Decided already: by this moderator's earlier attempt whose answer was lost, or by the other one.
    if (res.status === 409 && /already/.test(msg)) return;
    if (res.status === 409 && verb === "approve") {
      verb = "reject";
      attempt--;
      continue;
    }
    if (res.status >= 400 && res.status < 500 && res.status !== 429) return;
    await sleep(250 + attempt * 100);
  }
  // Not decided in this run: back to the queue (the check afterwards reads the database).
  told.pending.push(id);
}

let killTarget: "idle" | "armed" | "sent" | "done" = "idle";
let killInFlight: Promise<unknown> | null = null;
let imagePath = "";

async function reader() {
  const r = Math.random();
  const i = pick();
  if (r < 0.7) {
    const slug = SLUGS[Math.floor(Math.random() * SLUGS.length)];
    const locale = LOCALES[Math.floor(Math.random() * 2)];
    const p = Math.random() < 0.1 ? `/${locale}` : `/${locale}/q/${slug}`;
    await request("page", i, BASES[i] + p);
  } else if (r < 0.8) {
    const p = ["/en/quiz", "/uk/quiz", "/en/lab", "/uk/lab"][Math.floor(Math.random() * 4)];
    await request("static-page", i, BASES[i] + p);
  } else if (r < 0.9) {
    await request("image", i, BASES[i] + imagePath);
  } else {
    await request("list", i, BASES[i] + trpcQuery("question.list", { locale: LOCALES[Math.floor(Math.random() * 2)] }));
  }
}

async function drive(seconds: number, moderators: { cookie: string }[], during?: (elapsed: () => number) => Promise<void>) {
  const started = Date.now();
  const end = started + seconds * 1000;
  const stop = () => Date.now() >= end;
  const clients = Array.from({ length: opts.LOAD_CONNECTIONS - moderators.length }, async (_, c) => {
    while (!stop()) {
      // One client in ten is a contributor submitting; the rest read.
      if (c % 10 === 0) await submit(stop);
      else await reader();
    }
  });
  const mods = moderators.map(async (m) => {
    while (!stop()) await decide(m, stop);
  });
  const faults = during ? during(() => Date.now() - started) : Promise.resolve();
  await Promise.all([...clients, ...mods, faults]);
}

// ── the check afterwards ─────────────────────────────────────────────────────────────────────────────
async function reconcile(sql: postgres.Sql) {
  const keys = [...told.saved.keys()];
  const rows = keys.length ? await sql<{ client_key: string; id: number; n: number }[]>`
    select client_key, min(id) as id, count(*)::int as n from suggestions where client_key = any(${keys}::uuid[]) group by client_key` : [];
  const found = new Map(rows.map((r) => [String(r.client_key), r]));
  let lost = 0;
  let duplicated = 0;
  const problems: string[] = [];
  for (const [key, id] of told.saved) {
    const row = found.get(key);
    if (!row) {
      lost++;
      problems.push(`submit ${key} was told saved as #${id}; no such row`);
    } else if (row.n > 1) {
      duplicated += row.n - 1;
      problems.push(`submit ${key} has ${row.n} rows`);
    } else if (Number(row.id) !== id) problems.push(`submit ${key} was told #${id}; the row is #${row.id}`);
  }
  const decidedIds = [...told.decided.keys()];
  const state = decidedIds.length
    ? await sql<{ id: number; status: string; published_revision_id: number | null }[]>`select id, status, published_revision_id from suggestions where id = any(${decidedIds}::int[])`
    : [];
  const byId = new Map(state.map((s) => [Number(s.id), s]));
  for (const [id, verb] of told.decided) {
    const s = byId.get(id);
    const want = verb === "approve" ? "approved" : "rejected";
    if (!s || (s.status !== want && !(verb === "reject" && s.status === "approved"))) {
      lost++;
      problems.push(`suggestion #${id} was told ${verb}d; it is ${s?.status ?? "missing"}`);
    } else if (verb === "approve" && s.published_revision_id === null) {
      lost++;
      problems.push(`suggestion #${id} was told approved; no revision is recorded`);
    }
  }
  // Every suggestion decided at most once (audit log), and every publication one revision.
  const twice = await sql<{ suggestion_id: number; n: number }[]>`
    select suggestion_id, count(*)::int as n from audit_log
    where action in ('approve', 'edit_approve', 'reject') and suggestion_id is not null
    group by suggestion_id having count(*) > 1`;
  for (const t of twice) {
    duplicated += t.n - 1;
    problems.push(`suggestion #${t.suggestion_id} was decided ${t.n} times`);
  }
  const [pub] = await sql<{ approvals: number; revisions: number }[]>`
    select (select count(*)::int from suggestions where status = 'approved') as approvals,
           (select count(*)::int from question_revisions where source <> 'seed' and source <> 'repo') as revisions`;
  if (pub.revisions > pub.approvals) {
    duplicated += pub.revisions - pub.approvals;
    problems.push(`${pub.revisions} revisions published for ${pub.approvals} approvals`);
  }
  return { lost, duplicated, problems, approvals: pub.approvals };
}

// ── figures ──────────────────────────────────────────────────────────────────────────────────────────
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

async function main() {
  ensureBuild();
  const cluster = new Cluster();
  const cleanup = () => {
    for (const s of servers) s?.kill("SIGKILL");
    cluster.destroy();
  };
  process.on("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  let exitCode = 1;
  try {
    await cluster.init();
    log(`PostgreSQL on port ${opts.LOAD_PG_PORT}; starting A and B (they migrate and seed together, under the migration lock)`);
    startServer(0, cluster.url);
    startServer(1, cluster.url);
    await Promise.all([waitReady(0), waitReady(1)]);
    const sql = postgres(cluster.url, { max: 2, onnotice: () => {} });

    // Two moderators (signed up through the app, the role granted as `npm run user:create` would).
    const moderators = [];
    for (const i of [0, 1]) {
      const email = `moderator-${i}-${randomUUID().slice(0, 8)}@example.test`;
      const res = await fetch(`${BASES[i]}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASES[i], "x-forwarded-for": clientAddress() },
        body: JSON.stringify({ name: `Moderator ${NAMES[i]}`, email, password: `pw-${randomUUID()}` }),
      });
      if (!res.ok) throw new Error(`sign-up answered ${res.status}`);
      await sql`update "user" set role = 'moderator' where email = ${email}`;
      moderators.push({ cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") });
    }
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "load.png");
    const up = await fetch(`${BASES[0]}/api/images`, { method: "POST", body: form, headers: { origin: BASES[0], cookie: moderators[0].cookie } });
    if (!up.ok) throw new Error(`image upload answered ${up.status}: ${await up.text()}`);
    imagePath = ((await up.json()) as { url: string }).url;
    await readBaseRevisions(0);

    // Warm both instances' page caches, as a deployment's first visitors would.
    for (const i of [0, 1]) for (const slug of SLUGS) for (const l of LOCALES) await fetch(`${BASES[i]}/${l}/q/${slug}`);

    // ── run 1: steady ──
    log(`run 1: ${opts.LOAD_CONNECTIONS} clients for ${opts.LOAD_SECONDS} s against A and B alternately`);
    run = 1;
    await drive(opts.LOAD_SECONDS, moderators);

    // ── run 2: a database restart, then an instance killed mid-approval ──
    log(`run 2: the same, with PostgreSQL restarted and instance B killed mid-approval`);
    run = 2;
    const outage = { from: 0, dbBack: 0 };
    let killAt = 0;
    let bBack = 0;
    await drive(opts.LOAD_SECONDS, moderators, async (elapsed) => {
      while (elapsed() < (opts.LOAD_SECONDS * 1000) / 3) await sleep(50);
      outage.from = now();
      log("PostgreSQL: restarting (fast shutdown)");
      await cluster.restart();
      outage.dbBack = now();
      log(`PostgreSQL: accepting connections again after ${((outage.dbBack - outage.from) / 1000).toFixed(1)} s`);
      while (elapsed() < (opts.LOAD_SECONDS * 2000) / 3) await sleep(50);
      killTarget = "armed";
      while (killTarget === "armed" && elapsed() < opts.LOAD_SECONDS * 1000) await sleep(1);
      // The approval is on the wire to B: kill B before it can answer.
      await sleep(2);
      killAt = now();
      servers[1]?.kill("SIGKILL");
      down.add(1);
      log("instance B killed with SIGKILL during an approval");
      killTarget = "done";
      await killInFlight;
      startServer(1, cluster.url);
      await waitReady(1);
      down.delete(1);
      bBack = now();
      log(`instance B started again: serving after ${((bBack - killAt) / 1000).toFixed(1)} s`);
    });
    log("runs over; comparing the database with what the clients were told");

    // Recovered: from the restart until the start of the last request answered 5xx; every request started
    // after that was answered, by the app on its own. The outage window runs from the restart to the end of
    // the last such answer: failures in it must be 503s, and fast.
    let recoveredAt = outage.from;
    let windowEnd = outage.from;
    for (const s of samples) {
      if (s.run !== 2 || s.start + s.ms < outage.from || s.status < 500) continue;
      recoveredAt = Math.max(recoveredAt, s.start);
      windowEnd = Math.max(windowEnd, s.start + s.ms);
    }
    const recoveredS = (recoveredAt - outage.from) / 1000;
    const inOutage = (s: Sample) => s.run === 2 && s.start + s.ms >= outage.from && s.start <= windowEnd;
    // Requests to B while it was down are connection failures (status 0), not answers.
    const answered = samples.filter((s) => s.status !== 0);
    const outside = answered.filter((s) => !inOutage(s));
    const fiveXX = outside.filter((s) => s.status >= 500);
    const outageDb = answered.filter((s) => inOutage(s) && NEEDS_DB.has(s.kind));
    const outageNot503 = outageDb.filter((s) => s.status >= 500 && s.status !== 503);
    const outage503 = outageDb.filter((s) => s.status === 503).map((s) => s.ms).sort((a, b) => a - b);
    const outageFastP50 = pct(outage503, 50);
    const outageSlow = outageFastP50 > FAST_FAIL_MS ? outageDb.filter((s) => s.status === 503 && s.ms > FAST_FAIL_MS) : [];
    const hung = samples.filter((s) => s.ms > HANG_MS);
    const connFailedLive = samples.filter((s) => s.status === 0 && !(s.instance === 1 && s.start + s.ms >= killAt - 5 && s.start <= bBack));

    const { lost, duplicated, problems, approvals } = await reconcile(sql);
    await sql.end();

    const sorted = outside.map((s) => s.ms).sort((a, b) => a - b);
    const p99 = pct(sorted, 99);
    const total = samples.length;
    const ok =
      fiveXX.length === 0 &&
      lost === 0 &&
      duplicated === 0 &&
      hung.length === 0 &&
      outageNot503.length === 0 &&
      outageSlow.length === 0 &&
      connFailedLive.length === 0 &&
      recoveredS < 30 &&
      uncaught.length === 0;

    // ── report ──
    const perInstance = (r: 1 | 2) =>
      [0, 1].map((i) => {
        const xs = samples.filter((s) => s.run === r && s.instance === i && s.status !== 0);
        const ms = xs.map((s) => s.ms).sort((a, b) => a - b);
        return `| ${r === 1 ? "steady" : "faults"} | ${NAMES[i]} | ${xs.length} | ${(xs.length / opts.LOAD_SECONDS).toFixed(0)} | ${pct(ms, 50).toFixed(1)} | ${pct(ms, 99).toFixed(1)} | ${xs.filter((s) => s.status >= 500).length} |`;
      });
    const kinds = (["page", "static-page", "image", "list", "submit", "decide"] as Kind[]).map((k) => {
      const xs = outside.filter((s) => s.kind === k);
      const ms = xs.map((s) => s.ms).sort((a, b) => a - b);
      return `| ${k} | ${xs.length} | ${pct(ms, 50).toFixed(1)} | ${pct(ms, 99).toFixed(1)} | ${xs.filter((s) => s.status >= 400 && s.status < 500).length} |`;
    });
    const outageCodes = new Map<number, number>();
    for (const s of answered.filter(inOutage)) outageCodes.set(s.status, (outageCodes.get(s.status) ?? 0) + 1);
    const outageMax = Math.max(0, ...outageDb.map((s) => s.ms));
    const line = `load: ${total} requests, ${fiveXX.length} 5xx, ${lost} lost, ${duplicated} duplicated, p99 ${p99.toFixed(0)} ms, recovered after ${recoveredS.toFixed(1)} s`;
    const report = `## Load and faults: two instances on one PostgreSQL (issue 15)

Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by \`npm run test:load\` on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}:
two standalone servers (\`node .next/standalone/server.js\`) on one PostgreSQL server, ${opts.LOAD_CONNECTIONS} concurrent
clients on loopback alternating between them, ${opts.LOAD_SECONDS} s per run; clients, servers and database share the cores
(load average at the end: ${os.loadavg().map((n) => n.toFixed(1)).join(", ")}). One client in ten submits suggestions
(anonymous, each from its own address), the others read: question pages and home (70 %), quiz and lab pages (10 %), an
uploaded image (10 %), \`question.list\` (10 %); two moderators decide every saved suggestion as it arrives.

\`${line}\` — ${ok ? "**passed**" : "**FAILED**"}

| run | instance | requests | per second | p50 ms | p99 ms | 5xx |
|---|---|---|---|---|---|---|
${[...perInstance(1), ...perInstance(2)].join("\n")}

Outside the outage, by kind (both runs):

| kind | requests | p50 ms | p99 ms | refused (4xx) |
|---|---|---|---|---|
${kinds.join("\n")}

### Faults (run 2)

- PostgreSQL restarted (fast shutdown) at ${(outage.from / 1000).toFixed(1)} s; it accepted connections again ${((outage.dbBack - outage.from) / 1000).toFixed(1)} s later.
  Every request started **${recoveredS.toFixed(1)} s** after the restart began, or later, was answered: the app recovered by itself.
- In the outage window: ${[...outageCodes].sort((a, b) => a[0] - b[0]).map(([c, n]) => `${n} × ${c}`).join(", ") || "no requests"}.
  Requests that needed the database and failed: ${outageDb.filter((s) => s.status >= 500).length}, all 503: ${outageNot503.length === 0 ? "yes" : `no (${outageNot503.length} others)`}; their p50 ${outageFastP50.toFixed(0)} ms
  (fail fast: ≤ ${FAST_FAIL_MS} ms), the slowest ${outageMax.toFixed(0)} ms (no request may take over ${HANG_MS / 1000} s).
- Instance B was killed (SIGKILL) with an approval in flight at ${(killAt / 1000).toFixed(1)} s, and started again; it served after ${((bBack - killAt) / 1000).toFixed(1)} s.
  Meanwhile its clients went to A; the approval was retried and counted once.
- Told saved: ${told.saved.size} suggestions; told decided: ${told.decided.size} (${approvals} approvals published in all).
  Lost: ${lost}. Duplicated: ${duplicated}. Hung (> ${HANG_MS / 1000} s): ${hung.length}.
- Errors the servers threw outside any request (uncaught exceptions, unhandled rejections): ${uncaught.length}.${uncaught.length ? `\n  ${uncaught.slice(0, 5).join("\n  ")}` : ""}
${problems.length ? "\nProblems:\n\n" + problems.slice(0, 20).map((p) => `- ${p}`).join("\n") + "\n" : ""}`;
    if (opts.LOAD_REPORT !== "-") {
      fs.mkdirSync(path.dirname(opts.LOAD_REPORT), { recursive: true });
      fs.writeFileSync(opts.LOAD_REPORT, report);
    }
    console.log(report);
    if (!ok) {
      for (const s of [...fiveXX, ...outageNot503, ...outageSlow, ...hung, ...connFailedLive].slice(0, 15))
        console.log(`  ${s.kind} on ${NAMES[s.instance]} at ${(s.start / 1000).toFixed(1)} s: ${s.status} in ${s.ms.toFixed(0)} ms ${s.message ?? ""}`);
    }
    if (!ok || process.env.LOAD_TIMELINE) {
      // Second by second: answers by status, and the median time of the requests that started in it.
      const bySecond = new Map<number, Sample[]>();
      for (const s of samples) bySecond.set(Math.floor(s.start / 1000), [...(bySecond.get(Math.floor(s.start / 1000)) ?? []), s]);
      for (const [sec, xs] of [...bySecond].sort((a, b) => a[0] - b[0])) {
        const codes = new Map<number, number>();
        for (const x of xs) codes.set(x.status, (codes.get(x.status) ?? 0) + 1);
        const med = pct(xs.map((x) => x.ms).sort((a, b) => a - b), 50);
        console.log(`  ${String(sec).padStart(4)} s  ${[...codes].map(([c, n]) => `${c}×${n}`).join(" ").padEnd(30)} median ${med.toFixed(0)} ms`);
      }
    }
    console.log(line);
    exitCode = ok ? 0 : 1;
  } finally {
    cleanup();
  }
  process.exit(exitCode);
}

void main().catch((error) => {
  console.error(error);
  for (const s of servers) s?.kill("SIGKILL");
  process.exit(1);
});
