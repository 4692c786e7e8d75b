CREATE TABLE "money_document_deductions" (
	"final_invoice_id" uuid NOT NULL,
	"deposit_invoice_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	CONSTRAINT "money_document_deductions_final_invoice_id_deposit_invoice_id_pk" PRIMARY KEY("final_invoice_id","deposit_invoice_id"),
	CONSTRAINT "money_document_deductions_amount" CHECK ("money_document_deductions"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "money_document_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"source" text NOT NULL,
	"catalogue_item_id" uuid,
	"session_id" uuid,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit" text NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"discount_kind" text,
	"discount_value" integer,
	"vat_rate_id" uuid NOT NULL,
	"vat_basis_points" integer NOT NULL,
	"vat_category" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"line_discount_cents" integer NOT NULL,
	"document_discount_cents" integer NOT NULL,
	"net_cents" integer NOT NULL,
	CONSTRAINT "money_document_lines_source_known" CHECK ("money_document_lines"."source" IN ('catalogue', 'session', 'free')),
	CONSTRAINT "money_document_lines_unit_known" CHECK ("money_document_lines"."unit" IN ('hour', 'day', 'session', 'item')),
	CONSTRAINT "money_document_lines_amounts_nonneg" CHECK ("money_document_lines"."quantity" > 0 AND "money_document_lines"."unit_price_cents" >= 0 AND "money_document_lines"."amount_cents" >= 0 AND "money_document_lines"."line_discount_cents" >= 0 AND "money_document_lines"."document_discount_cents" >= 0 AND "money_document_lines"."net_cents" >= 0),
	CONSTRAINT "money_document_lines_net" CHECK ("money_document_lines"."net_cents" = "money_document_lines"."amount_cents" - "money_document_lines"."line_discount_cents" - "money_document_lines"."document_discount_cents"),
	CONSTRAINT "money_document_lines_discount" CHECK (("money_document_lines"."discount_kind" IS NULL) = ("money_document_lines"."discount_value" IS NULL) AND coalesce("money_document_lines"."discount_value", 0) >= 0),
	CONSTRAINT "money_document_lines_rate" CHECK ("money_document_lines"."vat_basis_points" BETWEEN 0 AND 10000)
);
--> statement-breakpoint
CREATE TABLE "money_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"client_id" uuid NOT NULL,
	"project_id" uuid,
	"currency" text NOT NULL,
	"issue_date" date,
	"due_date" date,
	"valid_until" date,
	"service_date" date,
	"series" text,
	"year" smallint,
	"sequence" integer,
	"number" text,
	"discount_kind" text,
	"discount_value" integer,
	"notes" text DEFAULT '' NOT NULL,
	"subtotal_cents" integer DEFAULT 0 NOT NULL,
	"discount_cents" integer DEFAULT 0 NOT NULL,
	"net_cents" integer DEFAULT 0 NOT NULL,
	"vat_cents" integer DEFAULT 0 NOT NULL,
	"gross_cents" integer DEFAULT 0 NOT NULL,
	"deposits_deducted_cents" integer DEFAULT 0 NOT NULL,
	"paid_cents" integer DEFAULT 0 NOT NULL,
	"credited_cents" integer DEFAULT 0 NOT NULL,
	"corrects_id" uuid,
	"from_quote_id" uuid,
	"snapshot" jsonb,
	"pdf_key" text,
	"issued_at" timestamp with time zone,
	"issued_by" uuid,
	"deposit_basis_points" integer,
	"deposit_cents" integer,
	"accept_token_hash" text,
	"responded_at" timestamp with time zone,
	"responded_name" text,
	"responded_ip" "inet",
	"reminders_sent" smallint DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "money_documents_kind_known" CHECK ("money_documents"."kind" IN ('quote', 'invoice', 'deposit_invoice', 'final_invoice', 'credit_note')),
	CONSTRAINT "money_documents_status_known" CHECK ("money_documents"."status" IN ('draft', 'issued', 'partially_paid', 'paid', 'cancelled', 'sent', 'accepted', 'declined', 'expired', 'invoiced')),
	CONSTRAINT "money_documents_number_iff_issued" CHECK (("money_documents"."status" = 'draft') = ("money_documents"."number" IS NULL) AND ("money_documents"."number" IS NULL) = ("money_documents"."series" IS NULL) AND ("money_documents"."number" IS NULL) = ("money_documents"."year" IS NULL) AND ("money_documents"."number" IS NULL) = ("money_documents"."sequence" IS NULL) AND ("money_documents"."number" IS NULL) = ("money_documents"."issue_date" IS NULL)),
	CONSTRAINT "money_documents_amounts_nonneg" CHECK ("money_documents"."subtotal_cents" >= 0 AND "money_documents"."discount_cents" >= 0 AND "money_documents"."net_cents" >= 0 AND "money_documents"."vat_cents" >= 0 AND "money_documents"."gross_cents" >= 0 AND "money_documents"."deposits_deducted_cents" >= 0 AND "money_documents"."paid_cents" >= 0 AND "money_documents"."credited_cents" >= 0),
	CONSTRAINT "money_documents_totals_add_up" CHECK ("money_documents"."net_cents" = "money_documents"."subtotal_cents" - "money_documents"."discount_cents" AND "money_documents"."gross_cents" = "money_documents"."net_cents" + "money_documents"."vat_cents"),
	CONSTRAINT "money_documents_deductions_within" CHECK ("money_documents"."deposits_deducted_cents" + "money_documents"."credited_cents" <= "money_documents"."gross_cents"),
	CONSTRAINT "money_documents_credit_note_corrects" CHECK (("money_documents"."kind" = 'credit_note') = ("money_documents"."corrects_id" IS NOT NULL)),
	CONSTRAINT "money_documents_deductions_final_only" CHECK ("money_documents"."kind" = 'final_invoice' OR "money_documents"."deposits_deducted_cents" = 0),
	CONSTRAINT "money_documents_discount" CHECK (("money_documents"."discount_kind" IS NULL) = ("money_documents"."discount_value" IS NULL) AND coalesce("money_documents"."discount_value", 0) >= 0),
	CONSTRAINT "money_documents_deposit_ask" CHECK ("money_documents"."deposit_basis_points" IS NULL OR "money_documents"."deposit_cents" IS NULL),
	CONSTRAINT "money_documents_currency" CHECK ("money_documents"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"method" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"received_on" date NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"provider_payment_id" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_reason" text,
	"removed_by" uuid,
	CONSTRAINT "payments_method_known" CHECK ("payments"."method" IN ('transfer', 'cash', 'cheque', 'card_terminal', 'other', 'online')),
	CONSTRAINT "payments_amount_pos" CHECK ("payments"."amount_cents" > 0),
	CONSTRAINT "payments_removal_reasoned" CHECK (("payments"."removed_at" IS NULL) = ("payments"."removed_reason" IS NULL) AND coalesce(length(trim("payments"."removed_reason")), 1) > 0)
);
--> statement-breakpoint
ALTER TABLE "money_document_deductions" ADD CONSTRAINT "money_document_deductions_final_invoice_id_money_documents_id_fk" FOREIGN KEY ("final_invoice_id") REFERENCES "public"."money_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_document_deductions" ADD CONSTRAINT "money_document_deductions_deposit_invoice_id_money_documents_id_fk" FOREIGN KEY ("deposit_invoice_id") REFERENCES "public"."money_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_document_lines" ADD CONSTRAINT "money_document_lines_document_id_money_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."money_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_document_lines" ADD CONSTRAINT "money_document_lines_catalogue_item_id_catalogue_items_id_fk" FOREIGN KEY ("catalogue_item_id") REFERENCES "public"."catalogue_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_document_lines" ADD CONSTRAINT "money_document_lines_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_document_lines" ADD CONSTRAINT "money_document_lines_vat_rate_id_vat_rates_id_fk" FOREIGN KEY ("vat_rate_id") REFERENCES "public"."vat_rates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_documents" ADD CONSTRAINT "money_documents_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_documents" ADD CONSTRAINT "money_documents_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_document_id_money_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."money_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "money_document_deductions_once" ON "money_document_deductions" USING btree ("deposit_invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "money_document_lines_position" ON "money_document_lines" USING btree ("document_id","position");--> statement-breakpoint
CREATE INDEX "money_document_lines_session_idx" ON "money_document_lines" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "money_documents_number_unique" ON "money_documents" USING btree ("series","year","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "money_documents_accept_token_unique" ON "money_documents" USING btree ("accept_token_hash");--> statement-breakpoint
CREATE INDEX "money_documents_kind_status_date_idx" ON "money_documents" USING btree ("kind","status","issue_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "money_documents_kind_date_idx" ON "money_documents" USING btree ("kind","issue_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "money_documents_client_date_idx" ON "money_documents" USING btree ("client_id","issue_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "money_documents_project_idx" ON "money_documents" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "money_documents_open_due_idx" ON "money_documents" USING btree ("due_date") WHERE "money_documents"."status" IN ('issued', 'partially_paid');--> statement-breakpoint
CREATE INDEX "money_documents_quote_validity_idx" ON "money_documents" USING btree ("valid_until") WHERE "money_documents"."status" = 'sent';--> statement-breakpoint
CREATE INDEX "money_documents_corrects_idx" ON "money_documents" USING btree ("corrects_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_unique" ON "payments" USING btree ("provider_payment_id") WHERE "payments"."provider_payment_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "payments_document_idx" ON "payments" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "payments_received_idx" ON "payments" USING btree ("received_on" DESC NULLS LAST);--> statement-breakpoint
-- Hand-written: a credit note points at the invoice it corrects, an invoice at the quote it came from.
ALTER TABLE "money_documents" ADD CONSTRAINT "money_documents_corrects_fk" FOREIGN KEY ("corrects_id") REFERENCES "money_documents"("id") ON DELETE restrict;--> statement-breakpoint
ALTER TABLE "money_documents" ADD CONSTRAINT "money_documents_from_quote_fk" FOREIGN KEY ("from_quote_id") REFERENCES "money_documents"("id") ON DELETE restrict;--> statement-breakpoint
-- Hand-written (issue 11): an issued document is frozen. Once out of draft, only its life after issue may change
-- (status, running paid / credited sums, the quote's answer, reminders sent); its number, dates, parties, amounts,
-- snapshot and PDF never do, it never goes back to draft, and it is never deleted — a credit note corrects it.
CREATE FUNCTION "money_documents_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'draft' THEN
      RAISE EXCEPTION 'issued document % cannot be deleted', OLD."number" USING ERRCODE = 'check_violation', CONSTRAINT = 'money_documents_issued_frozen';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" <> 'draft' AND (
    NEW."status" = 'draft'
    OR (NEW."kind", NEW."client_id", NEW."currency", NEW."issue_date", NEW."due_date", NEW."valid_until", NEW."service_date",
        NEW."series", NEW."year", NEW."sequence", NEW."number", NEW."discount_kind", NEW."discount_value", NEW."notes",
        NEW."subtotal_cents", NEW."discount_cents", NEW."net_cents", NEW."vat_cents", NEW."gross_cents",
        NEW."deposits_deducted_cents", NEW."corrects_id", NEW."from_quote_id", NEW."snapshot", NEW."pdf_key",
        NEW."issued_at", NEW."deposit_basis_points", NEW."deposit_cents")
      IS DISTINCT FROM
       (OLD."kind", OLD."client_id", OLD."currency", OLD."issue_date", OLD."due_date", OLD."valid_until", OLD."service_date",
        OLD."series", OLD."year", OLD."sequence", OLD."number", OLD."discount_kind", OLD."discount_value", OLD."notes",
        OLD."subtotal_cents", OLD."discount_cents", OLD."net_cents", OLD."vat_cents", OLD."gross_cents",
        OLD."deposits_deducted_cents", OLD."corrects_id", OLD."from_quote_id", OLD."snapshot", OLD."pdf_key",
        OLD."issued_at", OLD."deposit_basis_points", OLD."deposit_cents")
  ) THEN
    RAISE EXCEPTION 'issued document % cannot be changed; correct it with a credit note', OLD."number" USING ERRCODE = 'check_violation', CONSTRAINT = 'money_documents_issued_frozen';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "money_documents_frozen" BEFORE UPDATE OR DELETE ON "money_documents"
  FOR EACH ROW EXECUTE FUNCTION "money_documents_frozen"();
--> statement-breakpoint
-- Hand-written: the lines and deductions of a document that is no longer a draft cannot be added, changed or removed.
CREATE FUNCTION "money_document_parts_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent uuid;
  parent_status text;
BEGIN
  IF TG_TABLE_NAME = 'money_document_lines' THEN
    parent := CASE WHEN TG_OP = 'DELETE' THEN OLD."document_id" ELSE NEW."document_id" END;
  ELSE
    parent := CASE WHEN TG_OP = 'DELETE' THEN OLD."final_invoice_id" ELSE NEW."final_invoice_id" END;
  END IF;
  SELECT "status" INTO parent_status FROM "money_documents" WHERE "id" = parent;
  -- A draft deleted with its lines (ON DELETE CASCADE) no longer exists here by then: nothing to protect.
  IF parent_status IS NOT NULL AND parent_status <> 'draft' THEN
    RAISE EXCEPTION 'the lines of an issued document cannot be changed' USING ERRCODE = 'check_violation', CONSTRAINT = 'money_documents_issued_frozen';
  END IF;
  -- Nested: PL/pgSQL does not promise to stop at the first false operand, and a deduction row has no document_id.
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'money_document_lines' THEN
    IF NEW."document_id" <> OLD."document_id" THEN
      RAISE EXCEPTION 'a line cannot move to another document' USING ERRCODE = 'check_violation', CONSTRAINT = 'money_documents_issued_frozen';
    END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "money_document_lines_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "money_document_lines"
  FOR EACH ROW EXECUTE FUNCTION "money_document_parts_frozen"();
--> statement-breakpoint
CREATE TRIGGER "money_document_deductions_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "money_document_deductions"
  FOR EACH ROW EXECUTE FUNCTION "money_document_parts_frozen"();
--> statement-breakpoint
-- Hand-written: a payment is never deleted, never edited; it is removed once, with a reason, and stays on record.
CREATE FUNCTION "payments_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payments are never deleted; remove one with a reason' USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_append_only';
  END IF;
  IF OLD."removed_at" IS NOT NULL
    OR (NEW."document_id", NEW."method", NEW."amount_cents", NEW."currency", NEW."received_on", NEW."reference", NEW."provider_payment_id", NEW."recorded_by", NEW."created_at")
       IS DISTINCT FROM (OLD."document_id", OLD."method", OLD."amount_cents", OLD."currency", OLD."received_on", OLD."reference", OLD."provider_payment_id", OLD."recorded_by", OLD."created_at") THEN
    RAISE EXCEPTION 'a payment cannot be changed; remove it with a reason and record it again' USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_append_only';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "payments_append_only" BEFORE UPDATE OR DELETE ON "payments"
  FOR EACH ROW EXECUTE FUNCTION "payments_append_only"();
