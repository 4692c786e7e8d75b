/**
 * GDPR: everything the studio holds about one client (JSON + a readable Markdown summary), and erasure:
 * delete what may be deleted, anonymise what must be kept as business records (sessions now, invoices
 * later), in one transaction with every registered step (gdpr-registry.ts); both acts are audited.
 */
import { and, asc, eq, or } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { userNames } from '../members/user-names.ts';
import type { Actor } from '../studios/studio-context.ts';
import { clientView, contactsOf, liveClient, toIso } from './clients.service.ts';
import { clientDataSteps, type ClientDataTx } from './gdpr-registry.ts';
import './gdpr-steps.ts';

export const ERASED_NAME = 'Erased client';

export async function exportClientData(platform: Platform, db: TenantDb, actor: Actor, clientId: string) {
  const data = await db.transaction(async (tx) => {
    const client = await liveClient(tx, clientId);
    const contacts = await contactsOf(tx, client);
    const audit = await tx
      .select()
      .from(tenant.auditLog)
      .where(and(eq(tenant.auditLog.entity, 'client'), eq(tenant.auditLog.entityId, clientId)))
      .orderBy(asc(tenant.auditLog.at));
    const steps: Record<string, unknown> = {};
    for (const step of clientDataSteps()) steps[step.name] = await step.export(tx, clientId);
    await recordAudit(tx, actor, 'client.gdpr_exported', 'client', clientId, { steps: Object.keys(steps) });
    return { client: clientView(client), contacts, steps, audit };
  });
  const notes = (data.steps.notes ?? []) as { authorUserId: string | null }[];
  const names = await userNames(platform, [...data.audit.map((a) => a.actorUserId), ...notes.map((n) => n.authorUserId)]);
  data.steps.notes = notes.map(({ authorUserId, ...note }) => ({ ...note, author: authorUserId ? (names.get(authorUserId) ?? null) : null }));
  const json = {
    format: 'rsm-client-export/1',
    exportedAt: platform.clock.now().toISOString(),
    client: data.client,
    contacts: data.contacts,
    ...data.steps,
    auditLog: data.audit.map((a) => ({
      at: toIso(a.at),
      action: a.action,
      by: a.actorUserId ? (names.get(a.actorUserId) ?? a.actorUserId) : null,
      details: a.details,
    })),
  };
  return { json, summary: summaryMarkdown(json) };
}

type ExportJson = Record<string, unknown> & { client: ReturnType<typeof clientView>; contacts: unknown[]; auditLog: unknown[] };

/** A readable account of the export, for the client themselves (Markdown, no technical ids). */
function summaryMarkdown(json: ExportJson): string {
  const c = json.client;
  const line = (label: string, value: string) => (value ? `- **${label}:** ${value}\n` : '');
  const address = [c.addressLine1, c.addressLine2, [c.postalCode, c.city].filter(Boolean).join(' '), c.country].filter(Boolean).join(', ');
  let md = `# Data held about ${c.name}\n\nExported on ${String(json.exportedAt)}.\n\n## Profile\n\n`;
  md +=
    line('Kind', c.kind) +
    line('E-mail', c.email) +
    line('Phone', c.phone) +
    line('Address', address) +
    line('Website', c.website) +
    line('VAT number', c.vatNumber) +
    line('Tags', c.tags.join(', '));
  md += line('Client since', c.createdAt.slice(0, 10));
  const count = (value: unknown) => (Array.isArray(value) ? value.length : value === null || value === undefined ? 0 : 1);
  md += `\n## Records\n\n- Contacts: ${json.contacts.length}\n`;
  for (const [name, value] of Object.entries(json)) {
    if (['format', 'exportedAt', 'client', 'contacts', 'auditLog'].includes(name)) continue;
    md += `- ${name[0]!.toUpperCase()}${name.slice(1)}: ${count(value)}\n`;
  }
  md += `- Audit log entries: ${json.auditLog.length}\n`;
  const sessions = Array.isArray(json.sessions) ? (json.sessions as { title: string; startsAt: string; status: string; roomName: string }[]) : [];
  if (sessions.length) {
    md += `\n## Sessions\n\n| Date | Title | Room | Status |\n|---|---|---|---|\n`;
    for (const s of sessions) md += `| ${s.startsAt.slice(0, 16).replace('T', ' ')} | ${mdCell(s.title)} | ${mdCell(s.roomName)} | ${s.status} |\n`;
  }
  const notes = Array.isArray(json.notes) ? (json.notes as { createdAt: string; author: string | null; body: string }[]) : [];
  if (notes.length) {
    md += `\n## Notes\n\n`;
    for (const n of notes) md += `- ${n.createdAt.slice(0, 10)}${n.author ? ` (${mdCell(n.author)})` : ''}: ${mdCell(n.body)}\n`;
  }
  md += `\nThe complete data is in the accompanying JSON file.\n`;
  return md;
}

const mdCell = (value: string) => value.replace(/[|\\]/g, (ch) => `\\${ch}`).replace(/\s*\n\s*/g, ' ');

export async function eraseClient(db: TenantDb, actor: Actor, clientId: string, confirmName: string) {
  return db.transaction(async (tx) => {
    const client = await liveClient(tx, clientId, true);
    if (client.name.trim().toLowerCase() !== confirmName.trim().toLowerCase())
      throw new AppError('BAD_REQUEST', 'Type the client’s name to confirm', { reason: 'confirm_name_mismatch' });
    const counts: Record<string, Record<string, number>> = {};
    for (const step of clientDataSteps()) counts[step.name] = await step.erase(tx, clientId);
    await anonymiseClientRow(tx, clientId);
    await recordAudit(tx, actor, 'client.erased', 'client', clientId, { counts });
    return counts;
  });
}

async function anonymiseClientRow(tx: ClientDataTx, clientId: string) {
  const now = new Date();
  await tx
    .update(tenant.clients)
    .set({
      name: ERASED_NAME,
      email: '',
      phone: '',
      addressLine1: '',
      addressLine2: '',
      postalCode: '',
      city: '',
      country: '',
      website: '',
      vatNumber: '',
      locale: '',
      companyType: '',
      tags: [],
      portalPasswordHash: null,
      erasedAt: now,
      archivedAt: now,
      updatedAt: now,
    })
    .where(eq(tenant.clients.id, clientId));
  await tx.delete(tenant.clientContacts).where(or(eq(tenant.clientContacts.companyId, clientId), eq(tenant.clientContacts.personId, clientId)));
}
