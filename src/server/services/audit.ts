/** The audit log: one row per moderation decision (who, when, what, which ids). */
import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog, questions } from "../db/schema";

export type AuditInput = typeof auditLog.$inferInsert;

export async function recordAudit(db: Db, entry: AuditInput): Promise<number> {
  const [row] = await db.insert(auditLog).values(entry).returning({ id: auditLog.id });
  return row.id;
}

export async function listAudit(
  db: Db,
  { cursor, limit, questionSlug }: { cursor?: number; limit: number; questionSlug?: string },
) {
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: auditLog.actorName,
      questionId: auditLog.questionId,
      questionSlug: questions.slug,
      locale: auditLog.locale,
      suggestionId: auditLog.suggestionId,
      revisionId: auditLog.revisionId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(questions, eq(questions.id, auditLog.questionId))
    .where(and(cursor ? lt(auditLog.id, cursor) : undefined, questionSlug ? eq(questions.slug, questionSlug) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
