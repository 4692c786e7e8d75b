CREATE TYPE "public"."comment_author_kind" AS ENUM('staff', 'client');--> statement-breakpoint
CREATE TABLE "version_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"parent_id" uuid,
	"author_kind" "comment_author_kind" NOT NULL,
	"author_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"at_ms" integer NOT NULL,
	"end_ms" integer,
	"resolved_at" timestamp with time zone,
	"resolved_by_kind" "comment_author_kind",
	"resolved_by_id" uuid,
	"resolved_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	CONSTRAINT "version_comments_at_nonneg" CHECK ("version_comments"."at_ms" >= 0),
	CONSTRAINT "version_comments_range" CHECK ("version_comments"."end_ms" IS NULL OR "version_comments"."end_ms" > "version_comments"."at_ms"),
	CONSTRAINT "version_comments_body_len" CHECK (char_length("version_comments"."body") BETWEEN 1 AND 5000)
);
--> statement-breakpoint
ALTER TABLE "version_comments" ADD CONSTRAINT "version_comments_version_id_track_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."track_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_comments" ADD CONSTRAINT "version_comments_parent_id_version_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."version_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "version_comments_version_time_idx" ON "version_comments" USING btree ("version_id","at_ms","created_at");--> statement-breakpoint
CREATE INDEX "version_comments_parent_idx" ON "version_comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "version_comments_unnotified_idx" ON "version_comments" USING btree ("version_id") WHERE "version_comments"."notified_at" IS NULL;