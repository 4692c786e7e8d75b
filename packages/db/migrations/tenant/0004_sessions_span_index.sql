-- Hand-written: calendar views ask for the sessions overlapping a window; a GiST index on the session's
-- span answers that without scanning every session that started before the window's end.
CREATE INDEX "sessions_span_idx" ON "sessions" USING gist (tstzrange("starts_at", "ends_at"));
