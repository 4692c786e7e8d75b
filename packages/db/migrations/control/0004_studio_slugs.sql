CREATE TABLE "studio_slugs" (
	"slug" text PRIMARY KEY NOT NULL,
	"studio_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studio_slugs" ADD CONSTRAINT "studio_slugs_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studio_slugs_studio_idx" ON "studio_slugs" USING btree ("studio_id");--> statement-breakpoint
-- Hand-written: every studio's current address is reserved for it from now on.
INSERT INTO "studio_slugs" ("slug", "studio_id", "created_at") SELECT "slug", "id", "created_at" FROM "studios" ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Hand-written: a studio's new address (sign-up or rename) is recorded in the same statement, whatever code
-- writes it, and an address another studio had (or has) is refused as a unique violation of studio_slugs_pkey.
-- Two studios claiming one free address at once: the second INSERT waits for the first to commit, then sees
-- its row and is refused.
CREATE FUNCTION "rsm_reserve_studio_slug"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  holder uuid;
BEGIN
  INSERT INTO studio_slugs (slug, studio_id) VALUES (NEW.slug, NEW.id) ON CONFLICT (slug) DO NOTHING;
  SELECT studio_id INTO holder FROM studio_slugs WHERE slug = NEW.slug;
  IF holder IS DISTINCT FROM NEW.id THEN
    RAISE EXCEPTION 'studio address "%" belongs to another studio', NEW.slug USING ERRCODE = 'unique_violation', CONSTRAINT = 'studio_slugs_pkey';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "studios_reserve_slug" AFTER INSERT OR UPDATE OF "slug" ON "studios" FOR EACH ROW EXECUTE FUNCTION "rsm_reserve_studio_slug"();
