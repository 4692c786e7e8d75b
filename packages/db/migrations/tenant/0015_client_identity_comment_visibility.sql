-- Hand-written (drizzle-kit generated the column, the check and the index; the data steps are ours).
-- Every statement can run twice (the test of the merge replays this file on a studio given duplicates).
--
-- 1. Comments get a visibility: 'internal' (staff only) or 'client' (also on share pages and in the portal).
ALTER TABLE "version_comments" ADD COLUMN IF NOT EXISTS "visibility" text DEFAULT 'internal' NOT NULL
  CONSTRAINT "version_comments_visibility" CHECK ("visibility" IN ('internal', 'client'));
--> statement-breakpoint
-- Existing comments: a thread a client took part in is a conversation the client has already read, so all of
-- it stays visible to them; every other staff comment becomes internal (the safe side: nothing new is shown).
UPDATE "version_comments" AS c SET "visibility" = 'client'
WHERE c."visibility" = 'internal'
  AND (c."author_kind" = 'client'
    OR EXISTS (
      SELECT 1 FROM "version_comments" AS o
      WHERE o."author_kind" = 'client' AND (o."id" = coalesce(c."parent_id", c."id") OR o."parent_id" = coalesce(c."parent_id", c."id"))
    ));
--> statement-breakpoint
-- 2. One client per e-mail address (case-insensitive, erased clients aside). Duplicates that exist are merged
-- first, the way clients/merge.service.ts merges two records: the survivor (an active record before an
-- archived one, then the oldest) keeps its values and takes the duplicates' where its own are empty, tags are
-- united, everything that pointed at a duplicate moves to the survivor, and the duplicates are deleted.
-- Tables that reference clients: sessions, client_notes, client_contacts (company_id, person_id), projects,
-- track_credits, share_links, portal_activity, portal_login_tokens and portal_sessions (credentials: they die
-- with the duplicate, as in a merge), version_comments (author_kind = 'client', no foreign key).
CREATE TEMP TABLE "rsm_email_groups" ON COMMIT DROP AS
SELECT "id", "kind",
       first_value("id") OVER w AS "survivor_id",
       first_value("kind") OVER w AS "survivor_kind"
