CREATE TABLE "billing_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"registration_number" text DEFAULT '' NOT NULL,
	"legal_form" text DEFAULT '' NOT NULL,
	"share_capital_cents" integer,
	"iban" text DEFAULT '' NOT NULL,
	"bic" text DEFAULT '' NOT NULL,
	"payment_terms_days" smallint DEFAULT 30 NOT NULL,
	"late_payment_text" text,
	"invoice_prefix" text DEFAULT 'F' NOT NULL,
	"credit_note_prefix" text DEFAULT 'AV' NOT NULL,
	"quote_prefix" text DEFAULT 'D' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_settings_single_row" CHECK ("billing_settings"."id" = 1),
	CONSTRAINT "billing_settings_terms_range" CHECK ("billing_settings"."payment_terms_days" BETWEEN 0 AND 365),
	CONSTRAINT "billing_settings_capital_nonneg" CHECK ("billing_settings"."share_capital_cents" IS NULL OR "billing_settings"."share_capital_cents" >= 0),
	CONSTRAINT "billing_settings_prefixes" CHECK ("billing_settings"."invoice_prefix" ~ '^[A-Z0-9]{1,8}$' AND "billing_settings"."credit_note_prefix" ~ '^[A-Z0-9]{1,8}$' AND "billing_settings"."quote_prefix" ~ '^[A-Z0-9]{1,8}$')
);
--> statement-breakpoint
CREATE TABLE "catalogue_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"unit" text NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"vat_rate_id" uuid NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_items_price_nonneg" CHECK ("catalogue_items"."unit_price_cents" >= 0),
	CONSTRAINT "catalogue_items_unit_known" CHECK ("catalogue_items"."unit" IN ('hour', 'day', 'session', 'item'))
);
--> statement-breakpoint
CREATE TABLE "document_counters" (
	"series" text NOT NULL,
	"year" smallint NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_counters_series_year_pk" PRIMARY KEY("series","year"),
	CONSTRAINT "document_counters_series_known" CHECK ("document_counters"."series" IN ('invoice', 'credit_note', 'quote')),
	CONSTRAINT "document_counters_year_range" CHECK ("document_counters"."year" BETWEEN 2000 AND 9999),
	CONSTRAINT "document_counters_nonneg" CHECK ("document_counters"."last_number" >= 0)
);
--> statement-breakpoint
CREATE TABLE "vat_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"basis_points" integer NOT NULL,
	"category" text DEFAULT 'S' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vat_rates_basis_points_range" CHECK ("vat_rates"."basis_points" BETWEEN 0 AND 10000),
	CONSTRAINT "vat_rates_category_known" CHECK ("vat_rates"."category" IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O')),
	CONSTRAINT "vat_rates_default_is_active" CHECK (NOT ("vat_rates"."is_default" AND "vat_rates"."archived_at" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "catalogue_items" ADD CONSTRAINT "catalogue_items_vat_rate_id_vat_rates_id_fk" FOREIGN KEY ("vat_rate_id") REFERENCES "public"."vat_rates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalogue_items_active_idx" ON "catalogue_items" USING btree ("name") WHERE "catalogue_items"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "catalogue_items_vat_rate_idx" ON "catalogue_items" USING btree ("vat_rate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vat_rates_one_default" ON "vat_rates" USING btree ("is_default") WHERE "vat_rates"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "vat_rates_active_unique" ON "vat_rates" USING btree ("basis_points","category") WHERE "vat_rates"."archived_at" IS NULL;--> statement-breakpoint
-- Hand-written (ADR 0016): once a studio has VAT rates, exactly one of them is the default. The unique index
-- above allows at most one; this deferred check, run at commit, refuses none, so changing the default
-- (unset the old, set the new) is one transaction that is never seen half-done.
CREATE FUNCTION "vat_rates_check_default"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "vat_rates") AND NOT EXISTS (SELECT 1 FROM "vat_rates" WHERE "is_default") THEN
    RAISE EXCEPTION 'exactly one VAT rate must be the default' USING ERRCODE = 'check_violation', CONSTRAINT = 'vat_rates_default_exists';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "vat_rates_default_exists" AFTER INSERT OR UPDATE OR DELETE ON "vat_rates"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "vat_rates_check_default"();
--> statement-breakpoint
-- Hand-written: a rate's percentage and category never change once created — catalogue items and documents
-- refer to it, and a rate that changed under them would silently reprice them. A new rate is a new row.
CREATE FUNCTION "vat_rates_keep_rate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."basis_points" IS DISTINCT FROM OLD."basis_points" OR NEW."category" IS DISTINCT FROM OLD."category" THEN
    RAISE EXCEPTION 'a VAT rate''s percentage and category cannot change' USING ERRCODE = 'check_violation', CONSTRAINT = 'vat_rates_rate_fixed';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "vat_rates_keep_rate" BEFORE UPDATE OF "basis_points", "category" ON "vat_rates"
  FOR EACH ROW EXECUTE FUNCTION "vat_rates_keep_rate"();
--> statement-breakpoint
-- Hand-written: every studio, from the template on, starts with the French rates (20 % standard, the default;
-- 10 % intermediate; 5.5 % reduced; 2.1 % super-reduced) and its billing settings row with the default prefixes.
INSERT INTO "vat_rates" ("basis_points", "is_default") VALUES (2000, true), (1000, false), (550, false), (210, false);
--> statement-breakpoint
INSERT INTO "billing_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
