/**
 * CSV import (dry run with per-line errors and nothing written, commit of the valid lines in one
 * transaction, dedupe by e-mail, companies and contacts, French Excel files) and exports (CSV that
 * re-imports to the same data, vCard 4.0 that a real parser reads back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { asc, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, expectRefused, snapshot, withStudioDb, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;

interface Report {
  committed: boolean;
  lineCount: number;
  created: number;
  updated: number;
  companiesCreated: number;
  errors: { line: number; field: string; message: string }[];
  preview: { line: number; action: string; name: string }[];
  ignoredColumns: string[];
}
const importCsv = async (csv: string, dryRun: boolean, on = studio) => {
  const result = await on.owner.mutate<Report>('clients.import', { csv, dryRun }, on.slug);
  expect(result.error, JSON.stringify(result.error)).toBeUndefined();
  return result.data!;
};
const clientsOf = (s: Studio) => withStudioDb(server, s.id, (db) => db.select().from(tenant.clients).orderBy(asc(tenant.clients.name)));

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Import Studio' });
});
afterAll(async () => server?.close());

const BAD_FILE = [
  'Name,E-mail,Phone,Company,Roles,Tags,Unknown column',
  'Ada Lovelace,ada@example.test,+44 20 0000,Analytical Records,"artist, payer","vip,Jazz",x',
  ',nobody@example.test,,,,,', // line 3: no name
  'Bad Mail,not-an-email,,,,,', // line 4
  '"Multi',
  'line",multi@example.test,,,,,', // lines 5-6: one record, whose name holds a line break (refused: a name is one line)
  'Dup,ADA@example.test,,,,,', // line 7: same e-mail as line 2
  'Wrong Role,role@example.test,,Analytical Records,drummer,,', // line 8
  'Grace Hopper,grace@example.test,,Analytical Records,manager,,',
].join('\n');

describe('import', () => {
  it('a dry run reports every bad line with its line number and field, and writes nothing', async () => {
    const before = await snapshot(server, studio.id);
    const report = await importCsv(BAD_FILE, true);
    expect(report.committed).toBe(false);
    expect(report.lineCount).toBe(7);
    expect(report.errors).toEqual([
      { line: 3, field: 'name', message: 'errors.required' },
      { line: 4, field: 'email', message: 'errors.email_invalid' },
      { line: 5, field: 'name', message: 'errors.control_characters' },
      { line: 7, field: 'email', message: 'clients.import.errors.duplicate_in_file' },
      { line: 8, field: 'roles', message: 'clients.import.errors.roles_invalid' },
    ]);
    expect(report).toMatchObject({ created: 2, updated: 0, companiesCreated: 1, ignoredColumns: ['Unknown column'] });
    expect(report.preview.map((p) => [p.line, p.action, p.name])).toEqual([
      [2, 'create', 'Ada Lovelace'],
      [9, 'create', 'Grace Hopper'],
    ]);
    expect(await snapshot(server, studio.id)).toEqual(before);
  });

  it('the commit writes the valid lines, creates the company and its contacts, and reports the bad ones', async () => {
    const report = await importCsv(BAD_FILE, false);
    expect(report).toMatchObject({ committed: true, created: 2, companiesCreated: 1 });
    expect(report.errors).toHaveLength(5);
    const rows = await clientsOf(studio);
    expect(rows.map((r) => r.name)).toEqual(['Ada Lovelace', 'Analytical Records', 'Grace Hopper']);
    const ada = rows.find((r) => r.name === 'Ada Lovelace')!;
    expect(ada).toMatchObject({ email: 'ada@example.test', phone: '+44 20 0000', tags: ['vip', 'jazz'], kind: 'person' });
    const company = rows.find((r) => r.name === 'Analytical Records')!;
    expect(company.kind).toBe('company');
    const contacts = await withStudioDb(server, studio.id, (db) =>
      db.select().from(tenant.clientContacts).where(eq(tenant.clientContacts.companyId, company.id)),
    );
    expect(contacts.map((c) => c.roles).sort()).toEqual([['artist', 'payer'], ['manager']]);
    const audit = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.auditLog).where(eq(tenant.auditLog.action, 'client.imported')));
    expect(audit).toMatchObject([{ details: { created: 2, updated: 0, companiesCreated: 1, badLines: 5 } }]);
  });

  it('updates clients found by e-mail (case-insensitive): filled cells replace, tags are added', async () => {
    const report = await importCsv('name;email;tags;city\nAda King;ADA@EXAMPLE.TEST;math;London\n', true);
    expect(report).toMatchObject({ created: 0, updated: 1, errors: [] });
    await importCsv('name;email;tags;city\nAda King;ADA@EXAMPLE.TEST;math;London\n', false);
    const ada = (await clientsOf(studio)).find((r) => r.email === 'ada@example.test')!;
    expect(ada).toMatchObject({ name: 'Ada King', city: 'London', phone: '+44 20 0000', tags: ['vip', 'jazz', 'math'] });
  });

  it('reads French Excel files: BOM, semicolons, CRLF, French headers and values', async () => {
    const other = await createStudio(server, { studioName: 'Studio Français' });
    const csv =
      '\uFEFFNom;Courriel;Téléphone;Type;Type de société;Ville;Langue;Étiquettes\r\nÉlodie Durand;elodie@example.test;06 12 34 56 78;Personne;;Paris;Français;pop|rock\r\nLes Disques Bleus;;;Société;Label;Nantes;;\r\n';
    const report = await importCsv(csv, false, other);
    expect(report.errors).toEqual([]);
    const rows = await clientsOf(other);
    expect(rows.map((r) => [r.name, r.kind, r.companyType, r.city, r.locale, r.tags])).toEqual([
      // byte order: "L" before "É"
      ['Les Disques Bleus', 'company', 'label', 'Nantes', '', []],
      ['Élodie Durand', 'person', '', 'Paris', 'fr', ['pop', 'rock']],
    ]);
    const found = await other.owner.query<{ items: { name: string }[] }>('clients.list', { q: 'elodie' }, other.slug);
    expect(found.data!.items.map((i) => i.name)).toEqual(['Élodie Durand']);
  });

  it('refuses files it cannot use, saying why', async () => {
    expect((await importCsv('email\nx@example.test\n', true)).errors).toEqual([{ line: 1, field: 'name', message: 'clients.import.errors.no_name_column' }]);
    expect((await importCsv('name,email\n"unclosed,x@example.test\n', true)).errors).toMatchObject([{ message: 'clients.import.errors.unreadable' }]);
    const tooMany = `name\n${Array.from({ length: 10_001 }, (_, i) => `Row ${i}`).join('\n')}\n`;
    expect((await importCsv(tooMany, true)).errors).toEqual([{ line: 1, field: '', message: 'clients.import.errors.too_many_rows' }]);
    expectRefused(await studio.owner.mutate('clients.import', { csv: '', dryRun: true }, studio.slug), 'BAD_REQUEST', 400);
  });

  it('takes files of several megabytes (over the server-wide 1 MB body limit)', async () => {
    const row = (i: number) => `Client number ${i},client${i}@example.test,+33 6 00 00 00 00,${'Long address line '.repeat(8)}`;
    const big = `name,email,phone,address\n${Array.from({ length: 9_000 }, (_, i) => row(i)).join('\n')}\n`;
    expect(big.length).toBeGreaterThan(1.5 * 1024 * 1024);
    const report = await importCsv(big, true);
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(9_000);
  });
});

describe('export', () => {
  it('CSV re-imports into another studio as the same clients', async () => {
    await studio.owner.mutate(
      'clients.create',
      {
        name: 'Quote "Comma", Semi; Colon',
        email: 'tricky@example.test',
        phone: '=HYPERLINK("x")',
        addressLine1: 'Bâtiment "B", 2nd floor',
        country: 'FR',
        tags: ['a', 'b'],
      },
      studio.slug,
    );
    const exported = await studio.owner.mutate<{ filename: string; content: string }>('clients.exportCsv', {}, studio.slug);
    expect(exported.data!.filename).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.data!.content).toContain(`"'=HYPERLINK(""x"")"`);
    const copy = await createStudio(server, { studioName: 'Round Trip' });
    const report = await importCsv(exported.data!.content, false, copy);
    expect(report.errors).toEqual([]);
    const shape = (rows: Awaited<ReturnType<typeof clientsOf>>) =>
      rows.map((r) => ({
        name: r.name,
        kind: r.kind,
        email: r.email,
        phone: r.phone,
        addressLine1: r.addressLine1,
        country: r.country,
        tags: r.tags,
        companyType: r.companyType,
      }));
    expect(shape(await clientsOf(copy))).toEqual(shape(await clientsOf(studio)));
    const contacts = await withStudioDb(server, copy.id, (db) => db.select().from(tenant.clientContacts));
    expect(contacts.map((c) => c.roles).sort()).toEqual([['artist', 'payer'], ['manager']]);
  });

  it('vCard 4.0 escapes per RFC 6350 and parses back', async () => {
    const id = (await studio.owner.query<{ items: { id: string }[] }>('clients.list', { q: 'tricky' }, studio.slug)).data!.items[0]!.id;
    const one = await studio.owner.mutate<{ content: string; mimeType: string }>('clients.exportVcard', { ids: [id] }, studio.slug);
    expect(one.data!.mimeType).toMatch(/^text\/vcard/);
    expect(one.data!.content).toContain('FN:Quote "Comma"\\, Semi; Colon\r\n');
    const parsed = new ICAL.Component(ICAL.parse(one.data!.content) as unknown[]);
    expect(parsed.getFirstPropertyValue('fn')).toBe('Quote "Comma", Semi; Colon');
    expect(parsed.getFirstPropertyValue('email')).toBe('tricky@example.test');
    expect(parsed.getFirstPropertyValue('version')).toBe('4.0');
    const all = await studio.owner.mutate<{ content: string }>('clients.exportVcard', {}, studio.slug);
    expect(all.data!.content.match(/BEGIN:VCARD/g)).toHaveLength((await clientsOf(studio)).length);
    for (const line of all.data!.content.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('records exports in the audit log', async () => {
    const audit = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.auditLog).where(eq(tenant.auditLog.action, 'client.exported')));
    expect(audit.map((a) => (a.details as { format: string }).format).sort()).toEqual(['csv', 'vcard', 'vcard']);
  });
});
