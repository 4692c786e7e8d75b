/**
 * Importing clients from a CSV file. A dry run reads and checks the file and says, line by line, what
 * would be created or updated (a client whose e-mail already exists, case-insensitively, is updated:
 * non-empty cells replace values, tags are added) and what is wrong, writing nothing. The commit does
 * the same plan and writes every valid line in one transaction; bad lines are reported, never guessed.
 * An address belongs to one client (unique index): a line with a known address always updates that client.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { ClientFields } from '@rsm/shared/clients-schemas';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { AppError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/postgres/pg-errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { CLIENT_EMAIL_INDEX } from './client-email.ts';
import type { Actor } from '../studios/studio-context.ts';
import { parseClientCsv, type ImportProblem, type ImportRow } from './csv-import.ts';

const c = tenant.clients;
type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];
const PREVIEW_LINES = 50;
const CHUNK = 500;

export interface ImportReport {
  committed: boolean;
  lineCount: number;
  created: number;
  updated: number;
  companiesCreated: number;
  errors: ImportProblem[];
  columns: string[];
  ignoredColumns: string[];
  preview: { line: number; action: 'create' | 'update'; name: string; email: string; company: string }[];
}

const foldKey = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

export async function importClients(db: TenantDb, actor: Actor, csv: string, dryRun: boolean): Promise<ImportReport> {
  const parsed = parseClientCsv(csv);
  try {
    return await planAndCommit(db, actor, parsed, dryRun);
  } catch (error) {
    // The plan turned every known address into an update; only a client added meanwhile with one of the
    // file's addresses can collide, and nothing was written: the next run sees it and updates it.
    if (!isUniqueViolation(error, CLIENT_EMAIL_INDEX)) throw error;
    throw new AppError('CONFLICT', 'A client with one of these e-mail addresses was added meanwhile: import the file again', { reason: 'client_email_taken' });
  }
}

async function planAndCommit(db: TenantDb, actor: Actor, parsed: ReturnType<typeof parseClientCsv>, dryRun: boolean): Promise<ImportReport> {
  return db.transaction(async (tx) => {
    const emails = [...new Set(parsed.rows.map((r) => r.fields.email).filter(Boolean))];
    const existing = new Map<string, typeof c.$inferSelect>();
    for (let i = 0; i < emails.length; i += 1000) {
      const rows = await tx
        .select()
        .from(c)
        .where(and(isNull(c.erasedAt), sql`lower(${c.email}) = ANY(${sql.param(emails.slice(i, i + 1000))}::text[])`));
      // When the studio already has duplicates with one e-mail, the oldest is the one updated.
      for (const row of rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()))
        if (!existing.has(row.email.toLowerCase())) existing.set(row.email.toLowerCase(), row);
    }
    const companyNames = [...new Set(parsed.rows.map((r) => r.company).filter(Boolean))];
    const companies = new Map<string, string>();
    if (companyNames.length) {
      const known = await tx
        .select({ id: c.id, name: c.name })
        .from(c)
        .where(
          and(
            eq(c.kind, 'company'),
            isNull(c.erasedAt),
            sql`public.rsm_fold(${c.name}) = ANY(ARRAY(SELECT public.rsm_fold(x) FROM unnest(${sql.param(companyNames)}::text[]) x))`,
          ),
        );
      for (const k of known) if (!companies.has(foldKey(k.name))) companies.set(foldKey(k.name), k.id);
    }
    // Companies created by this file: a company line of the file, or a name only seen in a company column.
    const companyLines = new Set(parsed.rows.filter((r) => r.fields.kind === 'company').map((r) => foldKey(r.fields.name)));
    const newCompanies = new Set(companyNames.map(foldKey).filter((k) => !companies.has(k) && !companyLines.has(k)));
    const report: ImportReport = {
      committed: !dryRun,
      lineCount: parsed.lineCount,
      created: parsed.rows.filter((r) => !(r.fields.email && existing.has(r.fields.email))).length,
      updated: parsed.rows.filter((r) => r.fields.email && existing.has(r.fields.email)).length,
      companiesCreated: newCompanies.size,
      errors: parsed.problems,
      columns: parsed.columns,
      ignoredColumns: parsed.ignoredColumns,
      preview: parsed.rows.slice(0, PREVIEW_LINES).map((r) => ({
        line: r.line,
        action: r.fields.email && existing.has(r.fields.email) ? 'update' : 'create',
        name: r.fields.name,
        email: r.fields.email,
        company: r.company,
      })),
    };
    if (dryRun || parsed.rows.length === 0) return { ...report, committed: !dryRun && parsed.rows.length > 0 };
    await commit(tx, parsed.rows, existing, companies, newCompanies);
    await recordAudit(tx, actor, 'client.imported', 'client', null, {
      created: report.created,
      updated: report.updated,
      companiesCreated: report.companiesCreated,
      badLines: new Set(parsed.problems.map((p) => p.line)).size,
    });
    return report;
  });
}

async function commit(tx: Tx, rows: ImportRow[], existing: Map<string, typeof c.$inferSelect>, companies: Map<string, string>, newCompanies: Set<string>) {
  const creates = rows.filter((r) => !(r.fields.email && existing.has(r.fields.email)));
  const ids = new Map<ImportRow, string>();
  for (let i = 0; i < creates.length; i += CHUNK) {
    const chunk = creates.slice(i, i + CHUNK);
    const inserted = await tx
      .insert(c)
      .values(chunk.map((r) => r.fields))
      .returning({ id: c.id });
    chunk.forEach((r, j) => ids.set(r, inserted[j]!.id));
  }
  for (const row of rows) {
    const before = row.fields.email ? existing.get(row.fields.email) : undefined;
    if (!before) continue;
    await tx.update(c).set(updatedFields(before, row.fields)).where(eq(c.id, before.id));
    ids.set(row, before.id);
  }
  for (const row of rows) if (row.fields.kind === 'company' && !companies.has(foldKey(row.fields.name))) companies.set(foldKey(row.fields.name), ids.get(row)!);
  const names = [...newCompanies].map((key) => rows.find((r) => foldKey(r.company) === key)!.company);
  for (let i = 0; i < names.length; i += CHUNK) {
    const inserted = await tx
      .insert(c)
      .values(names.slice(i, i + CHUNK).map((name) => ({ name, kind: 'company' as const })))
      .returning({ id: c.id, name: c.name });
    for (const company of inserted) companies.set(foldKey(company.name), company.id);
  }
  // An existing record keeps its kind: a line updating a company cannot make it someone's contact.
  const links = rows
    .filter((r) => r.company && r.fields.kind === 'person' && (r.fields.email ? existing.get(r.fields.email)?.kind : 'person') !== 'company')
    .map((r) => ({ companyId: companies.get(foldKey(r.company))!, personId: ids.get(r)!, roles: r.roles }))
    .filter((l) => l.companyId !== l.personId);
  for (let i = 0; i < links.length; i += CHUNK) {
    await tx
      .insert(tenant.clientContacts)
      .values(links.slice(i, i + CHUNK))
      .onConflictDoUpdate({ target: [tenant.clientContacts.companyId, tenant.clientContacts.personId], set: { roles: sql`excluded.roles` } });
  }
}

/** Non-empty cells replace the stored values; tags are added; the kind of an existing client stays. */
function updatedFields(before: typeof c.$inferSelect, fields: ClientFields): Partial<typeof c.$inferInsert> {
  const out: Partial<typeof c.$inferInsert> = { updatedAt: new Date(), tags: [...new Set([...before.tags, ...fields.tags])].slice(0, 30) };
  const keys = ['name', 'phone', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'country', 'website', 'vatNumber', 'locale'] as const;
  for (const key of keys) if (fields[key]) out[key] = fields[key];
  if (before.kind === 'company' && fields.companyType) out.companyType = fields.companyType;
  return out;
}
