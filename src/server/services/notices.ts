/**
 * Decisions reach their contributor: an in-app notice on their next visit (until they dismiss it) and,
 * when an SMTP server is configured, an email to an account's address (see decision-mail.ts).
 *
 * A notice belongs to the suggestion's author: the signed-in account it is filed under, or whoever
 * holds its client key (the anonymous browser that sent it). Only decided suggestions (approved —
 * as sent or edited by a moderator — or rejected) make notices, for NOTICE_DAYS after the decision.
 */
import { and, desc, eq, gt, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { questionRevisions, questions, suggestions, type Locale, type Suggestion } from "../db/schema";

/** How long an unseen decision is still announced. */
export const NOTICE_DAYS = 30;
/** Notices shown at once (the newest). */
export const NOTICE_MAX = 5;

export interface NoticeOwner {
  userId: string | null;
  /** Suggestions this browser sent without an account: id and client key. */
  keys: { id: number; clientKey: string }[];
}

export interface DecisionNotice {
  id: number;
  outcome: "approved" | "edited" | "rejected";
  locale: Locale;
  questionSlug: string;
  questionTitle: string;
  reason: { code: NonNullable<Suggestion["reasonCode"]>; text: string | null } | null;
  decidedAt: Date;
  /** The key the owner proved it with (anonymous), for the private status link. */
  clientKey: string | null;
}

/** Rows the owner may see: filed under their account, or proved by id and key together. */
function ownedBy(owner: NoticeOwner): SQL | undefined {
  const byKey = owner.keys.length
    ? and(
        inArray(suggestions.clientKey, owner.keys.map((k) => k.clientKey)),
        inArray(suggestions.id, owner.keys.map((k) => k.id)),
      )
    : undefined;
  const byUser = owner.userId ? eq(suggestions.authorId, owner.userId) : undefined;
  if (byKey && byUser) return or(byUser, byKey);
  return byKey ?? byUser;
}

export function outcomeOf(s: Pick<Suggestion, "status" | "editedById">): DecisionNotice["outcome"] | null {
  if (s.status === "approved") return s.editedById ? "edited" : "approved";
  if (s.status === "rejected") return "rejected";
  return null;
}

/** The owner's unseen decisions, newest first. */
export async function unseenNotices(db: Db, owner: NoticeOwner, now = new Date()): Promise<DecisionNotice[]> {
  const owned = ownedBy(owner);
  if (!owned) return [];
  const since = new Date(now.getTime() - NOTICE_DAYS * 86_400_000);
  const rows = await db
    .select({ s: suggestions, slug: questions.slug, title: questionRevisions.title })
    .from(suggestions)
    .innerJoin(questions, eq(questions.id, suggestions.questionId))
    .innerJoin(
      questionRevisions,
      and(eq(questionRevisions.questionId, suggestions.questionId), eq(questionRevisions.locale, suggestions.locale), eq(questionRevisions.isPublished, true)),
    )
    .where(
      and(
        owned,
        isNotNull(suggestions.decidedAt),
        gt(suggestions.decidedAt, since),
        isNull(suggestions.authorSeenAt),
        inArray(suggestions.status, ["approved", "rejected"]),
      ),
    )
    .orderBy(desc(suggestions.decidedAt), desc(suggestions.id))
    .limit(NOTICE_MAX * 4);
  const proved = new Map(owner.keys.map((k) => [k.clientKey, k.id]));
  return rows
    .filter(({ s }) => (owner.userId !== null && s.authorId === owner.userId) || proved.get(s.clientKey) === s.id)
    .slice(0, NOTICE_MAX)
    .map(({ s, slug, title }) => ({
      id: s.id,
      outcome: outcomeOf(s)!,
      locale: s.locale,
      questionSlug: slug,
      questionTitle: title,
      reason: s.reasonCode ? { code: s.reasonCode, text: s.reasonText } : null,
      decidedAt: s.decidedAt!,
      clientKey: owner.userId !== null && s.authorId === owner.userId ? null : s.clientKey,
    }));
}

/** The owner has seen these decisions: they are not announced again. Returns the ids it marked. */
export async function dismissNotices(db: Db, owner: NoticeOwner, ids: number[]): Promise<number[]> {
  const owned = ownedBy(owner);
  if (!owned || ids.length === 0) return [];
  const candidates = await db
    .select({ id: suggestions.id, authorId: suggestions.authorId, clientKey: suggestions.clientKey })
    .from(suggestions)
    .where(and(inArray(suggestions.id, ids), owned, isNotNull(suggestions.decidedAt), isNull(suggestions.authorSeenAt)));
  const proved = new Map(owner.keys.map((k) => [k.clientKey, k.id]));
  const mine = candidates.filter((c) => (owner.userId !== null && c.authorId === owner.userId) || proved.get(c.clientKey) === c.id).map((c) => c.id);
  if (mine.length === 0) return [];
  const marked = await db
    .update(suggestions)
    .set({ authorSeenAt: new Date() })
    .where(and(inArray(suggestions.id, mine), isNull(suggestions.authorSeenAt)))
    .returning({ id: suggestions.id });
  return marked.map((m) => m.id).sort((a, b) => a - b);
}
