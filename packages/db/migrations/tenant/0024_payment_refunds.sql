ALTER TABLE "money_documents" ADD COLUMN "refunded_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "refunded_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "money_documents" ADD CONSTRAINT "money_documents_refunded_within_paid" CHECK ("money_documents"."refunded_cents" >= 0 AND "money_documents"."refunded_cents" <= "money_documents"."paid_cents");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_refunded_within" CHECK ("payments"."refunded_cents" >= 0 AND "payments"."refunded_cents" <= "payments"."amount_cents");--> statement-breakpoint
-- Hand-written: what earlier card refunds gave back, from the credit notes they made (each marked with its payment
-- intent, "[pi_…]"), so the balances of invoices refunded before this migration stop counting that money as paid.
UPDATE "payments" AS p SET "refunded_cents" = LEAST(p."amount_cents", r."total")
FROM (
  SELECT p2."id", sum(cn."gross_cents") AS "total"
  FROM "payments" AS p2
  JOIN "money_documents" AS cn ON cn."corrects_id" = p2."document_id" AND cn."kind" = 'credit_note' AND cn."status" <> 'draft'
    AND strpos(cn."notes", '[' || p2."provider_payment_id" || ']') > 0
  WHERE p2."provider_payment_id" IS NOT NULL AND p2."removed_at" IS NULL
  GROUP BY p2."id"
) AS r
WHERE r."id" = p."id";
--> statement-breakpoint
UPDATE "money_documents" AS d SET "refunded_cents" = s."total",
  "status" = CASE
    WHEN d."credited_cents" > 0 AND d."gross_cents" - d."deposits_deducted_cents" - d."credited_cents" <= 0 THEN 'cancelled'
    WHEN d."gross_cents" - d."deposits_deducted_cents" - d."credited_cents" - (d."paid_cents" - s."total") <= 0 THEN 'paid'
    WHEN d."paid_cents" - s."total" > 0 THEN 'partially_paid'
    ELSE 'issued'
  END
FROM (SELECT "document_id", sum("refunded_cents") AS "total" FROM "payments" WHERE "removed_at" IS NULL GROUP BY "document_id" HAVING sum("refunded_cents") > 0) AS s
WHERE s."document_id" = d."id" AND d."status" IN ('issued', 'partially_paid', 'paid', 'cancelled');
--> statement-breakpoint
-- Hand-written: a refund is never taken back: a payment's refunded amount only grows (and not once it is removed).
CREATE OR REPLACE FUNCTION "payments_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payments are never deleted; remove one with a reason' USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_append_only';
  END IF;
  IF OLD."removed_at" IS NOT NULL
    OR (NEW."document_id", NEW."method", NEW."amount_cents", NEW."currency", NEW."received_on", NEW."reference", NEW."provider_payment_id", NEW."recorded_by", NEW."created_at")
       IS DISTINCT FROM (OLD."document_id", OLD."method", OLD."amount_cents", OLD."currency", OLD."received_on", OLD."reference", OLD."provider_payment_id", OLD."recorded_by", OLD."created_at")
    OR NEW."refunded_cents" < OLD."refunded_cents" THEN
    RAISE EXCEPTION 'a payment cannot be changed; remove it with a reason and record it again' USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_append_only';
  END IF;
  RETURN NEW;
END
$$;
