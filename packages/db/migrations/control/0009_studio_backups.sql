CREATE TABLE "studio_backups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"studio_id" uuid NOT NULL,
	"day" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"size_bytes" bigint,
	"file" text,
	"encrypted" boolean DEFAULT false NOT NULL,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "studio_backups" ADD CONSTRAINT "studio_backups_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studio_backups_studio_idx" ON "studio_backups" USING btree ("studio_id","finished_at");--> statement-breakpoint
CREATE INDEX "studio_backups_finished_idx" ON "studio_backups" USING btree ("finished_at");