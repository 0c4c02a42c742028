import { boolean, integer, pgTable, primaryKey, text, timestamp, varchar } from "drizzle-orm/pg-core";
import { user } from "./auth";

/** A signed-in learner's progress on one exercise (merged with every device's on sync). */
export const exerciseProgress = pgTable(
  "exercise_progress",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    slug: varchar("slug", { length: 80 }).notNull(),
    /** "started" or "done". */
    status: varchar("status", { length: 16 }).notNull(),
    solutionShown: boolean("solution_shown").notNull().default(false),
    hints: integer("hints").notNull().default(0),
    /** When the learner last changed it (the device's clock). */
    at: timestamp("at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.slug] })],
);

export type ExerciseProgressRow = typeof exerciseProgress.$inferSelect;
