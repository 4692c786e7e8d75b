-- Projects: the database refuses credit splits of one track that total more than 100 %, and project
-- search ignores case and accents ("Élodie" finds "elodie") through an index.

-- Splits: a BEFORE trigger locks the track row (FOR NO KEY UPDATE, so concurrent credit writes of the
-- same track queue up behind each other) and then sums the other credits of the track with the new
-- split. Under READ COMMITTED each statement of the function sees what the previous holder committed,
-- so two concurrent inserts of 60 % can never both pass.
CREATE FUNCTION track_credits_check_splits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  others numeric;
BEGIN
  PERFORM 1 FROM tracks WHERE id = NEW.track_id FOR NO KEY UPDATE;
  SELECT coalesce(sum(split_percent), 0) INTO others
    FROM track_credits
   WHERE track_id = NEW.track_id AND id <> NEW.id;
  IF others + coalesce(NEW.split_percent, 0) > 100 THEN
    RAISE EXCEPTION 'credit splits of track % would total % %%', NEW.track_id, others + coalesce(NEW.split_percent, 0)
      USING ERRCODE = 'check_violation', CONSTRAINT = 'track_credits_splits_total',
            DETAIL = (others + coalesce(NEW.split_percent, 0))::text;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER track_credits_splits_total
  BEFORE INSERT OR UPDATE OF split_percent, track_id ON track_credits
  FOR EACH ROW EXECUTE FUNCTION track_credits_check_splits();
--> statement-breakpoint
-- Search folds text with public.rsm_fold (lower + unaccent, IMMUTABLE; created by 0011_clients_search):
-- a trigram index on the folded project name answers LIKE '%term%'.
CREATE INDEX projects_name_search_idx ON projects USING gin (public.rsm_fold(name) gin_trgm_ops);
