/**
 * Benchmark of the suggest/moderate back end against the real PostgreSQL server (TEST_PG_URL or
 * postgres://postgres@127.0.0.1:5432/postgres), in a database it creates and drops.
 *
 *   npx tsx scripts/bench-suggest.ts [--seconds 10] [--concurrency 16] [--queue-rows 100000]
 *
 * 1. Sustained submissions through the whole tRPC caller stack (zod, rate limits, pending cap,
 *    idempotency lookup, insert), compared with a bare `postgres` insert of the same row.
 * 2. The moderation queue's first page (with counts) with 100,000 pending suggestions.
 * Writes docs/benchmarks/moderation.md.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

// The server modules import "server-only": resolved to an empty module here (scripts/allow-server-only.mjs),
// before the app's modules are loaded.
await import("./allow-server-only.mjs");
const { createCaller } = await import("../src/server/api/root");
const { openDb } = await import("../src/server/db/client");
const { createUser, FIXTURE, published, seedFixture } = await import("../src/server/services/moderation-testing");

const { values: opts } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "16" },
    "queue-rows": { type: "string", default: "100000" },
    out: { type: "string", default: "docs/benchmarks/moderation.md" },
  },
});
const SECONDS = Number(opts.seconds);
const CONCURRENCY = Number(opts.concurrency);
const QUEUE_ROWS = Number(opts["queue-rows"]);
const POOL = 10;

const adminUrl = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `overlay_bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n: number) => n.toFixed(2);

interface Run {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Runs `op` from `concurrency` workers for `seconds`; latency per call in ms. */
async function sustained(op: (i: number) => Promise<unknown>, seconds: number, concurrency: number): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const i = next++;
        const t0 = performance.now();
        await op(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, seconds: elapsed, perSecond: latencies.length / elapsed, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), max: latencies[latencies.length - 1] };
}

async function timed(op: () => Promise<unknown>, times: number) {
  const latencies: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await op();
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return { p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), max: latencies[latencies.length - 1] };
}

