ALTER TABLE "booking_deposit_checkouts" ALTER COLUMN "session_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_deposit_checkouts" ADD COLUMN "quote_id" uuid;--> statement-breakpoint
ALTER TABLE "money_documents" ADD COLUMN "deposit_paid_by_id" uuid;--> statement-breakpoint
ALTER TABLE "booking_deposit_checkouts" ADD CONSTRAINT "booking_deposit_checkouts_quote_id_money_documents_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."money_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_deposit_checkouts_quote_idx" ON "booking_deposit_checkouts" USING btree ("quote_id");--> statement-breakpoint
ALTER TABLE "booking_deposit_checkouts" ADD CONSTRAINT "booking_deposit_checkouts_one_target" CHECK (num_nonnulls("booking_deposit_checkouts"."session_id", "booking_deposit_checkouts"."quote_id") = 1);--> statement-breakpoint
-- Hand-written: a quote whose deposit was already paid names the deposit invoice that paid it (the first one paid).
UPDATE "money_documents" AS q SET "deposit_paid_by_id" = (
	SELECT d."id" FROM "money_documents" AS d
	WHERE d."from_quote_id" = q."id" AND d."kind" = 'deposit_invoice' AND d."status" <> 'cancelled' AND d."paid_cents" > 0
	ORDER BY d."issued_at", d."sequence" LIMIT 1
) WHERE q."kind" = 'quote';
