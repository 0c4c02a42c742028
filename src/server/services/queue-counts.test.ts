/**
 * The queue's counts are kept by a trigger (migration 0007_queue_counts) instead of being counted on
 * every call. After every kind of change, on both drivers, they must equal a fresh count of the
 * pending suggestions: per stripe in the table, and per question and locale in what the queue returns.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../api/trpc";
import { openDb, type Db } from "../db/client";
import { questionRevisions, questions, suggestionQueueCounts, suggestions, type Locale } from "../db/schema";
import { createPostgresTestDb, testDrivers, type Driver, type TestDb } from "../db/testing";
import { callerAs, createUser, FIXTURE, freshIp, key, published, seedFixture } from "./moderation-testing";
import { failure } from "./trpc-testing";

const drivers = await testDrivers();
const migrationsFolder = path.join(import.meta.dirname, "../../../drizzle");

const stripeOf = sql<number>`suggestion_queue_stripe(${suggestions.id})`.mapWith(Number);

/** The kept rows that count something, and the same rows counted afresh from `suggestions`. */
async function keptAndFresh(db: Db) {
  const kept = await db
    .select({ questionId: suggestionQueueCounts.questionId, locale: suggestionQueueCounts.locale, stripe: suggestionQueueCounts.stripe, n: suggestionQueueCounts.pending })
    .from(suggestionQueueCounts)
    .where(sql`${suggestionQueueCounts.pending} <> 0`)
    .orderBy(asc(suggestionQueueCounts.questionId), asc(suggestionQueueCounts.locale), asc(suggestionQueueCounts.stripe));
  const fresh = await db
    .select({ questionId: suggestions.questionId, locale: suggestions.locale, stripe: stripeOf, n: count() })
    .from(suggestions)
    .where(eq(suggestions.status, "pending"))
    .groupBy(suggestions.questionId, suggestions.locale, stripeOf)
    .orderBy(asc(suggestions.questionId), asc(suggestions.locale), asc(stripeOf));
  return { kept, fresh };
}

/** What the queue's counts must be: the old way, a grouped count over every pending suggestion. */
async function freshQueueCounts(db: Db) {
  const grouped = await db
    .select({ slug: questions.slug, locale: suggestions.locale, n: count() })
    .from(suggestions)
    .innerJoin(questions, eq(questions.id, suggestions.questionId))
    .where(eq(suggestions.status, "pending"))
    .groupBy(questions.slug, suggestions.locale);
  const byQuestion = new Map<string, { questionSlug: string; en: number; uk: number; total: number }>();
  const counts = { total: 0, byLocale: { en: 0, uk: 0 }, byQuestion: [] as { questionSlug: string; en: number; uk: number; total: number }[] };
  for (const g of grouped) {
    counts.total += g.n;
    counts.byLocale[g.locale] += g.n;
    const q = byQuestion.get(g.slug) ?? { questionSlug: g.slug, en: 0, uk: 0, total: 0 };
    q[g.locale] += g.n;
    q.total += g.n;
    byQuestion.set(g.slug, q);
  }
  counts.byQuestion = [...byQuestion.values()].sort((a, b) => b.total - a.total || a.questionSlug.localeCompare(b.questionSlug));
  return counts;
}

async function expectExact(db: Db, moderator: SessionUser) {
  const { kept, fresh } = await keptAndFresh(db);
  expect(kept).toEqual(fresh);
  const [{ lowest }] = await db.select({ lowest: sql<number | null>`min(${suggestionQueueCounts.pending})` }).from(suggestionQueueCounts);
  expect(lowest ?? 0).toBeGreaterThanOrEqual(0);
  const { counts } = await callerAs(db, moderator).moderation.queue({ limit: 1 });
  expect(counts).toEqual(await freshQueueCounts(db));
  return counts.total;
}

