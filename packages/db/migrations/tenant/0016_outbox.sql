CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_pending_key_uq" ON "outbox" USING btree ("dedupe_key") WHERE "outbox"."done_at" IS NULL;--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("due_at") WHERE "outbox"."done_at" IS NULL;--> statement-breakpoint
CREATE INDEX "outbox_done_idx" ON "outbox" USING btree ("done_at");--> statement-breakpoint
-- Hand-written: work that follows a change to a session is recorded by the very transaction that makes the
-- change (#10.5, ADR 15), so a crash after the commit cannot lose a hold's expiry, a reminder or a notice.
CREATE FUNCTION "outbox_iso"(ts timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;
--> statement-breakpoint
CREATE FUNCTION "outbox_record"(p_kind text, p_key text, p_due timestamptz, p_payload jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "outbox" ("kind", "dedupe_key", "due_at", "payload") VALUES (p_kind, p_key, p_due, p_payload)
  ON CONFLICT ("dedupe_key") WHERE "done_at" IS NULL
  DO UPDATE SET "due_at" = EXCLUDED."due_at", "payload" = EXCLUDED."payload", "attempts" = 0, "lease_until" = NULL, "last_error" = NULL
$$;
--> statement-breakpoint
CREATE FUNCTION "sessions_record_work"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was text := CASE WHEN TG_OP = 'UPDATE' THEN OLD.status::text END;
  moved boolean := TG_OP = 'UPDATE' AND (NEW.starts_at, NEW.ends_at, NEW.room_id) IS DISTINCT FROM (OLD.starts_at, OLD.ends_at, OLD.room_id);
  sid text := NEW.id::text;
  notices boolean := coalesce(current_setting('rsm.session_notices', true), '') <> 'off';
BEGIN
  -- A hold: its expiry, and the client's warning 12 hours before (when that is still ahead).
  IF NEW.status = 'hold' AND NEW.hold_expires_at IS NOT NULL THEN
    IF was IS DISTINCT FROM 'hold' OR NEW.hold_expires_at IS DISTINCT FROM OLD.hold_expires_at THEN
      PERFORM "outbox_record"('hold-expiry', 'hold-expiry:' || sid, NEW.hold_expires_at, jsonb_build_object('sessionId', sid));
      IF NEW.hold_expires_at - interval '12 hours' > now() THEN
        PERFORM "outbox_record"('hold-expiring', 'hold-expiring:' || sid, NEW.hold_expires_at - interval '12 hours',
          jsonb_build_object('sessionId', sid, 'expiresAt', "outbox_iso"(NEW.hold_expires_at)));
      END IF;
    END IF;
  ELSIF was = 'hold' THEN
    DELETE FROM "outbox" WHERE "done_at" IS NULL AND "dedupe_key" IN ('hold-expiry:' || sid, 'hold-expiring:' || sid);
  END IF;
  -- A confirmed session: its reminder 24 hours before (re-planned when it moves). Seeding (rsm.session_notices
  -- off) plans neither reminders nor notices: nobody booked those sessions.
  IF NEW.status = 'confirmed' AND notices THEN
    IF (was IS DISTINCT FROM 'confirmed' OR NEW.starts_at IS DISTINCT FROM OLD.starts_at) AND NEW.starts_at - interval '24 hours' > now() THEN
      PERFORM "outbox_record"('reminder', 'reminder:' || sid, NEW.starts_at - interval '24 hours', jsonb_build_object('sessionId', sid, 'startsAt', "outbox_iso"(NEW.starts_at)));
    END IF;
  ELSIF was = 'confirmed' THEN
    DELETE FROM "outbox" WHERE "done_at" IS NULL AND "dedupe_key" = 'reminder:' || sid;
  END IF;
  -- Notices to the client and engineers: confirmed, moved, cancelled (the sender skips a hold that simply lapsed).
  IF notices THEN
    IF NEW.status = 'confirmed' AND was IS DISTINCT FROM 'confirmed' THEN
      PERFORM "outbox_record"('session-notice', 'notice:' || sid || ':' || NEW.version, now(), jsonb_build_object('sessionId', sid, 'notice', 'confirmed'));
    ELSIF NEW.status = 'confirmed' AND moved THEN
      PERFORM "outbox_record"('session-notice', 'notice:' || sid || ':' || NEW.version, now(), jsonb_build_object('sessionId', sid, 'notice', 'moved'));
    ELSIF NEW.status = 'cancelled' AND was IS DISTINCT FROM 'cancelled' THEN
      PERFORM "outbox_record"('session-notice', 'notice:' || sid || ':' || NEW.version, now(), jsonb_build_object('sessionId', sid, 'notice', 'cancelled'));
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "sessions_record_work" AFTER INSERT OR UPDATE OF "status", "hold_expires_at", "starts_at", "ends_at", "room_id" ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "sessions_record_work"();
--> statement-breakpoint
-- Backfill: holds and reminders planned before this migration (the demo's seeded holds among them) get their work.
INSERT INTO "outbox" ("kind", "dedupe_key", "due_at", "payload")
  SELECT 'hold-expiry', 'hold-expiry:' || id, hold_expires_at, jsonb_build_object('sessionId', id::text) FROM "sessions" WHERE status = 'hold' AND hold_expires_at IS NOT NULL;
--> statement-breakpoint
INSERT INTO "outbox" ("kind", "dedupe_key", "due_at", "payload")
  SELECT 'reminder', 'reminder:' || id, starts_at - interval '24 hours', jsonb_build_object('sessionId', id::text, 'startsAt', "outbox_iso"(starts_at))
  FROM "sessions" WHERE status = 'confirmed' AND starts_at - interval '24 hours' > now();
