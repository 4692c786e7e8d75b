/**
 * Finding clients: the paginated list (search, filters, sorting, total) and the search-as-you-type picker.
 * Search runs on `clients.search_text` (hand-written migration 0011): the client's name, e-mail, phone and
 * city folded by `rsm_fold` (lower case, accents removed), indexed with trigrams, so every word typed is a
 * LIKE '%word%' the GIN index answers: "beyo" finds "Beyoncé", "lumiere" finds "Lumière".
 * Erased clients (GDPR) never appear here.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { tenant } from '@rsm/db';
import type { listClientsInput, pickClientsInput } from '@rsm/shared/clients-schemas';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { toIso } from './clients.service.ts';

const c = tenant.clients;
const searchText = sql`${c}.search_text`;

/** A phone number as people type it: digits in groups, with spaces, dots, dashes, a leading + or brackets. */
const PHONE_LIKE = /^\+?[\d\s.()-]+$/;

/**
 * Words of a search, LIKE-escaped (folding happens in SQL with the same function as the index). A search
 * that is a phone number ("06 12 34") is one word of its digits: the stored text holds each phone's digits
 * run together, and two-digit words could not use the trigram index.
 */
export function searchWords(q: string): string[] {
  const trimmed = q.trim();
  if (PHONE_LIKE.test(trimmed) && /\d.*\s.*\d/.test(trimmed)) return [trimmed.replace(/\D/g, '')];
  return q
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .map((w) => w.replace(/[\\%_]/g, (ch) => `\\${ch}`));
}

function matches(q: string): SQL | undefined {
  const words = searchWords(q);
  if (words.length === 0) return undefined;
  return and(...words.map((w) => sql`${searchText} LIKE '%' || public.rsm_fold(${w}) || '%'`));
}

// The outer row is named in full: inside the subquery a bare "id" would be the session's.
/**
 * Cheap relevance: the name starting with what was typed, then a word starting with it, then the rest
 * (plain LIKEs on the stored text; a similarity score per row cost too much on broad searches).
 */
function relevance(q: string): SQL[] {
  const words = searchWords(q);
  // One- and two-letter words match most rows; ranking them all would cost more than it helps.
  if (words.length === 0 || words.some((w) => w.length < 3)) return [];
  const folded = sql`public.rsm_fold(${words.join(' ')})`;
  return [sql`(${searchText} LIKE ${folded} || '%') DESC`, sql`(${searchText} LIKE '% ' || ${folded} || '%') DESC`];
}

export const TOTAL_CAP = 1000;

/**
 * The name order: the folded text. With a search it is an expression, so the rows found are sorted rather than
 * the name index walked.
 */
const sortKeyOfName = (q: string): SQL => (q ? sql`(${searchText} || '')` : sql`${searchText}`);

/** The most recent session that had started by `now` (a booked future session is not a "last" one). */
const lastSessionAt = (now: Date) =>
  sql<
    Date | string | null
  >`(SELECT max(s.starts_at) FROM ${tenant.sessions} s WHERE s.client_id = "clients"."id" AND s.status <> 'cancelled' AND s.starts_at <= ${now})`;

export async function listClients(db: TenantDb, input: z.output<typeof listClientsInput>, now: Date) {
  const lastSession = lastSessionAt(now);
  const where = and(
    isNull(c.erasedAt),
    input.status === 'active' ? isNull(c.archivedAt) : input.status === 'archived' ? isNotNull(c.archivedAt) : undefined,
    input.kind ? eq(c.kind, input.kind) : undefined,
    input.tag ? sql`${c.tags} @> ARRAY[${input.tag}]::text[]` : undefined,
    input.hasEmail === undefined ? undefined : input.hasEmail ? ne(c.email, '') : eq(c.email, ''),
    matches(input.q),
  );
  const direction = input.dir === 'desc' ? desc : asc;
  const order: SQL[] =
    input.sort === 'created'
      ? [direction(c.createdAt)]
      : input.sort === 'lastSession'
        ? [input.dir === 'desc' ? sql`${lastSession} DESC NULLS LAST` : sql`${lastSession} ASC NULLS FIRST`]
        : input.sort === 'relevance'
          ? relevance(input.q)
          : [];
  const sortBy: SQL[] = [...order, input.sort === 'name' ? direction(sortKeyOfName(input.q)) : asc(sortKeyOfName(input.q)), asc(c.id)];
  const offset = (input.page - 1) * input.pageSize;
  // A search finds its matches, sorts them and picks the page's ids in one statement (searchPage). Beyond
  // TOTAL_CAP the list shows the first thousand found and says "more than 1,000: refine the search" — walking
  // the name index instead read most of the table for a word common in one part of the alphabet.
  let total: number;
  let pageWhere = where;
  if (input.q) {
    const found = await searchPage(db, where!, sortBy, input.pageSize, offset);
    total = found.total;
    const ids = found.ids;
    if (ids.length === 0) {
      return { total: Math.min(total, TOTAL_CAP), totalCapped: total > TOTAL_CAP, page: input.page, pageSize: input.pageSize, items: [] };
    }
    pageWhere = sql`${c.id} = ANY(${sql.param(ids)}::uuid[])`;
  } else {
    const [counted] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(c)
      .where(where);
    total = counted?.n ?? 0;
  }
  const rows = await db
    .select({
      id: c.id,
      kind: c.kind,
      companyType: c.companyType,
      name: c.name,
      email: c.email,
      phone: c.phone,
      city: c.city,
      tags: c.tags,
      archivedAt: c.archivedAt,
      createdAt: c.createdAt,
      lastSessionAt: lastSession,
    })
    .from(c)
    .where(pageWhere)
    // A search's page is already chosen: the same order sorts its few rows.
    .orderBy(...sortBy)
    .limit(input.pageSize)
    .offset(input.q ? 0 : offset);
  const companies = await companiesOf(
    db,
    rows.filter((r) => r.kind === 'person').map((r) => r.id),
  );
  return {
    // Without a search the count is exact, however many clients there are.
    total: input.q ? Math.min(total, TOTAL_CAP) : total,
    totalCapped: input.q !== '' && total > TOTAL_CAP,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map((r) => ({
      ...r,
      lastSessionAt: toIso(r.lastSessionAt),
      archivedAt: r.archivedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      companies: companies.get(r.id) ?? [],
    })),
  };
}

