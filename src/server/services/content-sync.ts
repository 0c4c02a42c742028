/**
 * Shipped content reaching a running database. The article lives in Postgres once seeded, so a fix to
 * `content/questions` would otherwise reach only new databases. At start-up (under the migration lock),
 * each question's shipped text is compared, field by field, with what the database last imported from the
 * repository (`content_imports`; for a database seeded before that table existed, the seed revision):
 *
 * - a field the repository changed and nobody edited since is published as a new revision (source `repo`),
 *   through the same `publishLocked` path as a moderator's approval — so the other locale is marked outdated
 *   and anything that hooks publication sees it — and logged in the audit log (`repo_update`);
 * - a field a moderator has edited since is never overwritten: the shipped text goes to the moderation queue
 *   as a suggestion based on the revision that still had the old shipped text, so the three-way view shows
 *   both sides (`repo_conflict`);
 * - the import record then holds the new shipped text, so the next start-up changes nothing.
 *
 * Each question is handled in one transaction holding its row lock and reading its import record inside it:
 * two instances starting at once (even without the migration lock) serialise, and the second finds nothing
 * left to do.
 */
import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { LOCALES, loadSeedQuestions, type Locale, type LocaleText, type SeedQuestion } from "../content/load";
import type { Db } from "../db/client";
import { contentImports, questionRevisions, questions, suggestions, type ContentImport, type QuestionRevision } from "../db/schema";
import { SEED_AUTHOR, seedContent } from "../db/seed";
import { recordAudit } from "./audit";
import type { Field, FieldValues } from "./merge";
import { firstRevision, lockQuestion, publishedRevision, publishLocked, valuesOf } from "./revisions";
import { markPublished } from "./translations";

/** Shipped text changes are authored by the project itself. */
export const REPO_AUTHOR = SEED_AUTHOR;

const TEXT_FIELDS = ["title", "shortAnswer", "body"] as const satisfies readonly Field[];
type TextField = (typeof TEXT_FIELDS)[number];

/** Only moderators read it (the suggestion note is private). */
export const CONFLICT_NOTE =
  "Shipped with a new version of the app: the repository's text of these fields changed, but a moderator " +
  "had edited them since the last import. Compare the three versions, then edit and approve to take the " +
  "repository's text (or a mix of both); reject to keep the published one.";

export interface SyncReport {
  /** Questions that were not in the database yet. */
  created: string[];
  published: { slug: string; locale: Locale; number: number; changed: Field[] }[];
  conflicts: { slug: string; locale: Locale; suggestionId: number; fields: TextField[] }[];
}

type Tx = Db;

const pick = (text: LocaleText, fields: readonly TextField[]): Partial<LocaleText> => Object.fromEntries(fields.map((f) => [f, text[f]]));

async function importRecord(tx: Tx, questionId: number, locale: Locale): Promise<ContentImport | null> {
  const [row] = await tx
    .select()
    .from(contentImports)
    .where(and(eq(contentImports.questionId, questionId), eq(contentImports.locale, locale)));
  return row ?? null;
}

async function saveImport(tx: Tx, row: typeof contentImports.$inferInsert): Promise<void> {
  const { questionId: _q, locale: _l, ...rest } = row;
  await tx
    .insert(contentImports)
    .values(row)
    .onConflictDoUpdate({ target: [contentImports.questionId, contentImports.locale], set: { ...rest, importedAt: new Date() } });
}

/** The newest revision whose `fields` still hold `base`'s values: the honest base of a conflict suggestion. */
async function revisionHolding(tx: Tx, questionId: number, locale: Locale, fields: readonly TextField[], base: LocaleText): Promise<QuestionRevision | null> {
  const rows = await tx
    .select()
    .from(questionRevisions)
    .where(and(eq(questionRevisions.questionId, questionId), eq(questionRevisions.locale, locale)))
    .orderBy(desc(questionRevisions.number))
    .limit(500);
  return rows.find((r) => fields.every((f) => r[f] === base[f])) ?? null;
}

