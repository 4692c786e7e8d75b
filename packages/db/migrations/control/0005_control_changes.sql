-- Servers cache the look-ups made before every request (session, membership, studio and its database);
-- each change to those rows is announced on channel rsm_control_changes as '<table>:<key>' so every
-- server drops what it cached at once (ADR 0004, issue #14). Inserts need no notice: misses are not cached.
CREATE OR REPLACE FUNCTION rsm_notify_control_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_data jsonb := to_jsonb(COALESCE(OLD, NEW));
  key text := '';
  i integer;
BEGIN
  FOR i IN 0 .. TG_NARGS - 1 LOOP
    key := key || ':' || COALESCE(row_data ->> TG_ARGV[i], '');
  END LOOP;
  PERFORM pg_notify('rsm_control_changes', TG_TABLE_NAME || key);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER auth_sessions_changed AFTER UPDATE OR DELETE ON auth_sessions FOR EACH ROW EXECUTE FUNCTION rsm_notify_control_change('token_hash');
--> statement-breakpoint
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION rsm_notify_control_change('id');
--> statement-breakpoint
CREATE TRIGGER memberships_changed AFTER UPDATE OR DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION rsm_notify_control_change('studio_id', 'user_id');
--> statement-breakpoint
CREATE TRIGGER studios_changed AFTER UPDATE OR DELETE ON studios FOR EACH ROW EXECUTE FUNCTION rsm_notify_control_change('id');
--> statement-breakpoint
CREATE TRIGGER tenant_databases_changed AFTER UPDATE OR DELETE ON tenant_databases FOR EACH ROW EXECUTE FUNCTION rsm_notify_control_change('studio_id');
