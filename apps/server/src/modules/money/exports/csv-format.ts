/**
 * CSV for an accountant's spreadsheet (LibreOffice, Excel): UTF-8 with a BOM so accents survive, CRLF lines, the
 * chosen separator (comma, or semicolon where the comma is the decimal mark), amounts with the chosen decimal
 * mark. Text cells go through the clients export's `csvCell` (quoting, and the apostrophe before a leading
 * = + - @ that would otherwise run as a formula); amounts are written by us and stay numbers.
 */
import { z } from 'zod';
import { csvCell } from '../../clients/export.service.ts';

export const csvOptionsSchema = z.object({
  separator: z.enum(['comma', 'semicolon']).default('comma'),
  decimalComma: z.boolean().default(false),
});
export type CsvOptions = z.output<typeof csvOptionsSchema>;

export const BOM = '\uFEFF';

/** A cell: text (guarded and quoted), or an amount in cents written as a decimal number. */
export type Cell = string | { cents: number };

export function amount(cents: number, decimalComma: boolean): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}${decimalComma ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
}

export function csvLine(cells: readonly Cell[], options: CsvOptions): string {
  const separator = options.separator === 'semicolon' ? ';' : ',';
  return cells
    .map((cell) => {
      if (typeof cell === 'string') return csvCell(cell);
      const text = amount(cell.cents, options.decimalComma);
      // "12,50" with a comma separator must be quoted to stay one cell.
      return text.includes(separator) ? `"${text}"` : text;
    })
    .join(separator);
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[], options: CsvOptions): string {
  return BOM + [csvLine(header, options), ...rows.map((r) => csvLine(r, options))].join('\r\n') + '\r\n';
}
