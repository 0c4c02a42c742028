/**
 * Contributors' side: submit (idempotent by client key), list own, get one, resubmit a rejected one.
 * Responses built here never carry the moderator note or anyone's IP hash.
 */
import { TRPCError } from "@trpc/server";
import { and, count, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { env } from "@/env";
import type { submitInput } from "../api/schemas/suggestion";
import type { SessionUser } from "../api/trpc";
import type { Db } from "../db/client";
import { questionRevisions, questions, suggestions, type Locale, type Suggestion } from "../db/schema";
import { findImageByUploadId, imageUrls } from "./images";
import type { Field } from "./merge";
import { enforce, hashIp, RATE_LIMITS, type LimitCheck } from "./rate-limit";
import { questionBySlug } from "./revisions";

type Submit = z.output<typeof submitInput>;
const current = alias(questionRevisions, "current_revision");

export interface Caller {
  user: SessionUser | null;
  ip: string;
}

export const isModerator = (user: SessionUser | null) => user?.role === "moderator" || user?.role === "admin";

/** What a contributor may see of a suggestion: no note, no IP hash, no moderator ids. */
export interface SuggestionView {
  id: number;
  questionSlug: string;
  questionTitle: string | null;
  locale: Locale;
  baseRevisionId: number;
  changedFields: Field[];
  changes: {
    title?: string;
    shortAnswer?: string;
    body?: string;
    image?: { op: "remove" } | { op: "set"; url: string | null };
  };
  /** The base revision's value of each changed field, so the contributor sees their diff. */
  before: { title?: string; shortAnswer?: string; body?: string; imageUrl?: string | null };
  status: Suggestion["status"];
  reason: { code: NonNullable<Suggestion["reasonCode"]>; text: string | null } | null;
  createdAt: Date;
  decidedAt: Date | null;
  publishedRevisionId: number | null;
  /** A moderator changed the text before publishing it. */
  editedByModerator: boolean;
  resubmittedFromId: number | null;
}

export function changedFieldsOf(s: Pick<Suggestion, "title" | "shortAnswer" | "body" | "imageAction">): Field[] {
  const out: Field[] = [];
  if (s.title !== null) out.push("title");
  if (s.shortAnswer !== null) out.push("shortAnswer");
  if (s.body !== null) out.push("body");
  if (s.imageAction !== null) out.push("image");
  return out;
}

interface QuestionTitle {
  questionId: number;
  locale: Locale;
  title: string;
  slug: string;
}

/** Views of rows; `known` spares the title lookup when the caller already has it. */
async function views(db: Db, rows: Suggestion[], known?: QuestionTitle): Promise<SuggestionView[]> {
  if (rows.length === 0) return [];
  const bases = await db
    .select({
      id: questionRevisions.id,
      title: questionRevisions.title,
      shortAnswer: questionRevisions.shortAnswer,
      body: questionRevisions.body,
      imageId: questionRevisions.imageId,
    })
    .from(questionRevisions)
    .where(inArray(questionRevisions.id, [...new Set(rows.map((r) => r.baseRevisionId))]));
  const baseOf = new Map(bases.map((b) => [b.id, b]));
  const urls = await imageUrls(db, [...rows.map((r) => r.imageId), ...bases.map((b) => b.imageId)]);
  const titles: QuestionTitle[] = known
    ? [known]
    : await db
        .select({ questionId: questionRevisions.questionId, locale: questionRevisions.locale, title: questionRevisions.title, slug: questions.slug })
        .from(questionRevisions)
        .innerJoin(questions, eq(questions.id, questionRevisions.questionId))
        .where(and(eq(questionRevisions.isPublished, true), inArray(questionRevisions.questionId, [...new Set(rows.map((r) => r.questionId))])));
  const titleOf = new Map(titles.map((t) => [`${t.questionId}:${t.locale}`, t]));
  return rows.map((r) => {
    const t = titleOf.get(`${r.questionId}:${r.locale}`);
    const b = baseOf.get(r.baseRevisionId);
    return {
      id: r.id,
      questionSlug: t?.slug ?? "",
      questionTitle: t?.title ?? null,
      locale: r.locale,
      baseRevisionId: r.baseRevisionId,
      changedFields: changedFieldsOf(r),
      changes: {
        ...(r.title !== null ? { title: r.title } : {}),
        ...(r.shortAnswer !== null ? { shortAnswer: r.shortAnswer } : {}),
        ...(r.body !== null ? { body: r.body } : {}),
        ...(r.imageAction === "remove"
          ? { image: { op: "remove" as const } }
          : r.imageAction === "set"
            ? { image: { op: "set" as const, url: r.imageId === null ? null : (urls.get(r.imageId) ?? null) } }
            : {}),
      },
      before: {
        ...(r.title !== null && b ? { title: b.title } : {}),
        ...(r.shortAnswer !== null && b ? { shortAnswer: b.shortAnswer } : {}),
        ...(r.body !== null && b ? { body: b.body } : {}),
        ...(r.imageAction !== null && b ? { imageUrl: b.imageId === null ? null : (urls.get(b.imageId) ?? null) } : {}),
      },
      status: r.status,
      reason: r.reasonCode ? { code: r.reasonCode, text: r.reasonText } : null,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      publishedRevisionId: r.publishedRevisionId,
      editedByModerator: r.editedById !== null,
      resubmittedFromId: r.resubmittedFromId,
    };
  });
}

/**
 * An anonymous contributor signs in: the suggestions their browser sent (it kept each one's client
 * key, a random UUID nobody else knows) become the account's, so "My suggestions" lists them and
 * they can be revised. Suggestions that already have an author are never taken over.
 */
export async function claimSuggestions(db: Db, user: SessionUser, clientKeys: string[]): Promise<number[]> {
  if (clientKeys.length === 0) return [];
  const rows = await db
    .update(suggestions)
    .set({ authorId: user.id, authorName: user.name, authorIpHash: null })
    .where(and(inArray(suggestions.clientKey, clientKeys), isNull(suggestions.authorId)))
    .returning({ id: suggestions.id });
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

export async function suggestionView(db: Db, row: Suggestion): Promise<SuggestionView> {
  return (await views(db, [row]))[0];
}

/**
 * Whether a retry comes from the suggestion's author. The client key is a random UUID only the
 * submitting browser knows, so an anonymous retry is accepted from a new IP too (phones roam).
 */
function sameAuthor(row: Suggestion, caller: Caller): boolean {
  if (row.authorId !== null) return caller.user?.id === row.authorId;
  return caller.user === null;
}

async function byClientKey(db: Db, clientKey: string): Promise<Suggestion | null> {
  const [row] = await db.select().from(suggestions).where(eq(suggestions.clientKey, clientKey));
  return row ?? null;
}

export interface SubmitResult {
  suggestion: SuggestionView;
  /** True when this key was already used by the same author: the earlier suggestion is returned. */
  duplicate: boolean;
}

export async function submitSuggestion(
  db: Db,
  caller: Caller,
  input: Submit,
  { resubmittedFromId }: { resubmittedFromId?: number } = {},
): Promise<SubmitResult> {
  const ipHash = hashIp(caller.ip);
  const retried = await byClientKey(db, input.clientKey);
  if (retried) {
    if (!sameAuthor(retried, caller)) {
      throw new TRPCError({ code: "CONFLICT", message: "This form was already submitted by someone else; reload the page and try again." });
    }
    return { suggestion: await suggestionView(db, retried), duplicate: true };
  }

  // One round trip: the base revision, its question, and the question's published title.
  const [found] = await db
    .select({ base: questionRevisions, slug: questions.slug, title: current.title })
    .from(questionRevisions)
    .innerJoin(questions, eq(questions.id, questionRevisions.questionId))
    .leftJoin(
      current,
      and(eq(current.questionId, questionRevisions.questionId), eq(current.locale, questionRevisions.locale), eq(current.isPublished, true)),
    )
    .where(eq(questionRevisions.id, input.baseRevisionId));
  if (!found || found.slug !== input.questionSlug || found.base.locale !== input.locale) {
    await questionBySlug(db, input.questionSlug); // NOT_FOUND for an unknown question
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "The text you started from is not a revision of this question in this language; reload the page.",
    });
  }
  const base = found.base;
  const question = { id: base.questionId, slug: found.slug };
  const known: QuestionTitle = { questionId: base.questionId, locale: base.locale, title: found.title ?? base.title, slug: found.slug };

  // Keep only real changes: a field equal to the base is not a change.
  const c = input.changes;
  const title = c.title !== undefined && c.title !== base.title ? c.title : null;
  const shortAnswer = c.shortAnswer !== undefined && c.shortAnswer !== base.shortAnswer ? c.shortAnswer : null;
  const body = c.body !== undefined && c.body !== base.body ? c.body : null;
  let imageAction: Suggestion["imageAction"] = null;
  let imageId: number | null = null;
  if (c.image?.op === "remove" && base.imageId !== null) imageAction = "remove";
  if (c.image?.op === "upload") {
    const image = await findImageByUploadId(db, c.image.uploadId);
    if (!image) throw new TRPCError({ code: "BAD_REQUEST", message: "The uploaded image was not found; upload it again." });
    if (image.id !== base.imageId) {
      imageAction = "set";
      imageId = image.id;
    }
  }
  if (title === null && shortAnswer === null && body === null && imageAction === null) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "Your suggestion changes nothing: edit the title, the short answer, the answer or the image first.",
    });
  }

  // Limits are counted only for valid submissions, so fixing a mistake costs nothing.
  // A new, unverified account gets the anonymous hourly limit (so signing up many accounts buys
  // nothing), counted per account.
  const anonymousPerHour = env().ANONYMOUS_SUGGESTIONS_PER_HOUR;
  const checks: LimitCheck[] = caller.user
    ? [
        caller.user.newAccount
          ? {
              key: `submit:user:${caller.user.id}`,
              limit: anonymousPerHour,
              windowSeconds: 3600,
              message: `New accounts can send ${anonymousPerHour} suggestions an hour during their first day.`,
            }
          : {
              key: `submit:user:${caller.user.id}`,
              limit: RATE_LIMITS.accountSubmitsPerHour,
              windowSeconds: 3600,
              message: `You have sent ${RATE_LIMITS.accountSubmitsPerHour} suggestions in the last hour, the most we accept.`,
            },
      ]
    : [
        {
          key: `submit:ip:${ipHash}`,
          limit: anonymousPerHour,
          windowSeconds: 3600,
          message: `Too many suggestions from your network: at most ${anonymousPerHour} an hour without an account. Sign in to send more.`,
        },
      ];
  // The pending count, the limit counters and the insert go together under a per-author lock, so
  // concurrent submits cannot slip past the pending cap. A refused submit rolls its counts back.
  const authorKey = caller.user ? `user:${caller.user.id}` : `ip:${ipHash}`;
  const row = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`suggest:${authorKey}`}))`);
    const [{ pending }] = await tx
      .select({ pending: count() })
      .from(suggestions)
      .where(
        and(
          eq(suggestions.status, "pending"),
          caller.user ? eq(suggestions.authorId, caller.user.id) : and(isNull(suggestions.authorId), eq(suggestions.authorIpHash, ipHash)),
        ),
      );
    if (pending >= RATE_LIMITS.pendingPerContributor) {
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `You already have ${pending} suggestions waiting for review (the most is ${RATE_LIMITS.pendingPerContributor}). Please wait until a moderator has looked at them.`,
      });
    }
    await enforce(tx, checks);
    const [inserted] = await tx
      .insert(suggestions)
      .values({
        questionId: question.id,
        locale: input.locale,
        baseRevisionId: base.id,
        title,
        shortAnswer,
        body,
        imageAction,
        imageId,
        note: input.note && input.note.trim() !== "" ? input.note : null,
        authorId: caller.user?.id ?? null,
        authorName: caller.user?.name ?? "Anonymous",
        authorIpHash: caller.user ? null : ipHash,
        clientKey: input.clientKey,
        resubmittedFromId: resubmittedFromId ?? null,
      })
      .onConflictDoNothing({ target: suggestions.clientKey })
      .returning();
    return inserted;
  });
  if (!row) {
    // Two copies of the same submit raced; the other one won. Return it like any retry.
    const winner = await byClientKey(db, input.clientKey);
    if (!winner || !sameAuthor(winner, caller)) {
      throw new TRPCError({ code: "CONFLICT", message: "This form was already submitted; reload the page and try again." });
    }
    return { suggestion: await suggestionView(db, winner), duplicate: true };
  }
  return { suggestion: (await views(db, [row], known))[0], duplicate: false };
}

/** The signed-in contributor's own suggestions, newest first. */
export async function mySuggestions(db: Db, userId: string, { cursor, limit }: { cursor?: number; limit: number }) {
  const rows = await db
    .select()
    .from(suggestions)
    .where(and(eq(suggestions.authorId, userId), cursor ? lt(suggestions.id, cursor) : undefined))
    .orderBy(desc(suggestions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { items: await views(db, page), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}

/**
 * One suggestion, for its author (signed in, or holding the client key it was sent with) or a
 * moderator. Anyone else gets NOT_FOUND, so ids reveal nothing.
 */
export async function getSuggestion(db: Db, caller: Caller, { id, clientKey }: { id: number; clientKey?: string }) {
  const [row] = await db.select().from(suggestions).where(eq(suggestions.id, id));
  const allowed =
    row && (isModerator(caller.user) || (caller.user !== null && row.authorId === caller.user.id) || (clientKey !== undefined && clientKey === row.clientKey));
  if (!row || !allowed) throw new TRPCError({ code: "NOT_FOUND", message: `No suggestion #${id} that you can see.` });
  return suggestionView(db, row);
}

