import path from "node:path";
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSeedQuestions, type LocaleText, type SeedQuestion } from "../content/load";
import { seedContent } from "../db/seed";
import { openDb } from "../db/client";
import { auditLog, contentImports, questionRevisions, questions, suggestions, type Locale } from "../db/schema";
import { testDrivers, type TestDb } from "../db/testing";
import type { SessionUser } from "../api/trpc";
import { CONFLICT_NOTE, prepareContent, REPO_AUTHOR, syncShippedContent } from "./content-sync";
import { getForModeration, queue } from "./moderation";
import { callerAs, createUser, key, published } from "./moderation-testing";
import { history, lockQuestion, publishedRevision } from "./revisions";
import { getTranslationStatus } from "./translations";

const drivers = await testDrivers();
const migrationsFolder = path.join(import.meta.dirname, "../../../drizzle");

/** A small shipped tree (a main question and a follow-up), its slugs prefixed so tests share one database. */
function shipped(prefix: string): SeedQuestion[] {
  const text = (slug: string, locale: Locale) => ({
    title: `${locale} title of ${slug}`,
    shortAnswer: `${locale} short answer of ${slug}`,
    body: `## ${locale} heading\n\n${locale} body of ${slug}.`,
  });
  const q = (slug: string, parent: string | null, position: number): SeedQuestion => ({
    slug,
    parent,
    position,
    locales: { en: text(slug, "en"), uk: text(slug, "uk") },
  });
  return [q(`${prefix}-main`, null, 0), q(`${prefix}-follow`, `${prefix}-main`, 1)];
}

/** A copy of `tree` with one field of one question and locale replaced. */
function edit(tree: SeedQuestion[], slug: string, locale: Locale, field: "title" | "shortAnswer" | "body", value: string): SeedQuestion[] {
  return tree.map((q) => (q.slug === slug ? { ...q, locales: { ...q.locales, [locale]: { ...q.locales[locale], [field]: value } } } : q));
}

