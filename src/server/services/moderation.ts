/**
 * Moderators' side: the queue, one suggestion with its three-way view, approve (optionally edited),
 * reject. Approval publishes in ONE transaction; of two moderators deciding the same suggestion at
 * once, the conditional update on status = 'pending' lets exactly one through.
 */
import { TRPCError } from "@trpc/server";
import { and, asc, count, eq, gt, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { blockRows } from "@/lib/diff/blocks";
import { renderMarkdown } from "@/lib/markdown";
import type { approveInput, queueInput, rejectInput } from "../api/schemas/moderation";
import type { SessionUser } from "../api/trpc";
import type { Db } from "../db/client";
import { questionRevisions, questions, suggestionQueueCounts, suggestions, user, type QuestionRevision, type Suggestion } from "../db/schema";
import { recordAudit } from "./audit";
import { findImageByUploadId, imageUrls } from "./images";
import { FIELDS, mergeSuggestion, type Field, type FieldValues, type Proposed } from "./merge";
import { diffField, lockQuestion, publishedRevision, publishLocked, valuesOf } from "./revisions";
import { changedFieldsOf } from "./suggestions";

const current = alias(questionRevisions, "current_revision");

export async function queue(db: Db, input: z.output<typeof queueInput>) {
  const question = input.questionSlug
    ? (await db.select({ id: questions.id }).from(questions).where(eq(questions.slug, input.questionSlug)))[0]
    : undefined;
  if (input.questionSlug && !question) throw new TRPCError({ code: "NOT_FOUND", message: `No question "${input.questionSlug}".` });
  const filter = and(
    eq(suggestions.status, "pending"),
    question ? eq(suggestions.questionId, question.id) : undefined,
    input.locale ? eq(suggestions.locale, input.locale) : undefined,
  );
  // The page and the counts are independent: ask for both at once. The counts come from the few rows
  // a trigger keeps (one per question, locale and stripe), not from counting every pending suggestion.
  const pending = sql<number>`sum(${suggestionQueueCounts.pending})::int`.mapWith(Number);
  const countsQuery = db
    .select({ questionId: suggestionQueueCounts.questionId, slug: questions.slug, locale: suggestionQueueCounts.locale, n: pending })
    .from(suggestionQueueCounts)
    .innerJoin(questions, eq(questions.id, suggestionQueueCounts.questionId))
    .groupBy(suggestionQueueCounts.questionId, questions.slug, suggestionQueueCounts.locale)
    .having(sql`sum(${suggestionQueueCounts.pending}) > 0`);
  const pageQuery = db
    .select({
      id: suggestions.id,
      questionId: suggestions.questionId,
      questionSlug: questions.slug,
      questionTitle: current.title,
      locale: suggestions.locale,
      authorName: suggestions.authorName,
      // Sent without an account (known by an IP hash); the app's own suggestions (shipped content) have neither.
      anonymous: sql<boolean>`${suggestions.authorId} is null and ${suggestions.authorIpHash} is not null`,
      createdAt: suggestions.createdAt,
      baseRevisionId: suggestions.baseRevisionId,
      currentRevisionId: current.id,
      hasNote: sql<boolean>`${suggestions.note} is not null`,
      title: sql<boolean>`${suggestions.title} is not null`,
      shortAnswer: sql<boolean>`${suggestions.shortAnswer} is not null`,
      body: sql<boolean>`${suggestions.body} is not null`,
      image: sql<boolean>`${suggestions.imageAction} is not null`,
      resubmittedFromId: suggestions.resubmittedFromId,
    })
    .from(suggestions)
    .innerJoin(questions, eq(questions.id, suggestions.questionId))
    .leftJoin(
      current,
      and(eq(current.questionId, suggestions.questionId), eq(current.locale, suggestions.locale), eq(current.isPublished, true)),
    )
    .where(and(filter, input.cursor ? gt(suggestions.id, input.cursor) : undefined))
    .orderBy(asc(suggestions.id))
    .limit(input.limit + 1);
  const [rows, grouped] = await Promise.all([pageQuery, countsQuery]);
  const page = rows.slice(0, input.limit);
  const items = page.map((r) => ({
    id: r.id,
    questionSlug: r.questionSlug,
    questionTitle: r.questionTitle,
    locale: r.locale,
    authorName: r.authorName,
    anonymous: r.anonymous,
    createdAt: r.createdAt,
    baseRevisionId: r.baseRevisionId,
    currentRevisionId: r.currentRevisionId,
    /** Written against an older revision: it will be merged (or conflict) on approval. */
    outdated: r.currentRevisionId !== r.baseRevisionId,
    hasNote: r.hasNote,
    changedFields: FIELDS.filter((f) => r[f]),
    resubmittedFromId: r.resubmittedFromId,
  }));
  const counts = {
    total: grouped.reduce((a, g) => a + g.n, 0),
    byLocale: { en: 0, uk: 0 } as Record<"en" | "uk", number>,
    byQuestion: [] as { questionSlug: string; en: number; uk: number; total: number }[],
  };
  const perQuestion = new Map<string, { questionSlug: string; en: number; uk: number; total: number }>();
  for (const g of grouped) {
    counts.byLocale[g.locale] += g.n;
    const entry = perQuestion.get(g.slug) ?? { questionSlug: g.slug, en: 0, uk: 0, total: 0 };
    entry[g.locale] += g.n;
    entry.total += g.n;
    perQuestion.set(g.slug, entry);
  }
  counts.byQuestion = [...perQuestion.values()].sort((a, b) => b.total - a.total || a.questionSlug.localeCompare(b.questionSlug));
  return { items, nextCursor: rows.length > input.limit ? page[page.length - 1].id : null, counts };
}

/** The suggestion's values where it changes something; absent keys are unchanged. */
export function proposedOf(s: Suggestion): Proposed {
  const p: Proposed = {};
  if (s.title !== null) p.title = s.title;
  if (s.shortAnswer !== null) p.shortAnswer = s.shortAnswer;
  if (s.body !== null) p.body = s.body;
  if (s.imageAction === "remove") p.image = null;
  if (s.imageAction === "set") p.image = s.imageId;
  return p;
}

async function revision(db: Db, id: number): Promise<QuestionRevision> {
  const [row] = await db.select().from(questionRevisions).where(eq(questionRevisions.id, id));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `No revision #${id}.` });
  return row;
}

