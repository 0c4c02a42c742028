import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

export const localeEnum = pgEnum("locale", ["en", "uk"]);

/** A question: the main article or one of its follow-ups. Text lives in revisions, per locale. */
export const questions = pgTable("questions", {
  id: serial("id").primaryKey(),
  slug: varchar("slug", { length: 120 }).notNull().unique(),
  parentId: integer("parent_id").references((): AnyPgColumn => questions.id, { onDelete: "set null" }),
  position: integer("position").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** `repo`: a change to the shipped content (content/questions) that reached an existing database at start-up. */
export const revisionSourceEnum = pgEnum("revision_source", ["seed", "suggestion", "moderator", "rollback", "repo"]);

/**
 * One version of a question's text in one locale. Numbers count up per (question, locale);
 * exactly one revision per (question, locale) is published (a partial unique index holds that).
 */
export const questionRevisions = pgTable(
  "question_revisions",
  {
    id: serial("id").primaryKey(),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    locale: localeEnum("locale").notNull(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    shortAnswer: text("short_answer").notNull(),
    body: text("body").notNull(),
    imageId: integer("image_id"),
    authorId: text("author_id"),
    authorName: text("author_name").notNull(),
    source: revisionSourceEnum("source").notNull(),
    basedOnRevisionId: integer("based_on_revision_id"),
    isPublished: boolean("is_published").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("question_revisions_number_uq").on(t.questionId, t.locale, t.number),
    uniqueIndex("question_revisions_published_uq")
      .on(t.questionId, t.locale)
      .where(sql`${t.isPublished}`),
    index("question_revisions_question_locale_idx").on(t.questionId, t.locale),
  ],
);

export type Question = typeof questions.$inferSelect;
export type QuestionRevision = typeof questionRevisions.$inferSelect;
export type Locale = (typeof localeEnum.enumValues)[number];
