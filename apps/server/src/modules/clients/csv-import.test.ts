import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseClientCsv } from './csv-import.ts';
import { csvCell } from './export.service.ts';

describe('reading a client CSV', () => {
  it('numbers lines as a spreadsheet does, multi-line cells and blank lines included', () => {
    const parsed = parseClientCsv('name,email\n\nA,a@example.test\n"B\nsecond line",not-mail\n\n,c@example.test\n');
    expect(parsed.rows.map((r) => [r.line, r.fields.name])).toEqual([[3, 'A']]);
    expect(parsed.problems).toEqual([
      { line: 4, field: 'name', message: 'errors.control_characters' }, // a name is one line
      { line: 4, field: 'email', message: 'errors.email_invalid' },
      { line: 7, field: 'name', message: 'errors.required' },
    ]);
  });

  it('detects the delimiter and the headers in French, and maps values', () => {
    const parsed = parseClientCsv('\uFEFFNom;Type;Type de société;Rôles;Société\r\nLabel X;Société;Label;;\r\nAna;personne;;Artiste, Payeur;Label X\r\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.fields.name, r.fields.kind, r.fields.companyType, r.roles, r.company])).toEqual([
      ['Label X', 'company', 'label', [], ''],
      ['Ana', 'person', '', ['artist', 'payer'], 'Label X'],
    ]);
  });

  it('reports unknown values per field', () => {
    const parsed = parseClientCsv('name,kind,language,roles\nA,robot,de,drummer\n');
    expect(parsed.problems.map((p) => p.field)).toEqual(['kind', 'roles', 'locale']);
  });

  it('cells written by the export read back unchanged, formulas defused', () => {
    const cell = fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^'{0,2}[=@+'-][ -~]{0,10}$/)).map((s) => s.trim().replace(/\r/g, ''));
    fc.assert(
      fc.property(
        cell.filter((s) => s.length > 0),
        cell,
        (name, city) => {
          const csv = `name,city\n${csvCell(name)},${csvCell(city)}\n`;
          const parsed = parseClientCsv(csv);
          expect(parsed.problems).toEqual([]);
          expect([parsed.rows[0]!.fields.name, parsed.rows[0]!.fields.city]).toEqual([name, city]);
        },
      ),
      { numRuns: 300 },
    );
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+33 6 12 34 56 78')).toBe('+33 6 12 34 56 78');
    for (const tricky of ["'=x", "''=x", "'+33 6", "'+x", "'plain"]) expect(parseClientCsv(`name\n${csvCell(tricky)}\n`).rows[0]!.fields.name).toBe(tricky);
  });
});
