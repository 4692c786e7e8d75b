CREATE TYPE "public"."gear_status" AS ENUM('available', 'maintenance', 'retired');--> statement-breakpoint
CREATE TYPE "public"."resource_kind" AS ENUM('room', 'engineer', 'gear');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('hold', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show');--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "closures_order" CHECK ("closures"."ends_at" > "closures"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "engineer_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engineer_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"starts_at" time NOT NULL,
	"ends_at" time NOT NULL,
	CONSTRAINT "engineer_hours_weekday" CHECK ("engineer_hours"."weekday" BETWEEN 1 AND 7)
);
--> statement-breakpoint
CREATE TABLE "engineer_time_off" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engineer_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "engineer_time_off_order" CHECK ("engineer_time_off"."ends_at" > "engineer_time_off"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "engineers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"bookable" boolean DEFAULT true NOT NULL,
	"hourly_rate_cents" integer DEFAULT 0 NOT NULL,
	"color" text DEFAULT '#0ea5e9' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engineers_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "engineers_rate_nonneg" CHECK ("engineers"."hourly_rate_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "gear_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"serial_number" text DEFAULT '' NOT NULL,
	"bookable" boolean DEFAULT true NOT NULL,
	"status" "gear_status" DEFAULT 'available' NOT NULL,
	"daily_rate_cents" integer DEFAULT 0 NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gear_rate_nonneg" CHECK ("gear_items"."daily_rate_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "opening_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid,
	"weekday" smallint NOT NULL,
	"opens_at" time NOT NULL,
	"closes_at" time NOT NULL,
	CONSTRAINT "opening_hours_weekday" CHECK ("opening_hours"."weekday" BETWEEN 1 AND 7)
);
--> statement-breakpoint
CREATE TABLE "room_links" (
	"room_id" uuid NOT NULL,
	"linked_room_id" uuid NOT NULL,
	CONSTRAINT "room_links_room_id_linked_room_id_pk" PRIMARY KEY("room_id","linked_room_id"),
	CONSTRAINT "room_links_distinct" CHECK ("room_links"."room_id" <> "room_links"."linked_room_id")
);
--> statement-breakpoint
CREATE TABLE "session_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" "resource_kind" NOT NULL,
	"resource_id" uuid NOT NULL,
	"primary" boolean DEFAULT true NOT NULL,
	"blocked" "tstzrange" NOT NULL,
	"blocking" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"from_status" "session_status",
	"to_status" "session_status" NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"client_id" uuid,
	"room_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" "session_status" NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"price_cents" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"price_breakdown" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"series_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_order" CHECK ("sessions"."ends_at" > "sessions"."starts_at"),
	CONSTRAINT "sessions_price_nonneg" CHECK ("sessions"."price_cents" >= 0),
	CONSTRAINT "sessions_hold_expiry" CHECK ("sessions"."status" <> 'hold' OR "sessions"."hold_expires_at" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "half_day_rate_cents" integer;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "day_rate_cents" integer;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "hourly_rate_with_engineer_cents" integer;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "setup_buffer_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "teardown_buffer_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "min_duration_minutes" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "increment_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "overtime_block_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_hours" ADD CONSTRAINT "engineer_hours_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineer_time_off" ADD CONSTRAINT "engineer_time_off_engineer_id_engineers_id_fk" FOREIGN KEY ("engineer_id") REFERENCES "public"."engineers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_hours" ADD CONSTRAINT "opening_hours_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_links" ADD CONSTRAINT "room_links_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_links" ADD CONSTRAINT "room_links_linked_room_id_rooms_id_fk" FOREIGN KEY ("linked_room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_resources" ADD CONSTRAINT "session_resources_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_status_history" ADD CONSTRAINT "session_status_history_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clients_email_idx" ON "clients" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "closures_range_idx" ON "closures" USING btree ("starts_at","ends_at");--> statement-breakpoint
CREATE INDEX "engineer_hours_engineer_idx" ON "engineer_hours" USING btree ("engineer_id");--> statement-breakpoint
CREATE INDEX "engineer_time_off_idx" ON "engineer_time_off" USING btree ("engineer_id","starts_at");--> statement-breakpoint
CREATE INDEX "opening_hours_room_idx" ON "opening_hours" USING btree ("room_id","weekday");--> statement-breakpoint
CREATE INDEX "session_resources_session_idx" ON "session_resources" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "session_status_history_session_idx" ON "session_status_history" USING btree ("session_id","changed_at");--> statement-breakpoint
CREATE INDEX "sessions_starts_idx" ON "sessions" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "sessions_room_starts_idx" ON "sessions" USING btree ("room_id","starts_at");--> statement-breakpoint
CREATE INDEX "sessions_client_idx" ON "sessions" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "sessions_hold_expiry_idx" ON "sessions" USING btree ("hold_expires_at") WHERE "sessions"."status" = 'hold';--> statement-breakpoint
CREATE INDEX "sessions_series_idx" ON "sessions" USING btree ("series_id");--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_buffers_nonneg" CHECK ("rooms"."setup_buffer_minutes" >= 0 AND "rooms"."teardown_buffer_minutes" >= 0);--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_durations_pos" CHECK ("rooms"."min_duration_minutes" > 0 AND "rooms"."increment_minutes" > 0 AND "rooms"."overtime_block_minutes" > 0);