async function suggestionRow(db: Db, id: number): Promise<Suggestion & { questionSlug: string }> {
  const [row] = await db
    .select({ s: suggestions, slug: questions.slug })
    .from(suggestions)
    .innerJoin(questions, eq(questions.id, suggestions.questionId))
    .where(eq(suggestions.id, id));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `No suggestion #${id}.` });
  return { ...row.s, questionSlug: row.slug };
}

/**
 * Everything a moderator needs to decide: the suggestion with its private note, the base, current
 * and proposed texts per field with their states (clean / already / conflict), diffs, rendered HTML
 * and image URLs.
 */
export async function getForModeration(db: Db, id: number) {
  const s = await suggestionRow(db, id);
  const base = await revision(db, s.baseRevisionId);
  const cur = (await publishedRevision(db, s.questionId, s.locale)) ?? base;
  // The other translation as published, beside the suggestion's fields (as Weblate shows the source).
  const sourceLocale: "en" | "uk" = s.locale === "en" ? "uk" : "en";
  const sourceRevision = await publishedRevision(db, s.questionId, sourceLocale);
  const baseValues = valuesOf(base);
  const currentValues = valuesOf(cur);
  const proposed = proposedOf(s);
  const proposedValues: FieldValues = { ...baseValues, ...proposed };
  const merge = mergeSuggestion(baseValues, currentValues, proposed);
  const urls = await imageUrls(db, [base.imageId, cur.imageId, proposedValues.image, merge.merged.image]);
  const url = (imageId: number | null) => (imageId === null ? null : (urls.get(imageId) ?? null));
  const changed = changedFieldsOf(s);
  const previous = s.resubmittedFromId === null ? null : await resubmissionContext(db, s.resubmittedFromId, proposedValues);
  const [currentBody, mergedBody, currentShort, mergedShort] = await Promise.all([
    renderMarkdown(currentValues.body),
    renderMarkdown(merge.merged.body),
    renderMarkdown(currentValues.shortAnswer),
    renderMarkdown(merge.merged.shortAnswer),
  ]);
  return {
    suggestion: {
      id: s.id,
      questionId: s.questionId,
      questionSlug: s.questionSlug,
      locale: s.locale,
      status: s.status,
      authorName: s.authorName,
      authorId: s.authorId,
      anonymous: s.authorId === null && s.authorIpHash !== null,
      note: s.note,
      createdAt: s.createdAt,
      reason: s.reasonCode ? { code: s.reasonCode, text: s.reasonText } : null,
      decidedByName: s.decidedByName,
      decidedAt: s.decidedAt,
      publishedRevisionId: s.publishedRevisionId,
      resubmittedFromId: s.resubmittedFromId,
      changedFields: changed,
    },
    base: { id: base.id, number: base.number, ...baseValues, imageUrl: url(base.imageId) },
    current: { id: cur.id, number: cur.number, ...currentValues, imageUrl: url(cur.imageId) },
    proposed: { ...proposedValues, imageUrl: url(proposedValues.image) },
    /** The current revision with every non-conflicting change applied: what approving publishes. */
    merged: { ...merge.merged, imageUrl: url(merge.merged.image) },
    outdated: base.id !== cur.id,
    conflicts: merge.conflicts,
    fields: changed.map((field) => ({
      field,
      state: merge.fields[field],
      /** What the suggestion does to its base. */
      proposal: diffField(field, baseValues, proposedValues, urls),
      /** What changed in the published text since the suggestion's base (for conflicts). */
      sinceBase: diffField(field, baseValues, currentValues, urls),
      /** What approving would change in the published text now. */
      publish: diffField(field, currentValues, merge.merged, urls),
    })),
    rendered: {
      current: { shortAnswer: currentShort, body: currentBody },
      merged: { shortAnswer: mergedShort, body: mergedBody },
    },
    /** The rendered view, block by block: changed blocks marked, removed beside added. */
    renderedBlocks: {
      shortAnswer: changed.includes("shortAnswer") ? await renderedRows(currentValues.shortAnswer, merge.merged.shortAnswer) : [],
      body: changed.includes("body") ? await renderedRows(currentValues.body, merge.merged.body) : [],
    },
    /** For a resubmission: the rejected suggestion it revises, why it was rejected, and what changed since. */
    previous,
    /** The other locale's published text of the same fields. */
    source: sourceRevision
      ? {
          locale: sourceLocale,
          number: sourceRevision.number,
          title: sourceRevision.title,
          shortAnswer: sourceRevision.shortAnswer,
          body: sourceRevision.body,
        }
      : null,
  };
}

