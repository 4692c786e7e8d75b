CREATE TABLE "booking_deposit_checkouts" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "booking_deposit_checkouts" ADD CONSTRAINT "booking_deposit_checkouts_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_deposit_checkouts_session_idx" ON "booking_deposit_checkouts" USING btree ("session_id");