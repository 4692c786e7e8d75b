/**
 * Exports: CSV with the import's columns (re-importable as is) and vCard 4.0 — one client, a chosen set,
 * or every client that was not erased.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { needsFormulaGuard } from './csv-import.ts';
import { toVcards } from './vcard.ts';

const c = tenant.clients;
const MAX_EXPORT = 50_000;

/** Header names of the export: the first (canonical) name of each import column. */
const CSV_HEADERS = [
  'name',
  'kind',
  'company type',
  'email',
  'phone',
  'company',
  'roles',
  'tags',
  'address',
  'address line 2',
  'postal code',
  'city',
  'country',
  'website',
  'vat number',
  'language',
];

async function load(db: TenantDb, ids?: string[]) {
  const rows = await db
    .select()
    .from(c)
    .where(and(isNull(c.erasedAt), ids ? inArray(c.id, ids) : undefined))
    .orderBy(asc(c.name), asc(c.id))
    .limit(MAX_EXPORT);
  const personIds = rows.filter((r) => r.kind === 'person').map((r) => r.id);
  const links = new Map<string, { company: string; roles: string[] }[]>();
  for (let i = 0; i < personIds.length; i += 5000) {
    const chunk = await db
      .select({ personId: tenant.clientContacts.personId, company: c.name, roles: tenant.clientContacts.roles })
      .from(tenant.clientContacts)
      .innerJoin(c, eq(c.id, tenant.clientContacts.companyId))
      .where(and(inArray(tenant.clientContacts.personId, personIds.slice(i, i + 5000)), isNull(c.erasedAt)));
    for (const l of chunk) links.set(l.personId, [...(links.get(l.personId) ?? []), { company: l.company, roles: l.roles }]);
  }
  return rows.map((r) => ({ ...r, links: (links.get(r.id) ?? []).sort((a, b) => a.company.localeCompare(b.company)) }));
}

/**
 * A cell as spreadsheets read it: quoted when needed; a leading ' defuses formulas (=, @, or +/- not
 * followed by a phone number), and the import strips that ' again, so values round-trip.
 */
export function csvCell(value: string): string {
  const safe = needsFormulaGuard(value) ? `'${value}` : value;
  return /[",;\n\r]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function exportCsv(db: TenantDb, ids?: string[]): Promise<string> {
  const rows = await load(db, ids);
  const lines = [CSV_HEADERS.join(',')];
  for (const r of rows) {
    const link = r.links[0];
    lines.push(
      [
        r.name,
        r.kind,
        r.companyType,
        r.email,
        r.phone,
        link?.company ?? '',
        (link?.roles ?? []).join(','),
        r.tags.join(','),
        r.addressLine1,
        r.addressLine2,
        r.postalCode,
        r.city,
        r.country,
        r.website,
        r.vatNumber,
        r.locale,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  // The BOM makes Excel read UTF-8 (accents) correctly; the import skips it.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function exportVcard(db: TenantDb, ids?: string[]): Promise<string> {
  const rows = await load(db, ids);
  return toVcards(rows.map((r) => ({ ...r, companies: r.links.map((l) => l.company) })));
}