/** Rows of rendered blocks between two Markdown texts (each distinct block rendered once). */
async function renderedRows(before: string, after: string) {
  const rows = blockRows(before, after);
  const html = new Map<string, Promise<string>>();
  const render = (block: string) => {
    if (!html.has(block)) html.set(block, renderMarkdown(block));
    return html.get(block) as Promise<string>;
  };
  return Promise.all(
    rows.map(async (r) => ({
      kind: r.kind,
      before: await Promise.all(r.before.map(render)),
      after: await Promise.all(r.after.map(render)),
    })),
  );
}

/**
 * The rejected suggestion a resubmission revises: its reason, its note, and the interdiff — each
 * text field as the rejected one proposed it against as the resubmission proposes it now.
 */
async function resubmissionContext(db: Db, previousId: number, proposedNow: FieldValues) {
  const [old] = await db.select().from(suggestions).where(eq(suggestions.id, previousId));
  if (!old) return null;
  const oldBase = await revision(db, old.baseRevisionId);
  const before: FieldValues = { ...valuesOf(oldBase), ...proposedOf(old) };
  const fields = (["title", "shortAnswer", "body", "image"] as const).filter((f) => before[f] !== proposedNow[f]);
  const urls = await imageUrls(db, [before.image, proposedNow.image]);
  return {
    id: old.id,
    reason: old.reasonCode ? { code: old.reasonCode, text: old.reasonText } : null,
    decidedByName: old.decidedByName,
    note: old.note,
    interdiff: fields.map((field) => diffField(field, before, proposedNow, urls)),
  };
}

type Approve = z.output<typeof approveInput>;

async function claim(
  tx: Db,
  id: number,
  moderator: SessionUser,
  set: Partial<typeof suggestions.$inferInsert>,
): Promise<Suggestion> {
  const [row] = await tx
    .update(suggestions)
    .set({ ...set, decidedById: moderator.id, decidedByName: moderator.name, decidedAt: new Date() })
    .where(and(eq(suggestions.id, id), eq(suggestions.status, "pending")))
    .returning();
  if (row) return row;
  const [other] = await tx
    .select({ status: suggestions.status, by: suggestions.decidedByName })
    .from(suggestions)
    .where(eq(suggestions.id, id));
  if (!other) throw new TRPCError({ code: "NOT_FOUND", message: `No suggestion #${id}.` });
  const verb = other.status === "superseded" ? "replaced by a newer version" : `${other.status}${other.by ? ` by ${other.by}` : ""}`;
  throw new TRPCError({ code: "CONFLICT", message: `Suggestion #${id} was already ${verb}; nothing was changed.` });
}