/** A question the database does not have yet: created with the shipped text as its first revisions. */
async function createQuestion(tx: Tx, q: SeedQuestion, report: SyncReport): Promise<void> {
  let parentId: number | null = null;
  if (q.parent !== null) {
    const [parent] = await tx.select({ id: questions.id }).from(questions).where(eq(questions.slug, q.parent));
    if (!parent) throw new Error(`Shipped question ${q.slug} names parent ${q.parent}, which the database does not have`);
    parentId = parent.id;
  }
  const [row] = await tx
    .insert(questions)
    .values({ slug: q.slug, parentId, position: q.position })
    .onConflictDoNothing({ target: questions.slug })
    .returning({ id: questions.id });
  if (!row) return; // Another instance created it a moment ago; its import records come with it.
  await lockQuestion(tx, row.id);
  for (const locale of LOCALES) {
    const text = q.locales[locale];
    const { revision, changed } = await publishLocked(tx, {
      questionId: row.id,
      locale,
      values: { ...text, image: null },
      authorId: null,
      authorName: REPO_AUTHOR,
      source: "repo",
      basedOnRevisionId: null,
    });
    await recordAudit(tx, {
      action: "repo_update",
      actorId: null,
      actorName: REPO_AUTHOR,
      questionId: row.id,
      locale,
      revisionId: revision.id,
      details: { number: revision.number, changed, created: true },
    });
    await saveImport(tx, { questionId: row.id, locale, ...text, revisionId: revision.id, suggestionId: null });
    report.published.push({ slug: q.slug, locale, number: revision.number, changed });
  }
  report.created.push(q.slug);
}

/** One locale of an existing question; returns the fields it published. */
async function syncLocale(tx: Tx, q: SeedQuestion, questionId: number, locale: Locale, report: SyncReport): Promise<Field[]> {
  const shipped = q.locales[locale];
  const record = await importRecord(tx, questionId, locale);
  // Before content_imports existed, what the repository last shipped is the seed revision.
  const seed = record ? null : await firstRevision(tx, questionId, locale);
  const base: LocaleText | null = record ?? (seed?.source === "seed" ? seed : null);
  const current = await publishedRevision(tx, questionId, locale);

  const changedInRepo = TEXT_FIELDS.filter((f) => base?.[f] !== shipped[f]);
  if (changedInRepo.length === 0 || !current) {
    if (!record) await saveImport(tx, { questionId, locale, ...shipped, revisionId: seed?.id ?? null, suggestionId: null });
    return [];
  }

  // The three-way merge of a suggestion, with the last import as its base: a field still holding the old
  // shipped text takes the new one; a field already holding it stays; any other field was edited since (or,
  // without a known base, may have been), so it is queued, never overwritten.
  const clean = changedInRepo.filter((f) => base !== null && current[f] === base[f]);
  const conflicts = changedInRepo.filter((f) => current[f] !== shipped[f] && !clean.includes(f));
  const merged: FieldValues = { ...valuesOf(current), ...pick(shipped, clean) };

  let revisionId = record?.revisionId ?? seed?.id ?? null;
  let published: Field[] = [];
  if (clean.length > 0) {
    const { revision, changed } = await publishLocked(tx, {
      questionId,
      locale,
      values: merged,
      authorId: null,
      authorName: REPO_AUTHOR,
      source: "repo",
      basedOnRevisionId: current.id,
    });
    revisionId = revision.id;
    published = changed;
    await recordAudit(tx, {
      action: "repo_update",
      actorId: null,
      actorName: REPO_AUTHOR,
      questionId,
      locale,
      revisionId: revision.id,
      details: { number: revision.number, previousRevisionId: current.id, changed, keptModeratorEdits: conflicts },
    });
    report.published.push({ slug: q.slug, locale, number: revision.number, changed });
  }

  let suggestionId = record?.suggestionId ?? null;
  if (conflicts.length > 0) {
    // An older shipped change still waiting in the queue is replaced by this one.
    if (suggestionId !== null) {
      await tx
        .update(suggestions)
        .set({ status: "superseded" })
        .where(and(eq(suggestions.id, suggestionId), eq(suggestions.status, "pending")));
    }
    const baseRevision = (base && (await revisionHolding(tx, questionId, locale, conflicts, base))) ?? (await publishedRevision(tx, questionId, locale))!;
    const [row] = await tx
      .insert(suggestions)
      .values({
        questionId,
        locale,
        baseRevisionId: baseRevision.id,
        title: conflicts.includes("title") ? shipped.title : null,
        shortAnswer: conflicts.includes("shortAnswer") ? shipped.shortAnswer : null,
        body: conflicts.includes("body") ? shipped.body : null,
        note: CONFLICT_NOTE,
        authorId: null,
        authorName: REPO_AUTHOR,
        clientKey: randomUUID(),
      })
      .returning({ id: suggestions.id });
    suggestionId = row.id;
    await recordAudit(tx, {
      action: "repo_conflict",
      actorId: null,
      actorName: REPO_AUTHOR,
      questionId,
      locale,
      suggestionId,
      details: { changed: conflicts, currentRevisionId: current.id, baseRevisionId: baseRevision.id },
    });
    report.conflicts.push({ slug: q.slug, locale, suggestionId, fields: conflicts });
  }

  await saveImport(tx, { questionId, locale, ...shipped, revisionId, suggestionId });
  return published;
}

