-- The dashboard's team size is cached per studio like the other per-request look-ups (control-cache.ts):
-- a new membership changes it, so inserts into memberships are announced too (issue #14).
DROP TRIGGER IF EXISTS memberships_changed ON memberships;
--> statement-breakpoint
CREATE TRIGGER memberships_changed AFTER INSERT OR UPDATE OR DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION rsm_notify_control_change('studio_id', 'user_id');
