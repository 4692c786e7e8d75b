CREATE TYPE "public"."share_event_kind" AS ENUM('view', 'play', 'download');--> statement-breakpoint
CREATE TYPE "public"."share_target_kind" AS ENUM('version', 'track', 'project');--> statement-breakpoint
CREATE TABLE "share_link_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"kind" "share_event_kind" NOT NULL,
	"version_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_kind" "share_target_kind" NOT NULL,
	"project_id" uuid NOT NULL,
	"track_id" uuid,
	"version_id" uuid,
	"token_hash" text NOT NULL,
	"recipient_name" text DEFAULT '' NOT NULL,
	"recipient_email" text DEFAULT '' NOT NULL,
	"client_id" uuid,
	"password_hash" text,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"allow_download" boolean DEFAULT false NOT NULL,
	"view_count" integer DEFAULT 0 NOT NULL,
	"play_count" integer DEFAULT 0 NOT NULL,
	"download_count" integer DEFAULT 0 NOT NULL,
	"last_accessed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "share_links_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "share_links_target_shape" CHECK (("share_links"."target_kind" = 'project' AND "share_links"."track_id" IS NULL AND "share_links"."version_id" IS NULL)
        OR ("share_links"."target_kind" = 'track' AND "share_links"."track_id" IS NOT NULL AND "share_links"."version_id" IS NULL)
        OR ("share_links"."target_kind" = 'version' AND "share_links"."track_id" IS NOT NULL AND "share_links"."version_id" IS NOT NULL)),
	CONSTRAINT "share_links_counts_nonneg" CHECK ("share_links"."view_count" >= 0 AND "share_links"."play_count" >= 0 AND "share_links"."download_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "share_link_events" ADD CONSTRAINT "share_link_events_link_id_share_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."share_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_link_events" ADD CONSTRAINT "share_link_events_version_id_track_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."track_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_version_id_track_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."track_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "share_link_events_link_at_idx" ON "share_link_events" USING btree ("link_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "share_links_project_idx" ON "share_links" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "share_links_track_idx" ON "share_links" USING btree ("track_id");--> statement-breakpoint
CREATE INDEX "share_links_version_idx" ON "share_links" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "share_links_client_idx" ON "share_links" USING btree ("client_id") WHERE "share_links"."revoked_at" IS NULL;