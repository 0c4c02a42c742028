/**
 * What the database last imported from the shipped content (content/questions), per question and locale:
 * the three-way base when the repository's text changes again. See services/content-sync.ts.
 */
import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { localeEnum, questionRevisions, questions } from "./content";
import { suggestions } from "./moderation";

export const contentImports = pgTable(
  "content_imports",
  {
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    locale: localeEnum("locale").notNull(),
    /** The shipped text as last imported (whether it was published or sent to the queue). */
    title: text("title").notNull(),
    shortAnswer: text("short_answer").notNull(),
    body: text("body").notNull(),
    /** The last revision published from the shipped text. */
    revisionId: integer("revision_id").references(() => questionRevisions.id, { onDelete: "set null" }),
    /** The suggestion a conflicting shipped change is waiting in, until a newer shipped change replaces it. */
    suggestionId: integer("suggestion_id").references(() => suggestions.id, { onDelete: "set null" }),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.locale] })],
);

export type ContentImport = typeof contentImports.$inferSelect;
