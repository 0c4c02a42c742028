ALTER TYPE "public"."revision_source" ADD VALUE 'repo';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'repo_update';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'repo_conflict';--> statement-breakpoint
CREATE TABLE "content_imports" (
	"question_id" integer NOT NULL,
	"locale" "locale" NOT NULL,
	"title" text NOT NULL,
	"short_answer" text NOT NULL,
	"body" text NOT NULL,
	"revision_id" integer,
	"suggestion_id" integer,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_imports_question_id_locale_pk" PRIMARY KEY("question_id","locale")
);
--> statement-breakpoint
ALTER TABLE "content_imports" ADD CONSTRAINT "content_imports_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_imports" ADD CONSTRAINT "content_imports_revision_id_question_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."question_revisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_imports" ADD CONSTRAINT "content_imports_suggestion_id_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."suggestions"("id") ON DELETE set null ON UPDATE no action;