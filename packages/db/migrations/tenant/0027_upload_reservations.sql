CREATE TABLE "upload_reservations" (
	"upload_id" text PRIMARY KEY NOT NULL,
	"size_bytes" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "upload_reservations_size_nonneg" CHECK ("upload_reservations"."size_bytes" >= 0),
	CONSTRAINT "upload_reservations_id_format" CHECK ("upload_reservations"."upload_id" ~ '^[0-9a-f]{32}$')
);
--> statement-breakpoint
CREATE INDEX "upload_reservations_expires_idx" ON "upload_reservations" USING btree ("expires_at");