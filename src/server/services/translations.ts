/**
 * Translation staleness. For each question, locale and field we remember which revision of the
 * OTHER locale that field was last in sync with (translation_sync). A field is stale when the other
 * locale's published value differs from its value at that revision; the diff between the two is
 * what the translator has to carry over. Without a mark, a field counts as synced with the other
 * locale's first revision (the seed).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { questionRevisions, translationSync, type Locale, type QuestionRevision } from "../db/schema";
import { imageUrls } from "./images";
import { FIELDS, type Field } from "./merge";
import { diffField, firstRevision, publishedRevision, valuesOf, type FieldDiff } from "./revisions";

export const otherLocale = (locale: Locale): Locale => (locale === "en" ? "uk" : "en");

export interface StaleField extends FieldDiff {
  /** The other locale's revision this field was last synced with, and its published one now. */
  since: { revisionId: number; number: number; createdAt: Date };
  now: { revisionId: number; number: number; createdAt: Date };
}

export interface TranslationStatus {
  questionId: number;
  locale: Locale;
  sourceLocale: Locale;
  stale: boolean;
  fields: StaleField[];
}

async function staleFields(db: Db, questionId: number, locale: Locale, withUrls: boolean): Promise<{ source: QuestionRevision | null; fields: StaleField[] }> {
  const source = otherLocale(locale);
  const current = await publishedRevision(db, questionId, source);
  if (!current) return { source: null, fields: [] };
  const marks = await db
    .select({ field: translationSync.field, sourceRevisionId: translationSync.sourceRevisionId })
    .from(translationSync)
    .where(and(eq(translationSync.questionId, questionId), eq(translationSync.locale, locale)));
  const markOf = new Map(marks.map((m) => [m.field, m.sourceRevisionId]));
  const fallback = await firstRevision(db, questionId, source);
  const syncedIds = [...new Set(FIELDS.map((f) => markOf.get(f) ?? fallback?.id).filter((id): id is number => id !== undefined))];
  const synced = syncedIds.length
    ? await db.select().from(questionRevisions).where(inArray(questionRevisions.id, syncedIds))
    : [];
  const byId = new Map(synced.map((r) => [r.id, r]));
  const stale: StaleField[] = [];
  const now = { revisionId: current.id, number: current.number, createdAt: current.createdAt };
  const pending: { field: Field; from: QuestionRevision }[] = [];
  for (const field of FIELDS) {
    const from = byId.get(markOf.get(field) ?? fallback?.id ?? -1);
    if (!from || from.id === current.id) continue;
    if (valuesOf(from)[field] !== valuesOf(current)[field]) pending.push({ field, from });
  }
  const urls = withUrls ? await imageUrls(db, pending.flatMap((p) => [p.from.imageId, current.imageId])) : undefined;
  for (const { field, from } of pending) {
    stale.push({
      ...diffField(field, valuesOf(from), valuesOf(current), urls),
      since: { revisionId: from.id, number: from.number, createdAt: from.createdAt },
      now,
    });
  }
  return { source: current, fields: stale };
}

/** Which fields of `locale` need updating after changes in the other locale, with the diffs to carry over. */
export async function getTranslationStatus(db: Db, questionId: number, locale: Locale): Promise<TranslationStatus> {
  const { fields } = await staleFields(db, questionId, locale, true);
  return { questionId, locale, sourceLocale: otherLocale(locale), stale: fields.length > 0, fields };
}

/**
 * Called inside the publishing transaction after `locale` got a new revision that changed `changed`.
 * Those fields (and every field that was not stale anyway) are now in sync with the other locale's
 * published revision; stale fields the publication did not touch stay stale. The other locale's
 * fields become stale by themselves, since its marks point at our older revision.
 */
export async function markPublished(tx: Db, questionId: number, locale: Locale, changed: Field[]): Promise<void> {
  const { source, fields } = await staleFields(tx, questionId, locale, false);
  if (!source) return;
  const stillStale = new Set(fields.map((f) => f.field).filter((f) => !changed.includes(f)));
  const synced = FIELDS.filter((f) => !stillStale.has(f));
  if (synced.length === 0) return;
  await tx
    .insert(translationSync)
    .values(synced.map((field) => ({ questionId, locale, field, sourceRevisionId: source.id, updatedAt: new Date() })))
    .onConflictDoUpdate({
      target: [translationSync.questionId, translationSync.locale, translationSync.field],
      set: { sourceRevisionId: source.id, updatedAt: new Date() },
    });
}
