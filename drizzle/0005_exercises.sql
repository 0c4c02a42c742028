CREATE TABLE "exercise_progress" (
	"user_id" text NOT NULL,
	"slug" varchar(80) NOT NULL,
	"status" varchar(16) NOT NULL,
	"solution_shown" boolean DEFAULT false NOT NULL,
	"hints" integer DEFAULT 0 NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exercise_progress_user_id_slug_pk" PRIMARY KEY("user_id","slug")
);
--> statement-breakpoint
ALTER TABLE "exercise_progress" ADD CONSTRAINT "exercise_progress_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;