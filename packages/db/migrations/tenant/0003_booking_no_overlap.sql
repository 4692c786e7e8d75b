-- Hand-written: the database itself refuses overlapping bookings of a room (buffers and linked rooms
-- included, through their session_resources rows), an engineer or a piece of gear. Only rows that block
-- count: cancelled sessions and holds queued behind another hold do not.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "session_resources" ADD CONSTRAINT "session_resources_no_overlap"
  EXCLUDE USING gist ("kind" WITH =, "resource_id" WITH =, "blocked" WITH &&) WHERE ("blocking");
--> statement-breakpoint
ALTER TABLE "session_resources" ADD CONSTRAINT "session_resources_range_bounded"
  CHECK (NOT isempty("blocked") AND NOT lower_inf("blocked") AND NOT upper_inf("blocked"));
--> statement-breakpoint
-- The week view and availability read resources by range.
CREATE INDEX "session_resources_lookup_idx" ON "session_resources" USING gist ("resource_id", "blocked") WHERE ("blocking");