FROM "clients"
WHERE "email" <> '' AND "erased_at" IS NULL
WINDOW w AS (PARTITION BY lower("email") ORDER BY ("archived_at" IS NOT NULL), "created_at", "id");
--> statement-breakpoint
-- A person and a company cannot be merged: the later record of the other kind gives the address up, and a
-- note on it keeps the address and says why (nothing is lost).
INSERT INTO "client_notes" ("client_id", "body")
SELECT g."id", 'E-mail address ' || c."email" || ' removed from this record: it is also the address of "' || s."name" || '", and an address now belongs to one client only.'
FROM "rsm_email_groups" AS g
JOIN "clients" AS c ON c."id" = g."id"
JOIN "clients" AS s ON s."id" = g."survivor_id"
WHERE g."kind" <> g."survivor_kind";
--> statement-breakpoint
UPDATE "clients" SET "email" = '', "updated_at" = now()
WHERE "id" IN (SELECT "id" FROM "rsm_email_groups" WHERE "kind" <> "survivor_kind");
--> statement-breakpoint
CREATE TEMP TABLE "rsm_client_merge" ON COMMIT DROP AS
SELECT "id" AS "duplicate_id", "survivor_id" FROM "rsm_email_groups" WHERE "id" <> "survivor_id" AND "kind" = "survivor_kind";
--> statement-breakpoint
WITH "dup" AS (
  SELECT m."survivor_id", row_number() OVER (PARTITION BY m."survivor_id" ORDER BY d."created_at", d."id") AS "dup_rank", d.*
  FROM "rsm_client_merge" AS m JOIN "clients" AS d ON d."id" = m."duplicate_id"
), "filled" AS (
  SELECT "survivor_id",
    (array_agg("company_type" ORDER BY "created_at", "id") FILTER (WHERE "company_type" <> ''))[1] AS "company_type",
    (array_agg("phone" ORDER BY "created_at", "id") FILTER (WHERE "phone" <> ''))[1] AS "phone",
    (array_agg("address_line1" ORDER BY "created_at", "id") FILTER (WHERE "address_line1" <> ''))[1] AS "address_line1",
    (array_agg("address_line2" ORDER BY "created_at", "id") FILTER (WHERE "address_line2" <> ''))[1] AS "address_line2",
    (array_agg("postal_code" ORDER BY "created_at", "id") FILTER (WHERE "postal_code" <> ''))[1] AS "postal_code",
    (array_agg("city" ORDER BY "created_at", "id") FILTER (WHERE "city" <> ''))[1] AS "city",
    (array_agg("country" ORDER BY "created_at", "id") FILTER (WHERE "country" <> ''))[1] AS "country",
    (array_agg("website" ORDER BY "created_at", "id") FILTER (WHERE "website" <> ''))[1] AS "website",
    (array_agg("vat_number" ORDER BY "created_at", "id") FILTER (WHERE "vat_number" <> ''))[1] AS "vat_number",
    (array_agg("locale" ORDER BY "created_at", "id") FILTER (WHERE "locale" <> ''))[1] AS "locale",
    (array_agg("portal_password_hash" ORDER BY "created_at", "id") FILTER (WHERE "portal_password_hash" IS NOT NULL))[1] AS "portal_password_hash",
    bool_and("archived_at" IS NOT NULL) AS "all_archived"
  FROM "dup" GROUP BY "survivor_id"
)
UPDATE "clients" AS s SET
  "company_type" = CASE WHEN s."company_type" <> '' OR s."kind" <> 'company' THEN s."company_type" ELSE coalesce(f."company_type", '') END,
  "phone" = CASE WHEN s."phone" <> '' THEN s."phone" ELSE coalesce(f."phone", '') END,
  "address_line1" = CASE WHEN s."address_line1" <> '' THEN s."address_line1" ELSE coalesce(f."address_line1", '') END,
  "address_line2" = CASE WHEN s."address_line2" <> '' THEN s."address_line2" ELSE coalesce(f."address_line2", '') END,
  "postal_code" = CASE WHEN s."postal_code" <> '' THEN s."postal_code" ELSE coalesce(f."postal_code", '') END,
  "city" = CASE WHEN s."city" <> '' THEN s."city" ELSE coalesce(f."city", '') END,
  "country" = CASE WHEN s."country" <> '' THEN s."country" ELSE coalesce(f."country", '') END,
  "website" = CASE WHEN s."website" <> '' THEN s."website" ELSE coalesce(f."website", '') END,
  "vat_number" = CASE WHEN s."vat_number" <> '' THEN s."vat_number" ELSE coalesce(f."vat_number", '') END,
  "locale" = CASE WHEN s."locale" <> '' THEN s."locale" ELSE coalesce(f."locale", '') END,
  "portal_password_hash" = coalesce(s."portal_password_hash", f."portal_password_hash"),
  "archived_at" = CASE WHEN s."archived_at" IS NOT NULL AND f."all_archived" THEN s."archived_at" ELSE NULL END,
  -- the survivor's tags first, then the duplicates' new ones, at most 30 (as the merge service does)
  "tags" = ARRAY(
    SELECT t."tag" FROM (
      SELECT x."tag", min(x."pos") AS "pos" FROM (
        SELECT st."tag", st."ord" AS "pos" FROM unnest(s."tags") WITH ORDINALITY AS st("tag", "ord")
        UNION ALL
        SELECT dt."tag", d."dup_rank" * 100000 + dt."ord" FROM "dup" AS d, unnest(d."tags") WITH ORDINALITY AS dt("tag", "ord") WHERE d."survivor_id" = s."id"
      ) AS x GROUP BY x."tag" ORDER BY min(x."pos") LIMIT 30
    ) AS t ORDER BY t."pos"
  ),
  "updated_at" = now()
