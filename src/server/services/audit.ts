/** The audit log: one row per moderation decision (who, when, what, which ids). */
import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/client";
import { auditLog, questionRevisions, questions } from "../db/schema";

/** The entry's question as published now, in the entry's language (English for none). */
const titled = alias(questionRevisions, "titled_revision");
/** The revision the entry published. */
const published = alias(questionRevisions, "audit_revision");

export type AuditInput = typeof auditLog.$inferInsert;

export async function recordAudit(db: Db, entry: AuditInput): Promise<number> {
  const [row] = await db.insert(auditLog).values(entry).returning({ id: auditLog.id });
  return row.id;
}

function sqlLocale() {
  return eq(titled.locale, sql`coalesce(${auditLog.locale}, 'en')`);
}

export async function listAudit(
  db: Db,
  {
    cursor,
    limit,
    questionSlug,
    actorId,
    action,
  }: { cursor?: number; limit: number; questionSlug?: string; actorId?: string; action?: AuditInput["action"] },
) {
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: auditLog.actorName,
      questionId: auditLog.questionId,
      questionSlug: questions.slug,
      questionTitle: titled.title,
      locale: auditLog.locale,
      suggestionId: auditLog.suggestionId,
      revisionId: auditLog.revisionId,
      revisionNumber: published.number,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(questions, eq(questions.id, auditLog.questionId))
    .leftJoin(
      titled,
      and(
        eq(titled.questionId, auditLog.questionId),
        eq(titled.isPublished, true),
        sqlLocale(),
      ),
    )
    .leftJoin(published, eq(published.id, auditLog.revisionId))
    .where(
      and(
        cursor ? lt(auditLog.id, cursor) : undefined,
        questionSlug ? eq(questions.slug, questionSlug) : undefined,
        actorId ? eq(auditLog.actorId, actorId) : undefined,
        action ? eq(auditLog.action, action) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  // Everyone who decided anything, for the moderator filter.
  const actors = await db
    .selectDistinct({ id: auditLog.actorId, name: auditLog.actorName })
    .from(auditLog)
    .orderBy(asc(auditLog.actorName));
  return {
    items,
    nextCursor: rows.length > limit ? items[items.length - 1].id : null,
    actors: actors.filter((a): a is { id: string; name: string } => a.id !== null),
  };
}