/**
 * A search's matches, found in one pass (at most TOTAL_CAP + 1: the trigram index for rare words, a scan that
 * stops early for common ones) and how many; then the first TOTAL_CAP of them sorted by `sortBy` and the ids of
 * the page asked for. One statement, and only the page's rows are read in full afterwards: sorting a thousand
 * full rows cost more than finding them. `sortBy` may use the columns id, search_text and created_at of "clients".
 */
async function searchPage(db: TenantDb, where: SQL, sortBy: SQL[], limit: number, offset: number): Promise<{ total: number; ids: string[] }> {
  const found = await db.execute<{ total: number; ids: string[] }>(sql`
    WITH found AS MATERIALIZED (
      SELECT ${c.id}, ${searchText}, ${c.createdAt} FROM ${c} WHERE ${where} LIMIT ${TOTAL_CAP + 1}
    )
    SELECT (SELECT count(*)::int FROM found) AS total,
      ARRAY(
        SELECT "clients"."id" FROM (SELECT * FROM found LIMIT ${TOTAL_CAP}) AS "clients"
        ORDER BY ${sql.join(sortBy, sql`, `)} LIMIT ${limit} OFFSET ${offset}
      ) AS ids`);
  return { total: Number(found.rows[0]?.total ?? 0), ids: found.rows[0]?.ids ?? [] };
}

/**
 * The companies each person is a contact of: the links by person, then those companies by primary key
 * (two index lookups; a join let the planner hash the whole clients table when statistics were stale).
 */
export async function companiesOf(db: TenantDb, personIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const result = new Map<string, { id: string; name: string }[]>();
  if (personIds.length === 0) return result;
  const links = await db
    .select({ personId: tenant.clientContacts.personId, companyId: tenant.clientContacts.companyId })
    .from(tenant.clientContacts)
    .where(inArray(tenant.clientContacts.personId, personIds));
  if (links.length === 0) return result;
  const companies = await db
    .select({ id: c.id, name: c.name })
    .from(c)
    .where(and(inArray(c.id, [...new Set(links.map((l) => l.companyId))]), isNull(c.erasedAt)))
    .orderBy(asc(c.name));
  for (const company of companies) {
    for (const link of links) if (link.companyId === company.id) result.set(link.personId, [...(result.get(link.personId) ?? []), company]);
  }
  return result;
}

/** Search-as-you-type: live clients only, names starting with the words first, then the closest. */
export async function pickClients(db: TenantDb, input: z.output<typeof pickClientsInput>) {
  const live = and(isNull(c.erasedAt), isNull(c.archivedAt));
  const columns = { id: c.id, kind: c.kind, name: c.name, email: c.email, phone: c.phone };
  // Nothing typed: the first clients by name (the name index serves it).
  if (!input.q) return db.select(columns).from(c).where(live).orderBy(asc(searchText), asc(c.id)).limit(input.limit);
  // As in the list: collect the matches in one pass (capped), rank only those, then read the few chosen.
  const sortBy = [...relevance(input.q), sql`(${searchText} || '')`, asc(c.id)];
  const { ids } = await searchPage(db, and(live, matches(input.q))!, sortBy, input.limit, 0);
  if (ids.length === 0) return [];
  return db
    .select(columns)
    .from(c)
    .where(sql`${c.id} = ANY(${sql.param(ids)}::uuid[])`)
    .orderBy(...sortBy);
}

/** Tags in use on live clients, with how many clients carry each. */
export async function tagsInUse(db: TenantDb) {
  const rows = await db.execute<{ tag: string; n: number }>(
    sql`SELECT tag, count(*)::int AS n FROM ${c}, unnest(${c.tags}) AS tag WHERE ${c.erasedAt} IS NULL GROUP BY tag ORDER BY tag`,
  );
  return rows.rows.map((r) => ({ tag: r.tag, count: Number(r.n) }));
}