FROM "filled" AS f
WHERE s."id" = f."survivor_id";
--> statement-breakpoint
UPDATE "sessions" AS x SET "client_id" = m."survivor_id", "updated_at" = now() FROM "rsm_client_merge" AS m WHERE x."client_id" = m."duplicate_id";
--> statement-breakpoint
UPDATE "client_notes" AS x SET "client_id" = m."survivor_id" FROM "rsm_client_merge" AS m WHERE x."client_id" = m."duplicate_id";
--> statement-breakpoint
UPDATE "projects" AS x SET "client_id" = m."survivor_id", "updated_at" = now() FROM "rsm_client_merge" AS m WHERE x."client_id" = m."duplicate_id";
--> statement-breakpoint
UPDATE "track_credits" AS x SET "client_id" = m."survivor_id", "updated_at" = now() FROM "rsm_client_merge" AS m WHERE x."client_id" = m."duplicate_id";
--> statement-breakpoint
UPDATE "share_links" AS x SET "client_id" = m."survivor_id" FROM "rsm_client_merge" AS m WHERE x."client_id" = m."duplicate_id";
--> statement-breakpoint
UPDATE "portal_activity" AS x SET "client_id" = m."survivor_id" FROM "rsm_client_merge" AS m WHERE x."client_id" = m."duplicate_id";
--> statement-breakpoint
UPDATE "version_comments" AS x SET "author_id" = m."survivor_id" FROM "rsm_client_merge" AS m WHERE x."author_kind" = 'client' AND x."author_id" = m."duplicate_id";
--> statement-breakpoint
-- Contact links move too; where the survivor already has the same link (or several duplicates had it), roles
-- are united and the portal right is kept if any had it; a link between two records of one client is dropped.
INSERT INTO "client_contacts" ("company_id", "person_id", "roles", "can_see_company_items", "created_at")
SELECT l."company_id", l."person_id",
       coalesce(array_agg(DISTINCT r."role") FILTER (WHERE r."role" IS NOT NULL), '{}'),
       bool_or(l."can_see_company_items"), min(l."created_at")
FROM (
  SELECT coalesce(mc."survivor_id", cc."company_id") AS "company_id", coalesce(mp."survivor_id", cc."person_id") AS "person_id",
         cc."roles", cc."can_see_company_items", cc."created_at"
  FROM "client_contacts" AS cc
  LEFT JOIN "rsm_client_merge" AS mc ON mc."duplicate_id" = cc."company_id"
  LEFT JOIN "rsm_client_merge" AS mp ON mp."duplicate_id" = cc."person_id"
  WHERE mc."duplicate_id" IS NOT NULL OR mp."duplicate_id" IS NOT NULL
) AS l
LEFT JOIN LATERAL unnest(l."roles") AS r("role") ON true
WHERE l."company_id" <> l."person_id"
GROUP BY l."company_id", l."person_id"
ON CONFLICT ("company_id", "person_id") DO UPDATE SET
  "roles" = ARRAY(SELECT DISTINCT unnest("client_contacts"."roles" || excluded."roles")),
  "can_see_company_items" = "client_contacts"."can_see_company_items" OR excluded."can_see_company_items";
--> statement-breakpoint
INSERT INTO "audit_log" ("action", "entity", "entity_id", "details")
SELECT 'client.merged', 'client', "survivor_id"::text, jsonb_build_object('duplicateId', "duplicate_id", 'by', 'migration: one client per e-mail address')
FROM "rsm_client_merge";
--> statement-breakpoint
-- The duplicates' own contact links, log-in links and portal sessions go with them (ON DELETE CASCADE).
DELETE FROM "clients" WHERE "id" IN (SELECT "duplicate_id" FROM "rsm_client_merge");
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "clients_email_unique" ON "clients" USING btree (lower("email")) WHERE "clients"."email" <> '' AND "clients"."erased_at" IS NULL;
