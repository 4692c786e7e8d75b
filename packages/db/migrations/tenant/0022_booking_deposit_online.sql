ALTER TABLE "sessions" ADD COLUMN "deposit_link_hash" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "deposit_invoice_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_deposit_link_idx" ON "sessions" USING btree ("deposit_link_hash") WHERE "sessions"."deposit_link_hash" IS NOT NULL;