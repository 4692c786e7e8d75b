/**
 * Reading a client import file (pure, no database): a real CSV parser (quotes, multi-line fields, BOM,
 * the `;` of French Excel, tabs), columns recognised by their header (English and French names), every
 * line validated with the same schema as the form. Each problem names its line (as a spreadsheet shows
 * it, header = line 1), its column and an i18n message key.
 */
import { parse } from 'csv-parse/sync';
import {
  CLIENT_CSV_COLUMNS,
  CLIENT_IMPORT_MAX_ROWS,
  CONTACT_ROLES,
  clientFields,
  type ClientCsvField,
  type ClientFields,
  type ContactRole,
} from '@rsm/shared/clients-schemas';

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export interface ImportRow {
  line: number;
  fields: ClientFields;
  /** Name of the company this person is a contact of (created when unknown). */
  company: string;
  roles: ContactRole[];
}

export interface ParsedImport {
  rows: ImportRow[];
  problems: ImportProblem[];
  /** Data lines read (valid or not). */
  lineCount: number;
  columns: ClientCsvField[];
  ignoredColumns: string[];
}

/**
 * Cells a spreadsheet would run as a formula (=, @, or + / - not followed by a phone number); quotes before
 * them count, so the export's guard (one more ') and the import's stripping (one ') are exact inverses.
 */
export function needsFormulaGuard(value: string): boolean {
  return /^'*[=@]/.test(value) || /^'*[+-](?![\d\s().-]*$)/.test(value);
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();

const HEADER_TO_FIELD = new Map<string, ClientCsvField>(
  Object.entries(CLIENT_CSV_COLUMNS).flatMap(([field, names]) => names.map((n) => [fold(n), field as ClientCsvField] as const)),
);

const KINDS: Record<string, 'person' | 'company'> = {
  person: 'person',
  personne: 'person',
  individual: 'person',
  particulier: 'person',
  company: 'company',
  societe: 'company',
  entreprise: 'company',
  organisation: 'company',
  organization: 'company',
};
const COMPANY_TYPES: Record<string, string> = {
  label: 'label',
  management: 'management',
  production: 'production',
  'production company': 'production',
  'societe de production': 'production',
  band: 'band',
  groupe: 'band',
  other: 'other',
  autre: 'other',
};
const ROLES: Record<string, ContactRole> = {
  ...Object.fromEntries(CONTACT_ROLES.map((r) => [r.replace('_', ' '), r])),
  artiste: 'artist',
  'membre du groupe': 'band_member',
  membre: 'band_member',
  manageur: 'manager',
  'contact label': 'label_contact',
  payeur: 'payer',
  'band member': 'band_member',
  'label contact': 'label_contact',
};
const LOCALES: Record<string, string> = { en: 'en', english: 'en', anglais: 'en', fr: 'fr', french: 'fr', francais: 'fr' };

/** The delimiter of the header line: the most frequent of `;`, `,` and tab outside quotes. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n')).replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![1] > 0 ? counts[0]![0] : ',';
}

const list = (value: string) =>
  value
    .split(/[,;|]/)
    .map((v) => v.trim())
    .filter(Boolean);

export function parseClientCsv(input: string): ParsedImport {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const problems: ImportProblem[] = [];
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: 64_000,
    }) as unknown as typeof records;
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1;
    return { rows: [], problems: [{ line, field: '', message: 'clients.import.errors.unreadable' }], lineCount: 0, columns: [], ignoredColumns: [] };
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], problems: [{ line: 1, field: '', message: 'clients.import.errors.empty' }], lineCount: 0, columns: [], ignoredColumns: [] };
  const mapping = header.record.map((h) => HEADER_TO_FIELD.get(fold(h)) ?? null);
  const columns = [...new Set(mapping.filter((m): m is ClientCsvField => m !== null))];
  const ignoredColumns = header.record.filter((_, i) => mapping[i] === null);
  if (!columns.includes('name'))
    return {
      rows: [],
      problems: [{ line: 1, field: 'name', message: 'clients.import.errors.no_name_column' }],
      lineCount: data.length,
      columns,
      ignoredColumns,
    };
  if (data.length > CLIENT_IMPORT_MAX_ROWS)
    return { rows: [], problems: [{ line: 1, field: '', message: 'clients.import.errors.too_many_rows' }], lineCount: data.length, columns, ignoredColumns };

  const rows: ImportRow[] = [];
  const seenEmails = new Map<string, number>();
  for (const { record, raw, info } of data) {
    const line = info.lines - (raw.replace(/^\n+/, '').replace(/\n$/, '').split('\n').length - 1);
    const cell = (field: ClientCsvField) => {
      const i = mapping.indexOf(field);
      const value = i === -1 ? '' : (record[i] ?? '');
      // Our export defuses formulas with a leading ' (see csvCell): take exactly that one off again.
      return value.startsWith("'") && needsFormulaGuard(value.slice(1)) ? value.slice(1) : value;
    };
    const lineProblems: ImportProblem[] = [];
    const pick = <T>(field: ClientCsvField, table: Record<string, T>, fallback: T): T => {
      const value = cell(field);
      if (!value) return fallback;
      const found = table[fold(value)];
      if (found === undefined) lineProblems.push({ line, field, message: `clients.import.errors.${field}_invalid` });
      return found ?? fallback;
    };
    const kind = pick('kind', KINDS, 'person');
    const roles = list(cell('roles')).flatMap((r) => {
      const role = ROLES[fold(r)];
      if (!role) lineProblems.push({ line, field: 'roles', message: 'clients.import.errors.roles_invalid' });
      return role ? [role] : [];
    });
    const candidate = {
      kind,
      companyType: kind === 'company' ? pick('companyType', COMPANY_TYPES, '') : '',
      name: cell('name'),
      email: cell('email'),
      phone: cell('phone'),
      addressLine1: cell('addressLine1'),
      addressLine2: cell('addressLine2'),
      postalCode: cell('postalCode'),
      city: cell('city'),
      country: cell('country'),
      website: cell('website'),
      vatNumber: cell('vatNumber'),
      locale: pick('locale', LOCALES, ''),
      tags: list(cell('tags')),
    };
    const parsed = clientFields.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        lineProblems.push({ line, field: String(issue.path[0] ?? ''), message: issue.message.startsWith('errors.') ? issue.message : 'errors.invalid_value' });
    }
    const company = cell('company');
    if (company && kind === 'company') lineProblems.push({ line, field: 'company', message: 'clients.import.errors.company_for_company' });
    if (company.length > 200) lineProblems.push({ line, field: 'company', message: 'errors.too_long' });
    if (parsed.success && parsed.data.email) {
      const first = seenEmails.get(parsed.data.email);
      if (first !== undefined) lineProblems.push({ line, field: 'email', message: 'clients.import.errors.duplicate_in_file' });
      else seenEmails.set(parsed.data.email, line);
    }
    if (lineProblems.length || !parsed.success) problems.push(...dedupe(lineProblems));
    else rows.push({ line, fields: parsed.data, company, roles: [...new Set(roles)] });
  }
  return { rows, problems, lineCount: data.length, columns, ignoredColumns };
}

function dedupe(problems: ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
