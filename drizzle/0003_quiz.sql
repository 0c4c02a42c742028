CREATE TABLE "quiz_item_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" varchar(80) NOT NULL,
	"version" integer NOT NULL,
	"hash" varchar(64) NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quiz_items" (
	"id" varchar(80) PRIMARY KEY NOT NULL,
	"topic" varchar(120) NOT NULL,
	"section" varchar(200) NOT NULL,
	"section_index" integer NOT NULL,
	"kind" varchar(16) NOT NULL,
	"version" integer NOT NULL,
	"retired" boolean DEFAULT false NOT NULL,
	"review_needed" boolean DEFAULT false NOT NULL,
	"review_locale" varchar(8),
	"review_revision" integer,
	"review_since" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quiz_progress" (
	"user_id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "quiz_item_versions" ADD CONSTRAINT "quiz_item_versions_item_id_quiz_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."quiz_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_progress" ADD CONSTRAINT "quiz_progress_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quiz_item_versions_item_version_uq" ON "quiz_item_versions" USING btree ("item_id","version");--> statement-breakpoint
CREATE INDEX "quiz_items_topic_idx" ON "quiz_items" USING btree ("topic");--> statement-breakpoint
CREATE INDEX "quiz_items_review_idx" ON "quiz_items" USING btree ("review_needed");