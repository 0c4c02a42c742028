import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, varchar } from "drizzle-orm/pg-core";
import { user } from "./auth";

/**
 * The quiz bank as seeded from `content/quiz`: one row per item (its current version and review
 * state) and every version of its content, so a change to an item is kept rather than overwritten.
 */
export const quizItems = pgTable(
  "quiz_items",
  {
    id: varchar("id", { length: 80 }).primaryKey(),
    /** The question (slug) whose answer the item tests, and the section by its place among that answer's headings. */
    topic: varchar("topic", { length: 120 }).notNull(),
    section: varchar("section", { length: 200 }).notNull(),
    sectionIndex: integer("section_index").notNull(),
    kind: varchar("kind", { length: 16 }).notNull(),
    version: integer("version").notNull(),
    /** No longer in the content files (kept for its history). */
    retired: boolean("retired").notNull().default(false),
    /** Set when a moderator publishes a change to the cited section; cleared when reviewed or when the item changes. */
    reviewNeeded: boolean("review_needed").notNull().default(false),
    reviewLocale: varchar("review_locale", { length: 8 }),
    reviewRevision: integer("review_revision"),
    reviewSince: timestamp("review_since", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("quiz_items_topic_idx").on(t.topic), index("quiz_items_review_idx").on(t.reviewNeeded)],
);

export const quizItemVersions = pgTable(
  "quiz_item_versions",
  {
    id: serial("id").primaryKey(),
    itemId: varchar("item_id", { length: 80 })
      .notNull()
      .references(() => quizItems.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** sha-256 of `content`, to tell at a glance whether the files changed the item. */
    hash: varchar("hash", { length: 64 }).notNull(),
    /** The neutral data and every locale's text, as in the files. */
    content: jsonb("content").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("quiz_item_versions_item_version_uq").on(t.itemId, t.version)],
);

export type QuizItemRow = typeof quizItems.$inferSelect;
export type QuizItemVersionRow = typeof quizItemVersions.$inferSelect;


/** A signed-in learner's quiz progress (the browser's JSON, merged with every device's on sync). */
export const quizProgress = pgTable("quiz_progress", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  data: jsonb("data").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