async function editsToProposed(db: Db, edits: NonNullable<Approve["edits"]>): Promise<Proposed> {
  const p: Proposed = {};
  if (edits.title !== undefined) p.title = edits.title;
  if (edits.shortAnswer !== undefined) p.shortAnswer = edits.shortAnswer;
  if (edits.body !== undefined) p.body = edits.body;
  if (edits.image?.op === "remove") p.image = null;
  if (edits.image?.op === "upload") {
    const image = await findImageByUploadId(db, edits.image.uploadId);
    if (!image) throw new TRPCError({ code: "BAD_REQUEST", message: "The uploaded image was not found; upload it again." });
    p.image = image.id;
  }
  return p;
}

const FIELD_LABEL: Record<Field, string> = { title: "title", shortAnswer: "short answer", body: "answer", image: "image" };

/** Moderators and admins other than `id`: whether someone else could review what `id` wrote. */
async function otherModerators(db: Db, id: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(user)
    .where(and(inArray(user.role, ["moderator", "admin"]), ne(user.id, id)));
  return n;
}

export async function approve(db: Db, moderator: SessionUser, input: Approve) {
  const edits = input.edits ? await editsToProposed(db, input.edits) : {};
  return db.transaction(async (tx) => {
    const s = await claim(tx, input.id, moderator, { status: "approved" });
    // Four eyes: one's own suggestion is approved by someone else when there is someone else.
    // A lone moderator may, and the audit log says so.
    const selfApproved = s.authorId === moderator.id;
    if (selfApproved && (await otherModerators(tx, moderator.id)) > 0) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "You wrote this suggestion, so another moderator has to approve it. You can still reject (withdraw) it.",
      });
    }
    await lockQuestion(tx, s.questionId);
    const base = await revision(tx, s.baseRevisionId);
    const cur = await publishedRevision(tx, s.questionId, s.locale);
    if (!cur) throw new TRPCError({ code: "NOT_FOUND", message: "This question has no published text in that language." });
    const merge = mergeSuggestion(valuesOf(base), valuesOf(cur), proposedOf(s));
    const unresolved = merge.conflicts.filter((f) => !(f in edits));
    if (unresolved.length > 0) {
      throw new TRPCError({
        code: "CONFLICT",
        message:
          `The ${unresolved.map((f) => FIELD_LABEL[f]).join(", ")} changed since this suggestion was written. ` +
          "Open the three-way view, settle those fields in the editor, then approve.",
      });
    }
    const values: FieldValues = { ...merge.merged, ...edits };
    const edited = FIELDS.some((f) => f in edits && edits[f] !== merge.merged[f]);
    const currentValues = valuesOf(cur);
    if (FIELDS.every((f) => values[f] === currentValues[f])) {
      throw new TRPCError({
        code: "CONFLICT",
        message: "Nothing left to publish: the published text already has these changes. Reject it as a duplicate instead.",
      });
    }
    const { revision: published, changed } = await publishLocked(tx, {
      questionId: s.questionId,
      locale: s.locale,
      values,
      authorId: s.authorId,
      authorName: s.authorName,
      source: edited ? "moderator" : "suggestion",
      basedOnRevisionId: cur.id,
    });
    await tx
      .update(suggestions)
      .set({ publishedRevisionId: published.id, editedById: edited ? moderator.id : null })
      .where(eq(suggestions.id, s.id));
    await recordAudit(tx, {
      action: edited ? "edit_approve" : "approve",
      actorId: moderator.id,
      actorName: moderator.name,
      questionId: s.questionId,
      locale: s.locale,
      suggestionId: s.id,
      revisionId: published.id,
      details: {
        number: published.number,
        previousRevisionId: cur.id,
        baseRevisionId: base.id,
        merged: base.id !== cur.id,
        ...(FIELDS.some((f) => merge.fields[f] === "merged") ? { lineMerged: FIELDS.filter((f) => merge.fields[f] === "merged") } : {}),
        changed,
        editedFields: FIELDS.filter((f) => f in edits),
        ...(selfApproved ? { selfApproved: true, reason: "the only moderator" } : {}),
      },
    });
    return { suggestionId: s.id, revisionId: published.id, number: published.number, locale: s.locale, edited, changed };
  });
}

export async function reject(db: Db, moderator: SessionUser, input: z.output<typeof rejectInput>) {
  return db.transaction(async (tx) => {
    const reasonText = input.reasonText?.trim() ? input.reasonText : null;
    const s = await claim(tx, input.id, moderator, { status: "rejected", reasonCode: input.reasonCode, reasonText });
    await recordAudit(tx, {
      action: "reject",
      actorId: moderator.id,
      actorName: moderator.name,
      questionId: s.questionId,
      locale: s.locale,
      suggestionId: s.id,
      details: { reasonCode: input.reasonCode, reasonText },
    });
    return { suggestionId: s.id, status: s.status };
  });
}
