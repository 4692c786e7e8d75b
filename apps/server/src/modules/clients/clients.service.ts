/**
 * One client: read, create, edit, archive / restore, tags, and the company ↔ person contacts.
 * Erased clients (GDPR) are kept only as anonymous references: every call here treats them as not found.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { tenant } from '@rsm/db';
import type { ClientFields, linkContactInput } from '@rsm/shared/clients-schemas';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../studios/studio-context.ts';
import { withUniqueClientEmail } from './client-email.ts';

const c = tenant.clients;
type Db = Pick<TenantDb, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;
export type ClientRow = typeof c.$inferSelect;

/** Timestamps from typed columns (Date) or raw SQL (text, e.g. "2030-01-07 09:00:00+00") as ISO 8601. */
export function toIso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}

/** A client that exists and was not erased; `forUpdate` locks the row for the rest of the transaction. */
export async function liveClient(db: Db, id: string, forUpdate = false): Promise<ClientRow> {
  const query = db
    .select()
    .from(c)
    .where(and(eq(c.id, id), isNull(c.erasedAt)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('client');
  return row;
}

export function clientView(row: ClientRow) {
  const { portalPasswordHash, erasedAt: _erased, ...rest } = row;
  return {
    ...rest,
    hasPortalPassword: portalPasswordHash !== null,
    archivedAt: toIso(row.archivedAt),
    createdAt: toIso(row.createdAt)!,
    updatedAt: toIso(row.updatedAt)!,
  };
}

/** Companies drop the company type when they become a person, so the row never says both. */
function normalise<T extends Omit<ClientFields, 'tags'>>(fields: T): T {
  return { ...fields, companyType: fields.kind === 'company' ? fields.companyType : '' };
}

export async function createClient(db: TenantDb, actor: Actor, fields: ClientFields) {
  const [row] = await withUniqueClientEmail(db, fields.email, () => db.insert(c).values(normalise(fields)).returning());
  await recordAudit(db, actor, 'client.created', 'client', row!.id, { kind: row!.kind });
  return row!;
}

export async function updateClient(db: TenantDb, actor: Actor, id: string, fields: Omit<ClientFields, 'tags'> & { tags?: string[] | undefined }) {
  return withUniqueClientEmail(db, fields.email, () =>
    db.transaction(async (tx) => {
      const before = await liveClient(tx, id, true);
      if (before.kind !== fields.kind) await assertKindChangeAllowed(tx, id, before.kind);
      const [row] = await tx
        .update(c)
        .set({ ...normalise(fields), tags: fields.tags ?? before.tags, updatedAt: new Date() })
        .where(eq(c.id, id))
        .returning();
      const changed = (Object.keys(fields) as (keyof ClientFields)[])
        .filter((k) => fields[k] !== undefined)
        .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(row![k]));
      // Field names only: the audit log must not keep personal data an erasure would have to chase.
      await recordAudit(tx, actor, 'client.updated', 'client', id, { fields: changed });
      return row!;
    }),
  );
}

/** A company with contacts cannot become a person (and a person who is a contact cannot become a company). */
async function assertKindChangeAllowed(db: Db, id: string, from: 'person' | 'company') {
  const column = from === 'company' ? tenant.clientContacts.companyId : tenant.clientContacts.personId;
  const [link] = await db.select({ id: column }).from(tenant.clientContacts).where(eq(column, id)).limit(1);
  if (link) throw new AppError('CONFLICT', 'Remove the contacts before changing the kind', { reason: 'kind_has_contacts' });
}

export async function setArchived(db: TenantDb, actor: Actor, id: string, archived: boolean) {
  await liveClient(db, id);
  const [row] = await db
    .update(c)
    .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(c.id, id), isNull(c.erasedAt)))
    .returning();
  await recordAudit(db, actor, archived ? 'client.archived' : 'client.restored', 'client', id, {});
  return row!;
}

export async function changeTag(db: TenantDb, actor: Actor, id: string, tag: string, add: boolean) {
  return db.transaction(async (tx) => {
    const client = await liveClient(tx, id, true);
    const tags = add ? [...new Set([...client.tags, tag])] : client.tags.filter((t) => t !== tag);
    if (tags.length > 30) throw new AppError('BAD_REQUEST', 'Too many tags', { reason: 'too_many_tags' });
    const [row] = await tx.update(c).set({ tags, updatedAt: new Date() }).where(eq(c.id, id)).returning();
    await recordAudit(tx, actor, add ? 'client.tag_added' : 'client.tag_removed', 'client', id, { tag });
    return row!;
  });
}

/** The contacts of a company (people) or the companies of a person, with roles. */
export async function contactsOf(db: Db, client: Pick<ClientRow, 'id' | 'kind'>) {
  const isCompany = client.kind === 'company';
  const own = isCompany ? tenant.clientContacts.companyId : tenant.clientContacts.personId;
  const other = isCompany ? tenant.clientContacts.personId : tenant.clientContacts.companyId;
  const rows = await db
    .select({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      roles: tenant.clientContacts.roles,
      canSeeCompanyItems: tenant.clientContacts.canSeeCompanyItems,
    })
    .from(tenant.clientContacts)
    .innerJoin(c, eq(c.id, other))
    .where(and(eq(own, client.id), isNull(c.erasedAt)))
    .orderBy(asc(c.name));
  return rows;
}

/** Links a person to a company (or updates the link's roles and rights). */
export async function linkContact(db: TenantDb, actor: Actor, input: z.output<typeof linkContactInput>) {
  return db.transaction(async (tx) => {
    const company = await liveClient(tx, input.companyId);
    const person = await liveClient(tx, input.personId);
    if (company.kind !== 'company') throw new AppError('BAD_REQUEST', 'Contacts are linked to a company', { reason: 'not_a_company' });
    if (person.kind !== 'person') throw new AppError('BAD_REQUEST', 'A contact is a person', { reason: 'not_a_person' });
    const roles = [...new Set(input.roles)];
    await tx
      .insert(tenant.clientContacts)
      .values({ companyId: company.id, personId: person.id, roles, canSeeCompanyItems: input.canSeeCompanyItems })
      .onConflictDoUpdate({
        target: [tenant.clientContacts.companyId, tenant.clientContacts.personId],
        set: { roles, canSeeCompanyItems: input.canSeeCompanyItems },
      });
    await recordAudit(tx, actor, 'client.contact_linked', 'client', company.id, { personId: person.id, roles, canSeeCompanyItems: input.canSeeCompanyItems });
  });
}

export async function unlinkContact(db: TenantDb, actor: Actor, companyId: string, personId: string) {
  const removed = await db
    .delete(tenant.clientContacts)
    .where(and(eq(tenant.clientContacts.companyId, companyId), eq(tenant.clientContacts.personId, personId)))
    .returning({ companyId: tenant.clientContacts.companyId });
  if (removed.length === 0) throw notFound('contact');
  await recordAudit(db, actor, 'client.contact_unlinked', 'client', companyId, { personId });
}

/**
 * Merge candidates: other clients of the same kind with the same name, ignoring accents and case (an e-mail
 * address belongs to one client only, so records of one person differ by address, not share it).
 */
export async function likelyDuplicates(db: Db, client: Pick<ClientRow, 'id' | 'name' | 'kind'>) {
  return db
    .select({ id: c.id, name: c.name, email: c.email })
    .from(c)
    .where(and(sql`public.rsm_fold(${c.name}) = public.rsm_fold(${client.name})`, eq(c.kind, client.kind), sql`${c.id} <> ${client.id}`, isNull(c.erasedAt)))
    .limit(10);
}
