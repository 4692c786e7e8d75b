CREATE TABLE "cluster_backups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"day" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"size_bytes" bigint,
	"dir" text,
	"start_wal" text,
	"error" text
);
--> statement-breakpoint
CREATE INDEX "cluster_backups_finished_idx" ON "cluster_backups" USING btree ("finished_at");--> statement-breakpoint
CREATE INDEX "cluster_backups_day_idx" ON "cluster_backups" USING btree ("day");