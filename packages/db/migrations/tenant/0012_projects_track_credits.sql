CREATE TABLE "track_credits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"track_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"client_id" uuid,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"instruments" text[] DEFAULT '{}'::text[] NOT NULL,
	"split_percent" numeric(5, 2),
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "track_credits_split_range" CHECK ("track_credits"."split_percent" IS NULL OR ("track_credits"."split_percent" >= 0 AND "track_credits"."split_percent" <= 100)),
	CONSTRAINT "track_credits_name_present" CHECK (length(btrim("track_credits"."person_name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "track_credits" ADD CONSTRAINT "track_credits_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_credits" ADD CONSTRAINT "track_credits_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "track_credits_track_idx" ON "track_credits" USING btree ("track_id","position");--> statement-breakpoint
CREATE INDEX "track_credits_client_idx" ON "track_credits" USING btree ("client_id");