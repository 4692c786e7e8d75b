ALTER TABLE "sessions" ADD COLUMN "hold_minutes" integer;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Holds made before this column: their requested length is what they were given at creation.
UPDATE "sessions" SET "hold_minutes" = greatest(1, round(extract(epoch FROM "hold_expires_at" - "created_at") / 60))::integer WHERE "status" = 'hold' AND "hold_expires_at" IS NOT NULL;--> statement-breakpoint
-- Every writer of a session bumps its version, whatever code path it takes (optimistic concurrency).
CREATE FUNCTION "sessions_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "sessions_bump_version" BEFORE UPDATE ON "sessions" FOR EACH ROW EXECUTE FUNCTION "sessions_bump_version"();
