CREATE TYPE "public"."locale" AS ENUM('en', 'uk');--> statement-breakpoint
CREATE TYPE "public"."revision_source" AS ENUM('seed', 'suggestion', 'moderator', 'rollback');--> statement-breakpoint
CREATE TABLE "question_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"question_id" integer NOT NULL,
	"locale" "locale" NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"short_answer" text NOT NULL,
	"body" text NOT NULL,
	"image_id" integer,
	"author_id" text,
	"author_name" text NOT NULL,
	"source" "revision_source" NOT NULL,
	"based_on_revision_id" integer,
	"is_published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" varchar(120) NOT NULL,
	"parent_id" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questions_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "question_revisions" ADD CONSTRAINT "question_revisions_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_parent_id_questions_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."questions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "question_revisions_number_uq" ON "question_revisions" USING btree ("question_id","locale","number");--> statement-breakpoint
CREATE UNIQUE INDEX "question_revisions_published_uq" ON "question_revisions" USING btree ("question_id","locale") WHERE "question_revisions"."is_published";--> statement-breakpoint
CREATE INDEX "question_revisions_question_locale_idx" ON "question_revisions" USING btree ("question_id","locale");