/** The 1-, 5- and 15-minute load averages: other work on the same cores shows up in every figure. */
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(", ");
const loads: Record<"start" | "submitted" | "queued", string> = { start: load(), submitted: "", queued: "" };

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const handle = await openDb({ url: url.toString(), poolMax: POOL });
const bare = postgres(url.toString(), { max: POOL, prepare: false, onnotice: () => {} });
try {
  await migrate(handle.db as never, { migrationsFolder: path.join(import.meta.dirname, "../drizzle") });
  await seedFixture(handle.db);
  const db = handle.db;
  const base = await published(db, FIXTURE.main.slug, "en");
  const [{ version }] = await bare`select current_setting('server_version') as version`;

  // --- 1. submissions ------------------------------------------------------------------------
  const body = `${base.body}\n\nA contributor's extra paragraph about VXLAN on UDP 4789 and the gossip on 7946.\n`;
  const submit = (i: number) =>
    createCaller({ db, user: null, ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, headers: new Headers() }).suggestion.submit({
      questionSlug: FIXTURE.main.slug,
      locale: "en",
      baseRevisionId: base.id,
      changes: { title: `${base.title} (${i})`, body },
      note: "Benchmark note",
      clientKey: randomUUID(),
    });
  await sustained(submit, 2, CONCURRENCY); // warm-up
  const stack = await sustained(submit, SECONDS, CONCURRENCY);

  const insertBare = () => bare`
    insert into suggestions (question_id, locale, base_revision_id, title, body, note, author_name, author_ip_hash, client_key)
    values (${base.questionId}, 'en', ${base.id}, ${base.title + " (bare)"}, ${body}, 'Benchmark note', 'Anonymous',
            ${"0".repeat(64)}, ${randomUUID()})`;
  await sustained(insertBare, 2, CONCURRENCY);
  const bareRun = await sustained(insertBare, SECONDS, CONCURRENCY);

  loads.submitted = load();

  // --- 2. the queue with QUEUE_ROWS pending ----------------------------------------------------
  await bare`delete from suggestions`;
  const [q2] = await bare`select id from questions where slug = ${FIXTURE.followUp.slug}`;
  const [b2] = await bare`select id from question_revisions where question_id = ${q2.id} and locale = 'uk' and is_published`;
  await bare`
    insert into suggestions (question_id, locale, base_revision_id, title, body, note, author_name, author_ip_hash, client_key, status, created_at)
    select case when g % 3 = 0 then ${q2.id}::int else ${base.questionId}::int end,
           (case when g % 3 = 0 then 'uk' else 'en' end)::locale,
           case when g % 3 = 0 then ${b2.id}::int else ${base.id}::int end,
           'Queued title ' || g, ${body}, case when g % 5 = 0 then 'note ' || g end, 'Anonymous', md5(g::text) || md5(g::text),
           gen_random_uuid(), 'pending', now() - make_interval(secs => ${QUEUE_ROWS}::int - g)
    from generate_series(1, ${QUEUE_ROWS}) g`;
  // Decided suggestions too, so the pending ones are a subset like in real life.
  await bare`
    insert into suggestions (question_id, locale, base_revision_id, title, author_name, client_key, status, reason_code)
    select ${base.questionId}::int, 'en', ${base.id}::int, 'Old ' || g, 'Anonymous', gen_random_uuid(), 'rejected', 'spam'
    from generate_series(1, ${Math.round(QUEUE_ROWS / 2)}) g`;
  await bare`vacuum analyze suggestions`;
  const moderator = await createUser(db, "moderator", "Bench Moderator");
  const modCaller = createCaller({ db, user: moderator, ip: "127.0.0.1", headers: new Headers() });
  const first = await modCaller.moderation.queue({ limit: 20 });
  if (first.counts.total !== QUEUE_ROWS || first.items.length !== 20) throw new Error(`queue returned ${first.counts.total} pending / ${first.items.length} items`);
  await timed(() => modCaller.moderation.queue({ limit: 20 }), 20);
  const queueFirst = await timed(() => modCaller.moderation.queue({ limit: 20 }), 300);
  const deep = await modCaller.moderation.queue({ limit: 20, cursor: first.items[19].id + Math.round(QUEUE_ROWS / 2) });
  const queueDeep = await timed(() => modCaller.moderation.queue({ limit: 20, cursor: first.items[19].id + Math.round(QUEUE_ROWS / 2) }), 100);
  const queueFiltered = await timed(() => modCaller.moderation.queue({ limit: 20, questionSlug: FIXTURE.followUp.slug, locale: "uk" }), 100);
  // The queue page's other filters: one question (a third of the pending rows), one locale, and a
  // question in a locale where nothing is pending (every pending row is skipped unless an index says so).
  const queueByQuestion = await timed(() => modCaller.moderation.queue({ limit: 20, questionSlug: FIXTURE.followUp.slug }), 100);
  const queueByLocale = await timed(() => modCaller.moderation.queue({ limit: 20, locale: "uk" }), 100);
  const empty = await modCaller.moderation.queue({ limit: 20, questionSlug: FIXTURE.main.slug, locale: "uk" });
  if (empty.items.length !== 0) throw new Error("the main question has pending suggestions in UA");
  const queueEmpty = await timed(() => modCaller.moderation.queue({ limit: 20, questionSlug: FIXTURE.main.slug, locale: "uk" }), 100);
  if (deep.items.length !== 20) throw new Error("deep page is short");

  loads.queued = load();
  const [{ countRows }] = await bare`select count(*)::int as "countRows" from suggestion_queue_counts`;

  // --- report ------------------------------------------------------------------------------------
  const pass = (ok: boolean) => (ok ? "✅ meets" : "❌ misses");
  const row = (label: string, r: Run) => `| ${label} | ${r.count} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} |`;
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const busy = Object.values(loads).some((l) => Number(l.split(",")[0]) > os.cpus().length);
  const report = `# Suggest and moderate: benchmark

Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by \`npx tsx scripts/bench-suggest.ts\` on this machine:
${os.cpus().length} cores (${cpu}), Node ${process.version}, PostgreSQL ${version} on 127.0.0.1 (a fresh database, dropped afterwards).
The client and the server share the same ${os.cpus().length} cores with whatever else runs on the machine: load average
${loads.start} at the start, ${loads.submitted} after the submissions, ${loads.queued} after the queue${busy ? ` (above ${os.cpus().length}: other
processes took CPU time from the server and the callers, so compare figures measured at a similar load)` : ""}. ${CONCURRENCY} concurrent callers, pool of ${POOL} connections, ${SECONDS} s per run after a 2 s warm-up.

## Submitting suggestions

Each call goes through the full tRPC server-side caller: zod validation (caps, control characters, newline
normalisation), the client-key idempotency lookup, question and base-revision checks, the no-change check, the
pending cap, the Postgres rate-limit counter (every call from a different IP, so none is refused), the insert,
and the response view. The bare insert writes the same row with one \`postgres\` statement.

| path | calls | per second | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|---|---|
${row("tRPC \`suggestion.submit\`", stack)}
${row("bare \`postgres\` insert", bareRun)}

- Target ≥ 300/s sustained: ${pass(stack.perSecond >= 300)} (${stack.perSecond.toFixed(0)}/s).
- Target p99 ≤ 100 ms: ${pass(stack.p99 <= 100)} (${ms(stack.p99)} ms).
- Overhead of our stack: the bare insert is **${(bareRun.perSecond / stack.perSecond).toFixed(1)}×** the throughput
  (submit p50 is ${(stack.p50 / bareRun.p50).toFixed(1)}× the bare insert's). A submit makes 8 round trips to
  the database (client-key lookup; base revision with its question and published title; then in one
  transaction: begin, a per-author advisory lock so concurrent submits cannot pass the pending cap, pending count,
  rate-limit upsert, insert, commit) where the bare insert makes one, and the rest is CPU on the same 2 cores
  (validation, query building, HMAC of the IP).
- Every call here suggests an edit of the same question in the same language, and each insert (both paths) adds
  one to that question's pending count at its commit (the trigger on \`suggestions\`), in one of 16 rows picked by
  the suggestion's id, so concurrent inserts seldom wait for each other's row.

## The moderation queue with ${QUEUE_ROWS.toLocaleString("en")} pending suggestions

${QUEUE_ROWS.toLocaleString("en")} pending and ${Math.round(QUEUE_ROWS / 2).toLocaleString("en")} decided suggestions; \`moderation.queue({ limit: 20 })\`
through the caller as a moderator, including the per-question and per-locale counts (${first.counts.total.toLocaleString("en")} pending).
Keyset pagination on the id (partial index \`suggestions_pending_idx\` on id where status = 'pending'; filtered
pages use the partial indexes on question, locale, id; question, id; and locale, id, chosen with the joint statistics
of status, question and locale).

| page | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|
| first page (300 calls) | ${ms(queueFirst.p50)} | ${ms(queueFirst.p95)} | ${ms(queueFirst.p99)} | ${ms(queueFirst.max)} |
| a page half-way through (keyset cursor, 100 calls) | ${ms(queueDeep.p50)} | ${ms(queueDeep.p95)} | ${ms(queueDeep.p99)} | ${ms(queueDeep.max)} |
| first page filtered by question + locale (100 calls) | ${ms(queueFiltered.p50)} | ${ms(queueFiltered.p95)} | ${ms(queueFiltered.p99)} | ${ms(queueFiltered.max)} |
| first page filtered by question (100 calls) | ${ms(queueByQuestion.p50)} | ${ms(queueByQuestion.p95)} | ${ms(queueByQuestion.p99)} | ${ms(queueByQuestion.max)} |
| first page filtered by locale (100 calls) | ${ms(queueByLocale.p50)} | ${ms(queueByLocale.p95)} | ${ms(queueByLocale.p99)} | ${ms(queueByLocale.max)} |
| question + locale with nothing pending (100 calls) | ${ms(queueEmpty.p50)} | ${ms(queueEmpty.p95)} | ${ms(queueEmpty.p99)} | ${ms(queueEmpty.max)} |

- Target first page p95 ≤ 30 ms: ${pass(queueFirst.p95 <= 30)} (${ms(queueFirst.p95)} ms).
- The counts are read from \`suggestion_queue_counts\` (per question, locale and stripe: here ${countRows} rows), which a
  trigger on \`suggestions\` keeps equal to the pending suggestions; the page is an index range scan of 21 rows. Both
  run in parallel; most of what is left is the tRPC caller and the client on the same cores.
`;
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, report);
  console.log(report);
} finally {
  await bare.end({ timeout: 5 });
  await handle.close();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