describe.each(drivers)("queue counts on $driver", ({ available, create }) => {
  let t: TestDb;
  let mod: SessionUser;
  let mod2: SessionUser;
  let author: SessionUser;
  beforeAll(async () => {
    if (!available) return;
    t = await create({ seed: false });
    await seedFixture(t.db);
    mod = await createUser(t.db, "moderator", "Mia Moderator");
    mod2 = await createUser(t.db, "admin", "Ada Admin");
    author = await createUser(t.db, "contributor", "Olena");
  });
  afterAll(async () => t?.close());

  async function suggest(who: SessionUser | null, slug: string, locale: Locale, changes: Record<string, unknown>) {
    const base = (await published(t.db, slug, locale)).id;
    return (await callerAs(t.db, who).suggestion.submit({ questionSlug: slug, locale, baseRevisionId: base, changes, clientKey: key() })).suggestion.id;
  }

  it.skipIf(!available)("equal a fresh count after submits, approvals, edits, rejections, a resubmission and decisions that are refused", async () => {
    const main = FIXTURE.main.slug;
    const other = FIXTURE.followUp.slug;
    expect(await expectExact(t.db, mod)).toBe(0);

    const a = await suggest(null, main, "en", { title: "Overlay networks, explained" });
    const b = await suggest(author, main, "en", { title: "What an overlay network is" });
    const c = await suggest(author, other, "uk", { shortAnswer: "Bridge — на одному хості." });
    const d = await suggest(null, other, "en", { body: "Bridge is one host; overlay spans many hosts." });
    expect(await expectExact(t.db, mod)).toBe(4);
    // A retried submit (same client key) is the same suggestion, counted once.
    const base = (await published(t.db, main, "uk")).id;
    const retry = { questionSlug: main, locale: "uk" as const, baseRevisionId: base, changes: { title: "Що таке overlay?" }, clientKey: key() };
    const ip = freshIp();
    await callerAs(t.db, null, ip).suggestion.submit(retry);
    await callerAs(t.db, null, ip).suggestion.submit(retry);
    expect(await expectExact(t.db, mod)).toBe(5);

    await callerAs(t.db, mod).moderation.approve({ id: a });
    expect(await expectExact(t.db, mod)).toBe(4);
    // b changed the title a has just replaced: a conflict, refused until the moderator settles it.
    expect((await failure(callerAs(t.db, mod).moderation.approve({ id: b }))).code).toBe("CONFLICT");
    expect(await expectExact(t.db, mod)).toBe(4);
    // The same decision, settled with an edit.
    await callerAs(t.db, mod).moderation.approve({ id: b, edits: { title: "What is an overlay network?" } });
    expect(await expectExact(t.db, mod)).toBe(3);
    // Deciding a decided suggestion again is refused and changes nothing.
    expect((await failure(callerAs(t.db, mod2).moderation.reject({ id: b, reasonCode: "duplicate" }))).code).toBe("CONFLICT");
    expect(await expectExact(t.db, mod)).toBe(3);

    await callerAs(t.db, mod).moderation.reject({ id: c, reasonCode: "unclear" });
    expect(await expectExact(t.db, mod)).toBe(2);
    // Resubmitting: the rejected one is superseded (not pending either way), the new one is pending.
    const again = await callerAs(t.db, author).suggestion.resubmit({
      suggestionId: c,
      baseRevisionId: (await published(t.db, other, "uk")).id,
      changes: { shortAnswer: "Bridge працює на одному хості." },
      clientKey: key(),
    });
    expect(await expectExact(t.db, mod)).toBe(3);

    // A moderator's own suggestion: approving it is refused while another moderator exists (rolled back).
    const own = await suggest(mod, other, "en", { title: "Overlay or bridge?" });
    expect((await failure(callerAs(t.db, mod).moderation.approve({ id: own }))).code).toBe("FORBIDDEN");
    expect(await expectExact(t.db, mod)).toBe(4);
    await callerAs(t.db, mod).moderation.reject({ id: own, reasonCode: "other", reasonText: "Withdrawn." });
    await callerAs(t.db, mod2).moderation.reject({ id: again.suggestion.id, reasonCode: "translation" });
    await callerAs(t.db, mod2).moderation.approve({ id: d });
    expect(await expectExact(t.db, mod)).toBe(1);
  });

  it.skipIf(!available)("equal a fresh count after changes made outside the app: moves, deletes, bulk and rolled-back updates", async () => {
    const [q] = await t.db.select({ id: questions.id }).from(questions).where(eq(questions.slug, FIXTURE.main.slug));
    const en = await published(t.db, FIXTURE.main.slug, "en");
    const uk = await published(t.db, FIXTURE.main.slug, "uk");
    const row = (title: string, status: "pending" | "rejected" = "pending", locale: Locale = "en") => ({
      questionId: q.id,
      locale,
      baseRevisionId: locale === "en" ? en.id : uk.id,
      title,
      authorName: "Script",
      clientKey: key(),
      status,
    });
    // Many rows in one statement, over every stripe.
    const many = await t.db.insert(suggestions).values(Array.from({ length: 40 }, (_, i) => row(`Bulk ${i}`, i % 4 === 0 ? "rejected" : "pending", i % 3 ? "en" : "uk"))).returning({ id: suggestions.id });
    const start = await expectExact(t.db, mod);

    // Moved to another locale and question, pending all along.
    const [followUp] = await t.db.select({ id: questions.id }).from(questions).where(eq(questions.slug, FIXTURE.followUp.slug));
    const fuEn = await published(t.db, FIXTURE.followUp.slug, "en");
    await t.db.update(suggestions).set({ locale: "uk", baseRevisionId: uk.id }).where(eq(suggestions.id, many[1].id));
    await t.db.update(suggestions).set({ questionId: followUp.id, baseRevisionId: fuEn.id }).where(eq(suggestions.id, many[2].id));
    expect(await expectExact(t.db, mod)).toBe(start);
    // Back to pending from a decision, and a decided one changed again (no count involved).
    await t.db.update(suggestions).set({ status: "pending" }).where(eq(suggestions.id, many[0].id));
    await t.db.update(suggestions).set({ status: "superseded" }).where(eq(suggestions.id, many[4].id));
    expect(await expectExact(t.db, mod)).toBe(start + 1);
    // Fields the counts do not depend on.
    await t.db.update(suggestions).set({ note: "seen", authorSeenAt: new Date() }).where(eq(suggestions.questionId, q.id));
    expect(await expectExact(t.db, mod)).toBe(start + 1);
    // Deleted, pending and decided.
    await t.db.delete(suggestions).where(eq(suggestions.id, many[5].id));
    await t.db.delete(suggestions).where(eq(suggestions.id, many[8].id));
    expect(await expectExact(t.db, mod)).toBe(start);

    // In one transaction: inserted then deleted, inserted then decided, decided in bulk.
    await t.db.transaction(async (tx) => {
      const [gone] = await tx.insert(suggestions).values(row("Here and gone")).returning({ id: suggestions.id });
      await tx.delete(suggestions).where(eq(suggestions.id, gone.id));
      const [decided] = await tx.insert(suggestions).values(row("Decided at once")).returning({ id: suggestions.id });
      await tx.update(suggestions).set({ status: "approved" }).where(eq(suggestions.id, decided.id));
      await tx.insert(suggestions).values(row("Kept"));
      await tx.update(suggestions).set({ status: "rejected", reasonCode: "spam" }).where(and(eq(suggestions.questionId, q.id), eq(suggestions.locale, "uk"), eq(suggestions.status, "pending")));
    });
    await expectExact(t.db, mod);
    // A rolled-back transaction changes nothing.
    const before = await expectExact(t.db, mod);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.insert(suggestions).values(row("Rolled back"));
        await tx.update(suggestions).set({ status: "rejected" }).where(eq(suggestions.status, "pending"));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await expectExact(t.db, mod)).toBe(before);
  });

  it.skipIf(!available)("drop a deleted question's counts with it, and start again from zero after a truncate", async () => {
    const [gone] = await t.db.insert(questions).values({ slug: "to-be-deleted", position: 9 }).returning({ id: questions.id });
    const [rev] = await t.db
      .insert(questionRevisions)
      .values({ questionId: gone.id, locale: "en", number: 1, title: "Gone", shortAnswer: "Gone.", body: "Gone.", authorName: "Overlay Lab", source: "seed", isPublished: true })
      .returning({ id: questionRevisions.id });
    await t.db.insert(suggestions).values(Array.from({ length: 20 }, (_, i) => ({ questionId: gone.id, locale: "en" as const, baseRevisionId: rev.id, title: `Soon gone ${i}`, authorName: "Script", clientKey: key() })));
    const withIt = await expectExact(t.db, mod);
    await t.db.delete(questions).where(eq(questions.id, gone.id));
    expect(await expectExact(t.db, mod)).toBe(withIt - 20);
    expect(await t.db.select().from(suggestionQueueCounts).where(eq(suggestionQueueCounts.questionId, gone.id))).toEqual([]);

    // Suggested and deleted in one transaction: the counts change at commit, when the question is gone.
    await t.db.transaction(async (tx) => {
      const [q] = await tx.insert(questions).values({ slug: "here-and-gone", position: 10 }).returning({ id: questions.id });
      const [r] = await tx
        .insert(questionRevisions)
        .values({ questionId: q.id, locale: "uk", number: 1, title: "Мить", shortAnswer: "Мить.", body: "Мить.", authorName: "Overlay Lab", source: "seed", isPublished: true })
        .returning({ id: questionRevisions.id });
      await tx.insert(suggestions).values({ questionId: q.id, locale: "uk", baseRevisionId: r.id, title: "Ненадовго", authorName: "Script", clientKey: key() });
      await tx.delete(questions).where(eq(questions.id, q.id));
    });
    expect(await expectExact(t.db, mod)).toBe(withIt - 20);

    await t.db.execute(sql`truncate ${suggestions} cascade`);
    expect(await expectExact(t.db, mod)).toBe(0);
    await suggest(author, FIXTURE.main.slug, "uk", { title: "Знову з нуля" });
    expect(await expectExact(t.db, mod)).toBe(1);
  });

  it.skipIf(!available)("are what the queue returns: it reads the kept rows, it does not count suggestions", async () => {
    const before = (await callerAs(t.db, mod).moderation.queue({ limit: 1 })).counts.total;
    const [q] = await t.db.select({ id: questions.id }).from(questions).where(eq(questions.slug, FIXTURE.followUp.slug));
    await t.db.insert(suggestionQueueCounts).values({ questionId: q.id, locale: "en", stripe: 99, pending: 1000 });
    try {
      expect((await callerAs(t.db, mod).moderation.queue({ limit: 1 })).counts.total).toBe(before + 1000);
    } finally {
      await t.db.delete(suggestionQueueCounts).where(eq(suggestionQueueCounts.stripe, 99));
    }
  });
});

