-- Hand-written: client search that ignores accents and case and finds partial words ("beyo" → "Beyoncé",
-- "lumiere" → "Lumière"). unaccent() is only STABLE (its dictionary could change), so an IMMUTABLE wrapper
-- pinned to the public dictionary folds the text; a stored generated column keeps the folded text of each
-- client (computed once per write, not per search) and a trigram GIN index answers LIKE '%term%'.
-- Both extensions are "trusted": the database owner running the migrations may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE FUNCTION public.rsm_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, input)) $$;
--> statement-breakpoint
-- Name, e-mail, phone (as typed and digits only, so "0612" finds "06 12 …"), city.
ALTER TABLE "clients" ADD COLUMN "search_text" text GENERATED ALWAYS AS (
  public.rsm_fold("name" || ' ' || "email" || ' ' || "phone" || ' ' || regexp_replace("phone", '[^0-9]', '', 'g') || ' ' || "city")
) STORED;
--> statement-breakpoint
CREATE INDEX "clients_search_trgm_idx" ON "clients" USING gin ("search_text" gin_trgm_ops);
--> statement-breakpoint
-- The folded text starts with the folded name: sorting by it sorts by name ignoring accents and case
-- ("Émile" with "Emile") without calling unaccent per row, and a page of the list walks this index.
CREATE INDEX "clients_search_sort_idx" ON "clients" ("search_text") WHERE "erased_at" IS NULL;
--> statement-breakpoint
-- A client's sessions, newest first, and "last session" per client.
CREATE INDEX "sessions_client_starts_idx" ON "sessions" ("client_id", "starts_at");
