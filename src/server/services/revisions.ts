/**
 * Publishing revisions: every publication (approval, edit-then-approve, rollback) goes through
 * `publishLocked` inside a transaction that holds the question's row lock, so the revision number,
 * the unpublish/publish switch and the translation marks are consistent under concurrency. It also
 * signals the public page cache (src/server/cache/content-generation.mjs) as it commits.
 */
import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, inArray, lt, max, sql } from "drizzle-orm";
import { CONTENT_CHANNEL } from "../cache/content-generation.mjs";
import type { Db } from "../db/client";
import { auditLog, questionRevisions, questions, suggestions, user, type Locale, type QuestionRevision } from "../db/schema";
import { recordAudit } from "./audit";
import { diffLines, diffWords, type DiffOp } from "@/lib/diff/text";
import { imageUrls } from "./images";
import { changedFields, FIELDS, type Field, type FieldValues } from "./merge";
import { markPublished } from "./translations";
import { markQuizForReview } from "../quiz/review";

export const valuesOf = (r: QuestionRevision): FieldValues => ({
  title: r.title,
  shortAnswer: r.shortAnswer,
  body: r.body,
  image: r.imageId,
});

/** Takes the question's row lock for the rest of the transaction (serialises its publications). */
export async function lockQuestion(tx: Db, questionId: number): Promise<void> {
  const [row] = await tx.select({ id: questions.id }).from(questions).where(eq(questions.id, questionId)).for("update");
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "That question no longer exists." });
}

export async function publishedRevision(db: Db, questionId: number, locale: Locale): Promise<QuestionRevision | null> {
  const [row] = await db
    .select()
    .from(questionRevisions)
    .where(and(eq(questionRevisions.questionId, questionId), eq(questionRevisions.locale, locale), eq(questionRevisions.isPublished, true)));
  return row ?? null;
}

export async function questionBySlug(db: Db, slug: string): Promise<{ id: number; slug: string }> {
  const [row] = await db.select({ id: questions.id, slug: questions.slug }).from(questions).where(eq(questions.slug, slug));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `No question "${slug}".` });
  return row;
}

export interface PublishInput {
  questionId: number;
  locale: Locale;
  values: FieldValues;
  authorId: string | null;
  authorName: string;
  source: QuestionRevision["source"];
  basedOnRevisionId: number | null;
}

/**
 * Unpublishes the current revision and publishes a new one with the next number. The caller holds
 * the question's lock (`lockQuestion`) in the same transaction.
 */
export async function publishLocked(tx: Db, input: PublishInput): Promise<{ revision: QuestionRevision; changed: Field[] }> {
  const current = await publishedRevision(tx, input.questionId, input.locale);
  const [{ top }] = await tx
    .select({ top: max(questionRevisions.number) })
    .from(questionRevisions)
    .where(and(eq(questionRevisions.questionId, input.questionId), eq(questionRevisions.locale, input.locale)));
  if (current) {
    await tx.update(questionRevisions).set({ isPublished: false }).where(eq(questionRevisions.id, current.id));
  }
  const [revision] = await tx
    .insert(questionRevisions)
    .values({
      questionId: input.questionId,
      locale: input.locale,
      number: (top ?? 0) + 1,
      title: input.values.title,
      shortAnswer: input.values.shortAnswer,
      body: input.values.body,
      imageId: input.values.image,
      authorId: input.authorId,
      authorName: input.authorName,
      source: input.source,
      basedOnRevisionId: input.basedOnRevisionId,
      isPublished: true,
    })
    .returning();
  const changed = current ? changedFields(valuesOf(current), input.values) : [...FIELDS];
  await markPublished(tx, input.questionId, input.locale, changed);
  await markQuizForReview(tx, { questionId: input.questionId, locale: input.locale, before: current?.body ?? null, after: input.values.body, revisionNumber: revision.number });
  // Delivered when this transaction commits: every instance's page cache drops the old pages then.
  await tx.execute(sql`select pg_notify(${CONTENT_CHANNEL}, ${String(revision.id)})`);
  return { revision, changed };
}

export interface FieldDiff {
  field: Field;
  before: string | null;
  after: string | null;
  /** Word diff for short fields, line diff for the answer; empty for images. */
  ops: DiffOp[];
  /** For images: their URLs. */
  beforeUrl?: string | null;
  afterUrl?: string | null;
}

export function diffField(field: Field, before: FieldValues, after: FieldValues, urls?: Map<number, string>): FieldDiff {
  if (field === "image") {
    return {
      field,
      before: before.image === null ? null : String(before.image),
      after: after.image === null ? null : String(after.image),
      ops: [],
      beforeUrl: before.image === null ? null : (urls?.get(before.image) ?? null),
      afterUrl: after.image === null ? null : (urls?.get(after.image) ?? null),
    };
  }
  const a = before[field];
  const b = after[field];
  return { field, before: a, after: b, ops: field === "body" ? diffLines(a, b) : diffWords(a, b) };
}

