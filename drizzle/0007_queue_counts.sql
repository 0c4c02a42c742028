CREATE TABLE "suggestion_queue_counts" (
	"question_id" integer NOT NULL,
	"locale" "locale" NOT NULL,
	"stripe" smallint NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "suggestion_queue_counts_question_id_locale_stripe_pk" PRIMARY KEY("question_id","locale","stripe")
);
--> statement-breakpoint
ALTER TABLE "suggestion_queue_counts" ADD CONSTRAINT "suggestion_queue_counts_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Written by hand from here on (drizzle-kit writes no functions or triggers): what keeps the table
-- above equal to the pending suggestions, counted per question, locale and stripe, and the backfill.
--
-- No submit or decision may slip between the triggers and the backfill: this lock waits for the
-- writers in flight and holds new ones until the migration commits (the triggers would take it too).
LOCK TABLE "suggestions" IN SHARE ROW EXCLUSIVE MODE;--> statement-breakpoint
-- The stripe a suggestion is counted in. By id, so the row that counted a suggestion is the row that
-- uncounts it (always there, never below zero), and consecutive submits land on different rows.
CREATE FUNCTION "suggestion_queue_stripe"("id" integer) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ("id" % 16)::smallint $$;--> statement-breakpoint
CREATE FUNCTION "suggestion_queue_counts_track"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF OLD.status = 'pending' THEN
      -- No row means its question was deleted (the row went with it): nothing left to count.
      UPDATE "suggestion_queue_counts" SET "pending" = "pending" - 1
      WHERE "question_id" = OLD.question_id AND "locale" = OLD.locale AND "stripe" = suggestion_queue_stripe(OLD.id);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF NEW.status = 'pending' THEN
      -- Unless the question was deleted later in the same transaction (its suggestions went with it).
      INSERT INTO "suggestion_queue_counts" AS c ("question_id", "locale", "stripe", "pending")
      SELECT NEW.question_id, NEW.locale, suggestion_queue_stripe(NEW.id), 1
      WHERE EXISTS (SELECT 1 FROM "questions" WHERE "id" = NEW.question_id)
      ON CONFLICT ("question_id", "locale", "stripe") DO UPDATE SET "pending" = c.pending + 1;
    END IF;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Deferred to the commit, so a counts row is the last lock a transaction takes and holds it only while
-- committing. Taken at once, it could deadlock: an approval updates the suggestion (locking its counts
-- row) and then locks the question row, while a submit holds a share lock on that question (its
-- foreign key) and waits for the same counts row.
CREATE CONSTRAINT TRIGGER "suggestions_queue_counts_insert" AFTER INSERT ON "suggestions"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (NEW.status = 'pending')
EXECUTE FUNCTION suggestion_queue_counts_track();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "suggestions_queue_counts_update" AFTER UPDATE OF "status", "question_id", "locale", "id" ON "suggestions"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN ((OLD.status = 'pending' OR NEW.status = 'pending')
  AND (OLD.status, OLD.question_id, OLD.locale, OLD.id) IS DISTINCT FROM (NEW.status, NEW.question_id, NEW.locale, NEW.id))
EXECUTE FUNCTION suggestion_queue_counts_track();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "suggestions_queue_counts_delete" AFTER DELETE ON "suggestions"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD.status = 'pending')
EXECUTE FUNCTION suggestion_queue_counts_track();--> statement-breakpoint
-- TRUNCATE fires no row triggers. (Changes made earlier in the same transaction are still counted at
-- its commit; truncate in a transaction of its own.)
CREATE FUNCTION "suggestion_queue_counts_clear"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  DELETE FROM "suggestion_queue_counts";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "suggestions_queue_counts_truncate" AFTER TRUNCATE ON "suggestions"
FOR EACH STATEMENT EXECUTE FUNCTION suggestion_queue_counts_clear();--> statement-breakpoint
-- The backfill: the suggestions already pending.
INSERT INTO "suggestion_queue_counts" ("question_id", "locale", "stripe", "pending")
SELECT "question_id", "locale", suggestion_queue_stripe("id"), count(*)
FROM "suggestions"
WHERE "status" = 'pending'
GROUP BY 1, 2, 3;
