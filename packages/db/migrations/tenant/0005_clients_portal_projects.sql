CREATE TYPE "public"."client_kind" AS ENUM('person', 'company');--> statement-breakpoint
CREATE TYPE "public"."project_stage" AS ENUM('pre_production', 'recording', 'editing', 'mixing', 'mastering', 'delivered');--> statement-breakpoint
CREATE TYPE "public"."project_type" AS ENUM('single', 'ep', 'album', 'podcast', 'other');--> statement-breakpoint
CREATE TYPE "public"."version_label" AS ENUM('demo', 'rough_mix', 'mix', 'master', 'stems', 'other');--> statement-breakpoint
CREATE TYPE "public"."version_processing" AS ENUM('pending', 'ready', 'failed');--> statement-breakpoint
CREATE TABLE "client_contacts" (
	"company_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"can_see_company_items" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_contacts_company_id_person_id_pk" PRIMARY KEY("company_id","person_id"),
	CONSTRAINT "client_contacts_not_self" CHECK ("client_contacts"."company_id" <> "client_contacts"."person_id")
);
--> statement-breakpoint
CREATE TABLE "booking_policy" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"public_booking_enabled" boolean DEFAULT false NOT NULL,
	"instant_booking" boolean DEFAULT false NOT NULL,
	"require_approval" boolean DEFAULT true NOT NULL,
	"hold_hours" integer DEFAULT 48 NOT NULL,
	"deposit_percent" smallint DEFAULT 0 NOT NULL,
	"deposit_due_hours" integer DEFAULT 48 NOT NULL,
	"transfer_details" text DEFAULT '' NOT NULL,
	"cancellation_tiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"policy_text" text DEFAULT '' NOT NULL,
	"portal_change_cutoff_hours" integer DEFAULT 24 NOT NULL,
	"brand_color" text DEFAULT '#6366f1' NOT NULL,
	"logo" "bytea",
	"logo_mime" text,
	"welcome_text" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_policy_single_row" CHECK ("booking_policy"."id" = 1),
	CONSTRAINT "booking_policy_deposit_pct" CHECK ("booking_policy"."deposit_percent" BETWEEN 0 AND 100),
	CONSTRAINT "booking_policy_hours_pos" CHECK ("booking_policy"."hold_hours" > 0 AND "booking_policy"."deposit_due_hours" >= 0 AND "booking_policy"."portal_change_cutoff_hours" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_members" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	CONSTRAINT "project_members_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "project_sessions" (
	"project_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	CONSTRAINT "project_sessions_project_id_session_id_pk" PRIMARY KEY("project_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"client_id" uuid,
	"type" "project_type" DEFAULT 'single' NOT NULL,
	"stage" "project_stage" DEFAULT 'pre_production' NOT NULL,
	"stage_position" real DEFAULT 0 NOT NULL,
	"due_date" date,
	"budget_cents" bigint,
	"currency" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_budget_nonneg" CHECK ("projects"."budget_cents" IS NULL OR "projects"."budget_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"storage_key" text NOT NULL,
	"original_name" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"format" text NOT NULL,
	"mime_type" text NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_files_size_nonneg" CHECK ("stored_files"."size_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "track_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"track_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"label" "version_label" DEFAULT 'mix' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"file_id" uuid NOT NULL,
	"processing" "version_processing" DEFAULT 'pending' NOT NULL,
	"processing_error" text,
	"duration_ms" integer,
	"sample_rate" integer,
	"channels" integer,
	"integrated_lufs" real,
	"true_peak_db" real,
	"peaks_key" text,
	"preview_key" text,
	"release_when_paid" boolean DEFAULT false NOT NULL,
	"invoice_id" uuid,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "track_versions_number_pos" CHECK ("track_versions"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "tracks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"isrc" text DEFAULT '' NOT NULL,
	"bpm" numeric(6, 2),
	"musical_key" text DEFAULT '' NOT NULL,
	"duration_seconds" integer,
	"stage_status" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"lyrics" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"current_version_id" uuid,
	"approved_master_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracks_bpm_pos" CHECK ("tracks"."bpm" IS NULL OR "tracks"."bpm" > 0)
);
--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "public_booking" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "kind" "client_kind" DEFAULT 'person' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "company_type" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "address_line1" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "address_line2" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "postal_code" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "city" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "country" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "website" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "vat_number" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "locale" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "portal_password_hash" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "source" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "approval_status" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "request_message" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "decision_message" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "deposit_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "deposit_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "deposit_received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "policy_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "policy_snapshot" jsonb;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "cancelled_by_kind" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "cancellation_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "refundable_cents" integer;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "kept_cents" integer;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "cancellation_tier" jsonb;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "deposit_moved_from_id" uuid;--> statement-breakpoint
ALTER TABLE "client_contacts" ADD CONSTRAINT "client_contacts_company_id_clients_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_contacts" ADD CONSTRAINT "client_contacts_person_id_clients_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sessions" ADD CONSTRAINT "project_sessions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sessions" ADD CONSTRAINT "project_sessions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_versions" ADD CONSTRAINT "track_versions_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_versions" ADD CONSTRAINT "track_versions_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_contacts_person_idx" ON "client_contacts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "project_members_user_idx" ON "project_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "project_sessions_session_idx" ON "project_sessions" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "projects_board_idx" ON "projects" USING btree ("stage","stage_position") WHERE "projects"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "projects_client_idx" ON "projects" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stored_files_key_idx" ON "stored_files" USING btree ("storage_key");--> statement-breakpoint
CREATE UNIQUE INDEX "track_versions_number_idx" ON "track_versions" USING btree ("track_id","number");--> statement-breakpoint
CREATE INDEX "tracks_project_idx" ON "tracks" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "clients_tags_idx" ON "clients" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "sessions_pending_approval_idx" ON "sessions" USING btree ("starts_at") WHERE "sessions"."approval_status" = 'pending';--> statement-breakpoint
INSERT INTO "booking_policy" ("id") VALUES (1) ON CONFLICT DO NOTHING;