/** A database migrated up to (not including) `tag`, then written to, then migrated to the end. */
async function migrateAcross(driver: Driver, tag: string, write: (db: Db) => Promise<void>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "overlay-migrations-"));
  const partial = path.join(dir, "drizzle");
  fs.cpSync(migrationsFolder, partial, { recursive: true });
  const journalPath = path.join(partial, "meta/_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalPath, JSON.stringify(journal));

  let close: () => Promise<void>;
  let db: Db;
  if (driver === "pglite") {
    const handle = await openDb({ pgliteDir: "memory", migrationsFolder: partial });
    await handle.migrate();
    db = handle.db;
    await write(db);
    await migratePglite(db as never, { migrationsFolder });
    close = () => handle.close();
  } else {
    // An empty database; the test databases of the other tests are migrated to the end at once.
    const empty = await createPostgresTestDb({ seed: false, migrate: false });
    db = empty.db;
    await migratePostgres(db as never, { migrationsFolder: partial });
    await write(db);
    await migratePostgres(db as never, { migrationsFolder });
    close = () => empty.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { db, close };
}

describe.each(drivers)("the queue counts migration on $driver", ({ driver, available }) => {
  it.skipIf(!available)("backfills the counts of the suggestions already there", async () => {
    const { db, close } = await migrateAcross(driver, "0007_queue_counts", async (db) => {
      await seedFixture(db);
      const main = await published(db, FIXTURE.main.slug, "en");
      const other = await published(db, FIXTURE.followUp.slug, "uk");
      const statuses = ["pending", "pending", "approved", "rejected", "superseded"] as const;
      await db.insert(suggestions).values(
        Array.from({ length: 150 }, (_, i) => {
          const base = i % 3 === 0 ? other : main;
          return { questionId: base.questionId, locale: base.locale, baseRevisionId: base.id, title: `Before the counts ${i}`, authorName: "Script", clientKey: key(), status: statuses[i % statuses.length] };
        }),
      );
    });
    try {
      const moderator = await createUser(db, "moderator");
      expect(await expectExact(db, moderator)).toBe(60);
      // And the triggers run from then on.
      await db.update(suggestions).set({ status: "rejected" }).where(eq(suggestions.title, "Before the counts 0"));
      expect(await expectExact(db, moderator)).toBe(59);
    } finally {
      await close();
    }
  });
});

const pgUp = drivers.find((d) => d.driver === "postgres")?.available ?? false;
describe.runIf(pgUp)("queue counts on postgres under concurrency", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createPostgresTestDb({ seed: false });
    await seedFixture(t.db);
  });
  afterAll(async () => t?.close());

  it("stay exact under concurrent submits and decisions on the same questions, without deadlocks", async () => {
    const mods = [await createUser(t.db, "moderator"), await createUser(t.db, "admin")];
    const targets = [
      [FIXTURE.main.slug, "en"],
      [FIXTURE.main.slug, "uk"],
      [FIXTURE.followUp.slug, "en"],
      [FIXTURE.followUp.slug, "uk"],
    ] as const;
    const bases = await Promise.all(targets.map(([slug, locale]) => published(t.db, slug, locale)));
    const submit = (i: number) => {
      const [slug, locale] = targets[i % targets.length];
      // Each change its own line, so approvals of one question mostly merge instead of conflicting.
      const body = `${bases[i % targets.length].body}\n\nLine ${i}.\n`;
      return callerAs(t.db, null).suggestion.submit({ questionSlug: slug, locale, baseRevisionId: bases[i % targets.length].id, changes: { body }, clientKey: key() });
    };
    const first = await Promise.all(Array.from({ length: 32 }, (_, i) => submit(i)));
    const ids = first.map((r) => r.suggestion.id);

    // Submits, approvals, rejections and a second moderator deciding the same suggestions, all at once.
    const results = await Promise.allSettled([
      ...Array.from({ length: 48 }, (_, i) => submit(100 + i)),
      ...ids.map((id, i) => (i % 2 ? callerAs(t.db, mods[0]).moderation.approve({ id }) : callerAs(t.db, mods[0]).moderation.reject({ id, reasonCode: "unclear" }))),
      ...ids.slice(0, 16).map((id) => callerAs(t.db, mods[1]).moderation.approve({ id })),
    ]);
    const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    // Only refusals a moderator can act on: decided already, or a conflict to settle. Never a deadlock.
    for (const f of failures) expect(f instanceof TRPCError ? f.code : String(f)).toBe("CONFLICT");
    expect(results.length - failures.length).toBeGreaterThan(48 + 16);

    const moderator = mods[0];
    const { kept, fresh } = await keptAndFresh(t.db);
    expect(kept).toEqual(fresh);
    const { counts } = await callerAs(t.db, moderator).moderation.queue({ limit: 1 });
    expect(counts).toEqual(await freshQueueCounts(t.db));
    expect(counts.total).toBeGreaterThanOrEqual(48);
  });
  it("let a submit commit while an approval on its question waits for it (the counts row is locked only at commit)", async () => {
    // An approval updates the suggestion, then locks the question row; a submit holds a share lock on
    // that question (its foreign key) from its insert on. Were the counts row of the approved
    // suggestion locked at its update, a submit counted in the same row would wait for the approval
    // while the approval waited for the submit: a deadlock. The submit here is given an id in the same
    // stripe on purpose.
    const base = await published(t.db, FIXTURE.followUp.slug, "en");
    const [pending] = await t.db
      .insert(suggestions)
      .values({ questionId: base.questionId, locale: "en", baseRevisionId: base.id, title: "To approve", authorName: "Script", clientKey: key() })
      .returning({ id: suggestions.id });
    const client = postgres(t.url!, { max: 2, onnotice: () => {} });
    const [approval, submit] = await Promise.all([client.reserve(), client.reserve()]);
    try {
      await approval`begin`;
      await approval`update suggestions set status = 'approved' where id = ${pending.id}`;
      await submit`begin`;
      const inserted = submit`
        insert into suggestions (id, question_id, locale, base_revision_id, title, author_name, client_key)
        values (${pending.id + 16 * 10_000}, ${base.questionId}, 'en', ${base.id}, 'Sent meanwhile', 'Script', ${key()})`;
      await Promise.race([inserted.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 300))]);
      const locked = approval`select id from questions where id = ${base.questionId} for update`;
      // A transaction the server aborted (a deadlock's victim) keeps its locks until it is rolled back.
      const finish = async (conn: postgres.ReservedSql, step: Promise<unknown>) => {
        try {
          await step;
          await conn`commit`;
        } catch (error) {
          await conn`rollback`;
          throw error;
        }
      };
      const outcomes = await Promise.allSettled([finish(submit, inserted), finish(approval, locked)]);
      expect(outcomes.map((o) => (o.status === "rejected" ? String(o.reason) : o.status))).toEqual(["fulfilled", "fulfilled"]);
    } finally {
      approval.release();
      submit.release();
      await client.end({ timeout: 5 });
    }
    const { kept, fresh } = await keptAndFresh(t.db);
    expect(kept).toEqual(fresh);
  });
});