/** A rejected suggestion, revised by its author, goes back to the queue as a new suggestion. */
export async function resubmitSuggestion(
  db: Db,
  caller: Caller & { user: SessionUser },
  input: Omit<Submit, "questionSlug" | "locale"> & { suggestionId: number },
): Promise<SubmitResult> {
  const [old] = await db
    .select({ s: suggestions, slug: questions.slug })
    .from(suggestions)
    .innerJoin(questions, eq(questions.id, suggestions.questionId))
    .where(eq(suggestions.id, input.suggestionId));
  if (!old || old.s.authorId !== caller.user.id) {
    throw new TRPCError({ code: "NOT_FOUND", message: `No suggestion #${input.suggestionId} of yours.` });
  }
  // One resubmission per rejected suggestion, however many requests race: under a lock on the old
  // suggestion, a second request (another tab, a double click with a new form key) gets the first one's
  // result instead of a second copy.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`resubmit:${old.s.id}`}))`);
    const [successor] = await tx.select().from(suggestions).where(eq(suggestions.resubmittedFromId, old.s.id)).limit(1);
    if (successor) return { suggestion: await suggestionView(tx, successor), duplicate: true };
    if (old.s.status !== "rejected") {
      throw new TRPCError({ code: "BAD_REQUEST", message: "Only a rejected suggestion can be revised and sent again." });
    }
    const result = await submitSuggestion(
      tx,
      caller,
      // The note to the moderator stays unless the author writes a new one.
      { ...input, note: input.note && input.note.trim() !== "" ? input.note : (old.s.note ?? undefined), questionSlug: old.slug, locale: old.s.locale },
      { resubmittedFromId: old.s.id },
    );
    await tx
      .update(suggestions)
      .set({ status: "superseded" })
      .where(and(eq(suggestions.id, old.s.id), eq(suggestions.status, "rejected")));
    return result;
  });
}
