-- Hand-written: the money lists over tens of thousands of documents.
-- 1. An issued document's frozen snapshot (seller, buyer, lines, totals: a few kB of JSON) stayed inside the row when
--    it compressed under 2 kB, so the lists' sums read megabytes they never use. From 128 bytes on, PostgreSQL moves
--    it to the TOAST table: the heap keeps the columns the lists read (rows written from now on; old ones on update).
ALTER TABLE "money_documents" SET (toast_tuple_target = 128);
--> statement-breakpoint
-- 2. The search by number ("2026-00", "F-2026-0042"): trigram index for LIKE '%…%' (pg_trgm, created by 0011).
CREATE INDEX "money_documents_number_trgm_idx" ON "money_documents" USING gin ("number" gin_trgm_ops);