/**
 * Brings every shipped question into the database: new questions are created, changed shipped text becomes
 * revisions or, where a moderator edited the field since, suggestions. Idempotent.
 */
export async function syncShippedContent(db: Db, shipped: SeedQuestion[] = loadSeedQuestions()): Promise<SyncReport> {
  const report: SyncReport = { created: [], published: [], conflicts: [] };
  // The usual start-up finds every shipped text already imported: check that without taking any lock.
  const imported = await db
    .select({ slug: questions.slug, record: contentImports })
    .from(contentImports)
    .innerJoin(questions, eq(questions.id, contentImports.questionId));
  const importedText = new Map(imported.map(({ slug, record }) => [`${slug}/${record.locale}`, record]));
  const upToDate = (q: SeedQuestion) =>
    LOCALES.every((locale) => {
      const record = importedText.get(`${q.slug}/${locale}`);
      return record !== undefined && TEXT_FIELDS.every((f) => record[f] === q.locales[locale][f]);
    });
  // Parents before children, so a new follow-up finds its parent.
  const ordered = [...shipped].sort((a, b) => Number(a.parent !== null) - Number(b.parent !== null) || a.position - b.position);
  for (const q of ordered.filter((q) => !upToDate(q))) {
    await db.transaction(async (tx) => {
      const [row] = await tx.select({ id: questions.id }).from(questions).where(eq(questions.slug, q.slug));
      if (!row) return createQuestion(tx, q, report);
      await lockQuestion(tx, row.id);
      const published = new Map<Locale, Field[]>();
      for (const locale of LOCALES) {
        const changed = await syncLocale(tx, q, row.id, locale, report);
        if (changed.length > 0) published.set(locale, changed);
      }
      // Both translations shipped together are in sync with each other: the later publication marked the
      // earlier locale outdated, so mark the earlier one again against the later one.
      if (published.size === LOCALES.length) await markPublished(tx, row.id, LOCALES[0], published.get(LOCALES[0])!);
    });
  }
  return report;
}

/**
 * What every start-up does after migrating (the app's first request, `npm run db:migrate`): seed an empty
 * database, then bring the shipped content's changes into an existing one.
 */
export async function prepareContent(db: Db, shipped: SeedQuestion[] = loadSeedQuestions()): Promise<{ seeded: boolean; report: SyncReport }> {
  const seeded = await seedContent(db, shipped);
  const report = await syncShippedContent(db, shipped);
  return { seeded, report };
}

export function describeSync({ published, conflicts }: SyncReport): string | null {
  if (published.length + conflicts.length === 0) return null;
  return `Shipped content: ${published.length} revision(s) published, ${conflicts.length} sent to moderation (edited by a moderator since).`;
}
