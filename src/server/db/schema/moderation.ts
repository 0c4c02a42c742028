/**
 * Suggested edits, their moderation, uploaded images, rate-limit counters, the audit log and the
 * translation sync marks. Question text itself lives in content.ts (question_revisions).
 */
import { sql } from "drizzle-orm";
import {
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { user } from "./auth";
import { localeEnum, questionRevisions, questions } from "./content";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Uploaded images, re-encoded (metadata stripped) and addressed by the SHA-256 of the stored bytes. */
export const images = pgTable("images", {
  id: serial("id").primaryKey(),
  sha256: varchar("sha256", { length: 64 }).notNull().unique(),
  mime: varchar("mime", { length: 32 }).notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  size: integer("size").notNull(),
  data: bytea("data").notNull(),
  uploaderId: text("uploader_id").references(() => user.id, { onDelete: "set null" }),
  uploaderIpHash: varchar("uploader_ip_hash", { length: 64 }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const suggestionStatusEnum = pgEnum("suggestion_status", ["pending", "approved", "rejected", "superseded"]);
export const imageActionEnum = pgEnum("image_action", ["remove", "set"]);
export const rejectReasonEnum = pgEnum("reject_reason", [
  "inaccurate",
  "unclear",
  "duplicate",
  "out_of_scope",
  "translation",
  "formatting",
  "spam",
  "other",
]);

/**
 * A proposed edit of one question in one locale. Only changed fields are stored: a null text field
 * means "unchanged"; imageAction null means "keep the image".
 */
export const suggestions = pgTable(
  "suggestions",
  {
    id: serial("id").primaryKey(),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    locale: localeEnum("locale").notNull(),
    baseRevisionId: integer("base_revision_id")
      .notNull()
      .references(() => questionRevisions.id, { onDelete: "cascade" }),
    title: text("title"),
    shortAnswer: text("short_answer"),
    body: text("body"),
    imageAction: imageActionEnum("image_action"),
    imageId: integer("image_id").references(() => images.id, { onDelete: "set null" }),
    /** Private: only moderators ever see it. */
    note: text("note"),
    authorId: text("author_id").references(() => user.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    /** Anonymous authors are known only by a salted hash of their IP (for limits and pending caps). */
    authorIpHash: varchar("author_ip_hash", { length: 64 }),
    clientKey: uuid("client_key").notNull().unique(),
    status: suggestionStatusEnum("status").notNull().default("pending"),
    reasonCode: rejectReasonEnum("reason_code"),
    reasonText: text("reason_text"),
    decidedById: text("decided_by_id").references(() => user.id, { onDelete: "set null" }),
    decidedByName: text("decided_by_name"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** Set when the moderator changed the text before approving. */
    editedById: text("edited_by_id").references(() => user.id, { onDelete: "set null" }),
    publishedRevisionId: integer("published_revision_id").references(() => questionRevisions.id, {
      onDelete: "set null",
    }),
    resubmittedFromId: integer("resubmitted_from_id"),
    /** When the author dismissed the notice of the decision (shown on their next visit until then). */
    authorSeenAt: timestamp("author_seen_at", { withTimezone: true }),
    /** When the decision was emailed to the author's account (only with an SMTP server configured). */
    authorEmailedAt: timestamp("author_emailed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The queue: pending, oldest first (id order), for each filter the page offers: none, question and
    // locale, question, locale. Each filtered page reads its 21 rows in order from its own index instead
    // of skipping other rows along the id order (all of them when the filter matches none).
    index("suggestions_pending_idx").on(t.id).where(sql`${t.status} = 'pending'`),
    index("suggestions_pending_question_idx").on(t.questionId, t.locale, t.id).where(sql`${t.status} = 'pending'`),
    index("suggestions_pending_question_any_locale_idx").on(t.questionId, t.id).where(sql`${t.status} = 'pending'`),
    index("suggestions_pending_locale_idx").on(t.locale, t.id).where(sql`${t.status} = 'pending'`),
    index("suggestions_author_idx").on(t.authorId, t.id),
    // Decision notices not yet seen by their author.
    index("suggestions_unseen_decision_idx")
      .on(t.authorId, t.decidedAt)
      .where(sql`${t.decidedAt} is not null and ${t.authorSeenAt} is null`),
    index("suggestions_ip_pending_idx").on(t.authorIpHash).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * How many suggestions are pending, per question and locale, kept by triggers on `suggestions`
 * (migration 0007_queue_counts, which also backfills it): the queue's counts read these few rows
 * instead of counting every pending suggestion. The triggers run at each transaction's commit, so the
 * counts change exactly when the suggestions do. Each (question, locale) is split over 16 stripes by
 * suggestion id (id % 16), so concurrent submits and decisions on one question mostly update different
 * rows; a count is the sum of its stripes. Only the triggers write it.
 */
export const suggestionQueueCounts = pgTable(
  "suggestion_queue_counts",
  {
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    locale: localeEnum("locale").notNull(),
    stripe: smallint("stripe").notNull(),
    pending: integer("pending").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.locale, t.stripe] })],
);

/** Fixed-window counters: one row per (limit key, window start). */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    key: varchar("key", { length: 200 }).notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limit_counters_window_idx").on(t.windowStart)],
);

/**
 * `repo_update`: a changed shipped text was published; `repo_conflict`: it collided with a moderator's edit and
 * went to the queue as a suggestion instead.
 */
export const auditActionEnum = pgEnum("audit_action", [
  "approve",
  "edit_approve",
  "reject",
  "rollback",
  "role_change",
  "repo_update",
  "repo_conflict",
]);

/** Every moderation decision: who, when, what, and the ids it touched. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    action: auditActionEnum("action").notNull(),
    actorId: text("actor_id").references(() => user.id, { onDelete: "set null" }),
    actorName: text("actor_name").notNull(),
    questionId: integer("question_id").references(() => questions.id, { onDelete: "set null" }),
    locale: localeEnum("locale"),
    suggestionId: integer("suggestion_id").references(() => suggestions.id, { onDelete: "set null" }),
    revisionId: integer("revision_id").references(() => questionRevisions.id, { onDelete: "set null" }),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_question_idx").on(t.questionId, t.id)],
);

/**
 * Per question, locale and field: the revision of the OTHER locale this locale's field was last in
 * sync with. A field is stale when the other locale's published value differs from that revision's.
 */
export const translationSync = pgTable(
  "translation_sync",
  {
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    locale: localeEnum("locale").notNull(),
    field: varchar("field", { length: 32 }).notNull(),
    sourceRevisionId: integer("source_revision_id")
      .notNull()
      .references(() => questionRevisions.id, { onDelete: "cascade" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.locale, t.field] })],
);

export type Suggestion = typeof suggestions.$inferSelect;
export type Image = typeof images.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
