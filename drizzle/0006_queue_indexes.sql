CREATE INDEX "suggestions_pending_question_any_locale_idx" ON "suggestions" USING btree ("question_id","id") WHERE "suggestions"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "suggestions_pending_locale_idx" ON "suggestions" USING btree ("locale","id") WHERE "suggestions"."status" = 'pending';--> statement-breakpoint
-- Written by hand (drizzle-kit has no statistics objects). Without them the planner multiplies the
-- fractions of pending rows, of a question and of a locale as if independent, so a filter that matches
-- few or no pending suggestions looks common, and it walks the id order skipping rows (all 100,000 when
-- none match) instead of reading the filter's own index.
CREATE STATISTICS "suggestions_queue_stats" (mcv) ON "status", "question_id", "locale" FROM "suggestions";