/** Revision history of one question in one locale, newest first, with what each revision changed. */
export async function history(
  db: Db,
  { questionSlug, locale, cursor, limit }: { questionSlug: string; locale: Locale; cursor?: number; limit: number },
) {
  const q = await questionBySlug(db, questionSlug);
  const rows = await db
    .select()
    .from(questionRevisions)
    .where(
      and(
        eq(questionRevisions.questionId, q.id),
        eq(questionRevisions.locale, locale),
        cursor ? lt(questionRevisions.number, cursor) : undefined,
      ),
    )
    .orderBy(desc(questionRevisions.number))
    .limit(limit + 2); // one more to know there is a next page, one more to diff the last item against
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const editors =
    ids.length === 0
      ? []
      : await db
          .select({
            revisionId: suggestions.publishedRevisionId,
            suggestionId: suggestions.id,
            editorName: user.name,
            suggestedByName: suggestions.authorName,
            approvedByName: suggestions.decidedByName,
          })
          .from(suggestions)
          .leftJoin(user, eq(user.id, suggestions.editedById))
          .where(inArray(suggestions.publishedRevisionId, ids));
  const byRevision = new Map(editors.map((e) => [e.revisionId, e]));
  // A rollback's reason lives in its audit entry.
  const rollbackIds = page.filter((r) => r.source === "rollback").map((r) => r.id);
  const rollbacks =
    rollbackIds.length === 0
      ? []
      : await db
          .select({ revisionId: auditLog.revisionId, details: auditLog.details })
          .from(auditLog)
          .where(and(eq(auditLog.action, "rollback"), inArray(auditLog.revisionId, rollbackIds)));
  const reasonOf = new Map(rollbacks.map((a) => [a.revisionId, typeof a.details.reason === "string" ? a.details.reason : null]));
  const restoredIds = page.filter((r) => r.source === "rollback" && r.basedOnRevisionId !== null).map((r) => r.basedOnRevisionId as number);
  const restored =
    restoredIds.length === 0
      ? []
      : await db.select({ id: questionRevisions.id, number: questionRevisions.number }).from(questionRevisions).where(inArray(questionRevisions.id, restoredIds));
  const numberOf = new Map(restored.map((r) => [r.id, r.number]));
  const items = page.map((r, i) => {
    const previous = rows[i + 1];
    const via = byRevision.get(r.id);
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      authorName: r.authorName,
      source: r.source,
      isPublished: r.isPublished,
      basedOnRevisionId: r.basedOnRevisionId,
      createdAt: r.createdAt,
      suggestionId: via?.suggestionId ?? null,
      editedByName: via?.editorName ?? null,
      /** Credit for both: who suggested the text, and who approved (and maybe edited) it. */
      suggestedByName: via?.suggestedByName ?? null,
      /** For a rollback: the revision it restored and why. */
      restoredNumber: r.source === "rollback" && r.basedOnRevisionId !== null ? (numberOf.get(r.basedOnRevisionId) ?? null) : null,
      rollbackReason: reasonOf.get(r.id) ?? null,
      approvedByName: via?.approvedByName ?? null,
      previousRevisionId: previous?.id ?? null,
      changedFields: previous ? changedFields(valuesOf(previous), valuesOf(r)) : [...FIELDS],
    };
  });
  return { questionSlug: q.slug, locale, items, nextCursor: rows.length > limit ? page[page.length - 1].number : null };
}

async function revisionById(db: Db, id: number): Promise<QuestionRevision> {
  const [row] = await db.select().from(questionRevisions).where(eq(questionRevisions.id, id));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `No revision #${id}.` });
  return row;
}

/** Field-by-field diffs between two revisions of the same question and locale. */
export async function compare(db: Db, fromRevisionId: number, toRevisionId: number) {
  const [from, to] = await Promise.all([revisionById(db, fromRevisionId), revisionById(db, toRevisionId)]);
  if (from.questionId !== to.questionId || from.locale !== to.locale) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Both revisions must be of the same question and language." });
  }
  const a = valuesOf(from);
  const b = valuesOf(to);
  const urls = await imageUrls(db, [a.image, b.image]);
  return {
    from: { id: from.id, number: from.number },
    to: { id: to.id, number: to.number },
    fields: changedFields(a, b).map((f) => diffField(f, a, b, urls)),
  };
}

/** Rollback: publishes a NEW revision copying an old one. */
export async function rollback(
  db: Db,
  actor: { id: string; name: string },
  { revisionId, expectedCurrentRevisionId, reason }: { revisionId: number; expectedCurrentRevisionId?: number; reason?: string },
) {
  return db.transaction(async (tx) => {
    const target = await revisionById(tx, revisionId);
    await lockQuestion(tx, target.questionId);
    const current = await publishedRevision(tx, target.questionId, target.locale);
    if (expectedCurrentRevisionId !== undefined && current?.id !== expectedCurrentRevisionId) {
      throw new TRPCError({
        code: "CONFLICT",
        message: `The published revision changed meanwhile (now #${current?.number}); review the history and try again.`,
      });
    }
    if (current && current.id === target.id) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Revision #${target.number} is already the published one.` });
    }
    if (current && changedFields(valuesOf(current), valuesOf(target)).length === 0) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Revision #${target.number} has the same text as the published one.` });
    }
    const { revision, changed } = await publishLocked(tx, {
      questionId: target.questionId,
      locale: target.locale,
      values: valuesOf(target),
      authorId: actor.id,
      authorName: actor.name,
      source: "rollback",
      basedOnRevisionId: target.id,
    });
    await recordAudit(tx, {
      action: "rollback",
      actorId: actor.id,
      actorName: actor.name,
      questionId: target.questionId,
      locale: target.locale,
      revisionId: revision.id,
      details: {
        fromRevisionId: current?.id ?? null,
        toRevisionNumber: target.number,
        newNumber: revision.number,
        changed,
        ...(reason && reason.trim() !== "" ? { reason: reason.trim() } : {}),
      },
    });
    return { revisionId: revision.id, number: revision.number, locale: target.locale, changed };
  });
}

export async function firstRevision(db: Db, questionId: number, locale: Locale): Promise<QuestionRevision | null> {
  const [row] = await db
    .select()
    .from(questionRevisions)
    .where(and(eq(questionRevisions.questionId, questionId), eq(questionRevisions.locale, locale)))
    .orderBy(asc(questionRevisions.number))
    .limit(1);
  return row ?? null;
}