describe.each(drivers)("shipped content reaching a running database on $driver", ({ driver, available, create }) => {
  let t: TestDb;
  let mod: SessionUser;
  let author: SessionUser;
  beforeAll(async () => {
    if (!available) return;
    t = await create({ seed: false });
    mod = await createUser(t.db, "moderator", "Mia Moderator");
    author = await createUser(t.db, "contributor", "Olena");
  });
  afterAll(async () => t?.close());

  const idOf = async (slug: string) => (await t.db.select({ id: questions.id }).from(questions).where(eq(questions.slug, slug)))[0].id;
  /** Everything a start-up could write, to show that a second start-up writes nothing. */
  async function counts() {
    const [[r], [a], [s]] = await Promise.all([
      t.db.select({ n: count() }).from(questionRevisions),
      t.db.select({ n: count() }).from(auditLog),
      t.db.select({ n: count() }).from(suggestions),
    ]);
    return { revisions: r.n, audit: a.n, suggestions: s.n };
  }

  it.runIf(available)("seeds an empty database, records what it imported, and a second start-up changes nothing", async () => {
    const tree = shipped("a");
    const first = await prepareContent(t.db, tree);
    expect(first).toEqual({ seeded: true, report: { created: [], published: [], conflicts: [] } });
    const records = await t.db.select().from(contentImports);
    expect(records).toHaveLength(4);
    expect(records.find((r) => r.locale === "uk" && r.questionId === records[0].questionId)).toMatchObject({ suggestionId: null });
    const before = await counts();
    expect(await prepareContent(t.db, tree)).toEqual({ seeded: false, report: { created: [], published: [], conflicts: [] } });
    expect(await counts()).toEqual(before);
  });

  it.runIf(available)("publishes a changed shipped text as a revision from the repository, logged, the other locale marked outdated", async () => {
    const changed = edit(shipped("a"), "a-main", "en", "body", "## en heading\n\nA corrected body.");
    const before = await published(t.db, "a-main", "en");
    const report = await syncShippedContent(t.db, changed);
    expect(report).toEqual({ created: [], published: [{ slug: "a-main", locale: "en", number: 2, changed: ["body"] }], conflicts: [] });

    const now = await published(t.db, "a-main", "en");
    expect(now).toMatchObject({
      number: 2,
      body: "## en heading\n\nA corrected body.",
      title: before.title,
      source: "repo",
      authorName: REPO_AUTHOR,
      authorId: null,
      basedOnRevisionId: before.id,
    });
    const h = await history(t.db, { questionSlug: "a-main", locale: "en", limit: 10 });
    expect(h.items.map((i) => [i.number, i.source, i.changedFields])).toEqual([
      [2, "repo", ["body"]],
      [1, "seed", ["title", "shortAnswer", "body", "image"]],
    ]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.revisionId, now.id));
    expect(audit).toMatchObject([{ action: "repo_update", actorId: null, actorName: REPO_AUTHOR, locale: "en", details: { number: 2, changed: ["body"] } }]);
    // As a moderator's approval would: the Ukrainian body now needs an update, nothing else.
    const uk = await getTranslationStatus(t.db, await idOf("a-main"), "uk");
    expect(uk.fields.map((f) => f.field)).toEqual(["body"]);

    const settled = await counts();
    expect(await syncShippedContent(t.db, changed)).toEqual({ created: [], published: [], conflicts: [] });
    expect(await counts()).toEqual(settled);
  });

  it.runIf(available)("never overwrites a moderator's newer edit: that field goes to the queue as a suggestion, the others are published", async () => {
    const slug = "a-follow";
    const seedBody = (await published(t.db, slug, "uk")).body;
    // A moderator approves a contributor's edit of the Ukrainian answer.
    const base = await published(t.db, slug, "uk");
    const submitted = await callerAs(t.db, author).suggestion.submit({
      questionSlug: slug,
      locale: "uk",
      baseRevisionId: base.id,
      changes: { body: "## uk heading\n\nThe moderator's answer." },
      clientKey: key(),
    });
    await callerAs(t.db, mod).moderation.approve({ id: submitted.suggestion.id });
    const moderated = await published(t.db, slug, "uk");

    // The repository then changes the same answer, and the title.
    let tree = edit(shipped("a"), "a-main", "en", "body", "## en heading\n\nA corrected body.");
    tree = edit(tree, slug, "uk", "body", "## uk heading\n\nThe repository's answer.");
    tree = edit(tree, slug, "uk", "title", "The repository's title");
    const report = await syncShippedContent(t.db, tree);
    expect(report.published).toEqual([{ slug, locale: "uk", number: moderated.number + 1, changed: ["title"] }]);
    expect(report.conflicts).toEqual([{ slug, locale: "uk", suggestionId: expect.any(Number), fields: ["body"] }]);

    const now = await published(t.db, slug, "uk");
    expect(now).toMatchObject({ title: "The repository's title", body: "## uk heading\n\nThe moderator's answer.", source: "repo" });
    const suggestionId = report.conflicts[0].suggestionId;
    const view = await getForModeration(t.db, suggestionId);
    expect(view.suggestion).toMatchObject({ status: "pending", authorName: REPO_AUTHOR, anonymous: false, note: CONFLICT_NOTE, changedFields: ["body"] });
    const inQueue = await queue(t.db, { limit: 50, questionSlug: slug, locale: "uk" });
    expect(inQueue.items).toMatchObject([{ id: suggestionId, authorName: REPO_AUTHOR, anonymous: false, changedFields: ["body"], outdated: true }]);
    // A suggestion sent without an account is still shown as anonymous.
    const anon = await callerAs(t.db, null).suggestion.submit({
      questionSlug: slug,
      locale: "en",
      baseRevisionId: (await published(t.db, slug, "en")).id,
      changes: { title: "An anonymous title" },
      clientKey: key(),
    });
    expect((await queue(t.db, { limit: 50, questionSlug: slug, locale: "en" })).items).toMatchObject([{ id: anon.suggestion.id, anonymous: true }]);
    expect((await getForModeration(t.db, anon.suggestion.id)).suggestion.anonymous).toBe(true);
    // Based on the revision that still had the old shipped answer: the three-way view shows the collision.
    expect(view.base.body).toBe(seedBody);
    expect(view.current.body).toBe("## uk heading\n\nThe moderator's answer.");
    expect(view.proposed.body).toBe("## uk heading\n\nThe repository's answer.");
    expect(view.conflicts).toEqual(["body"]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.suggestionId, suggestionId));
    expect(audit).toMatchObject([{ action: "repo_conflict", actorName: REPO_AUTHOR, details: { changed: ["body"] } }]);

    // Nothing new on the next start-up.
    const settled = await counts();
    expect(await syncShippedContent(t.db, tree)).toEqual({ created: [], published: [], conflicts: [] });
    expect(await counts()).toEqual(settled);

    // A newer shipped answer replaces the waiting suggestion rather than piling up beside it.
    const newer = edit(tree, slug, "uk", "body", "## uk heading\n\nThe repository's second answer.");
    const again = await syncShippedContent(t.db, newer);
    expect(again.published).toEqual([]);
    const pending = await t.db
      .select({ id: suggestions.id, status: suggestions.status, body: suggestions.body })
      .from(suggestions)
      .where(inArray(suggestions.id, [suggestionId, again.conflicts[0].suggestionId]));
    expect(pending.sort((x, y) => x.id - y.id)).toEqual([
      { id: suggestionId, status: "superseded", body: "## uk heading\n\nThe repository's answer." },
      { id: again.conflicts[0].suggestionId, status: "pending", body: "## uk heading\n\nThe repository's second answer." },
    ]);
    expect((await published(t.db, slug, "uk")).body).toBe("## uk heading\n\nThe moderator's answer.");
  });

  it.runIf(available)("leaves both translations in sync when the repository changes them together", async () => {
    const tree = shipped("b");
    await syncShippedContent(t.db, tree);
    let changed = edit(tree, "b-main", "en", "shortAnswer", "A new short answer.");
    changed = edit(changed, "b-main", "uk", "shortAnswer", "Нова коротка відповідь.");
    const report = await syncShippedContent(t.db, changed);
    expect(report.published.map((p) => [p.locale, p.changed])).toEqual([
      ["en", ["shortAnswer"]],
      ["uk", ["shortAnswer"]],
    ]);
    const id = await idOf("b-main");
    expect((await getTranslationStatus(t.db, id, "en")).stale).toBe(false);
    expect((await getTranslationStatus(t.db, id, "uk")).stale).toBe(false);
  });

  it.runIf(available)("creates a question the repository added, under its parent", async () => {
    const tree = shipped("c");
    const report = await syncShippedContent(t.db, tree);
    expect(report.created).toEqual(["c-main", "c-follow"]);
    const [follow] = await t.db.select().from(questions).where(eq(questions.slug, "c-follow"));
    expect(follow.parentId).toBe(await idOf("c-main"));
    expect(await published(t.db, "c-follow", "uk")).toMatchObject({ number: 1, source: "repo", title: tree[1].locales.uk.title });
    expect(await syncShippedContent(t.db, tree)).toEqual({ created: [], published: [], conflicts: [] });
  });

  it.runIf(available)("publishes once when several instances start at once", async () => {
    const tree = shipped("d");
    await syncShippedContent(t.db, tree);
    const changed = edit(tree, "d-main", "uk", "title", "Новий заголовок");
    const reports = await Promise.all([1, 2, 3].map(() => syncShippedContent(t.db, changed)));
    expect(reports.flatMap((r) => r.published)).toEqual([{ slug: "d-main", locale: "uk", number: 2, changed: ["title"] }]);
    const revisions = await t.db
      .select({ n: count() })
      .from(questionRevisions)
      .where(and(eq(questionRevisions.questionId, await idOf("d-main")), eq(questionRevisions.locale, "uk")));
    expect(revisions[0].n).toBe(2);
  });

  it.runIf(available)("brings this repository's own content fixes into a database seeded before them", async () => {
    const current = loadSeedQuestions();
    // The Ukrainian text as it shipped before the typographic apostrophe.
    const older = current.map((q) => ({
      ...q,
      locales: { ...q.locales, uk: Object.fromEntries(Object.entries(q.locales.uk).map(([f, v]) => [f, v.replaceAll("’", "'")])) as LocaleText },
    }));
    const running = await create({ seed: false });
    try {
      await seedContent(running.db, older);
      const { seeded, report } = await prepareContent(running.db, current);
      expect(seeded).toBe(false);
      const touched = current.filter((q) => Object.values(q.locales.uk).some((v) => v.includes("’"))).map((q) => q.slug);
      expect(touched.length).toBeGreaterThan(3);
      expect(report.published.map((p) => [p.slug, p.locale]).sort()).toEqual(touched.map((s) => [s, "uk"]).sort());
      expect(report.conflicts).toEqual([]);
      for (const q of current) {
        const [row] = await running.db.select({ id: questions.id }).from(questions).where(eq(questions.slug, q.slug));
        const uk = await publishedRevision(running.db, row.id, "uk");
        expect(uk).toMatchObject({ title: q.locales.uk.title, shortAnswer: q.locales.uk.shortAnswer, body: q.locales.uk.body });
        expect((await publishedRevision(running.db, row.id, "en"))!.number).toBe(1);
      }
    } finally {
      await running.close();
    }
  });

  // A held row lock would stall PGlite's single connection itself, so this runs against the real server.
  it.runIf(available && driver === "postgres")("takes no lock at a start-up that finds everything already imported", async () => {
    const tree = shipped("f");
    await syncShippedContent(t.db, tree);
    const id = await idOf("f-main");
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // A moderator's publication in progress holds the question's row lock.
    const publication = t.db.transaction(async (tx) => {
      await lockQuestion(tx, id);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    try {
      const outcome = await Promise.race([
        syncShippedContent(t.db, tree),
        new Promise((resolve) => setTimeout(() => resolve("waited for the lock"), 3000)),
      ]);
      expect(outcome).toEqual({ created: [], published: [], conflicts: [] });
    } finally {
      release();
      await publication;
    }
  });

  // Separate processes exist only against the real server (PGlite is one process).
  it.runIf(available && driver === "postgres")("publishes once when separate processes migrate and start at once", async () => {
    const tree = shipped("e");
    await syncShippedContent(t.db, tree);
    const changed = edit(tree, "e-main", "en", "title", "A new title");
    const handles = await Promise.all([1, 2, 3].map(() => openDb({ url: t.url!, poolMax: 2, migrationsFolder })));
    try {
      const results = await Promise.all(
        handles.map(async (h) => {
          let published = 0;
          await h.migrate(async (db) => {
            published = (await prepareContent(db, changed)).report.published.length;
          });
          return published;
        }),
      );
      expect(results.sort()).toEqual([0, 0, 1]);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
    expect(await published(t.db, "e-main", "en")).toMatchObject({ number: 2, title: "A new title" });
  });
});
