/**
 * The model as the PDF prints it. Characters the embedded font has no glyph for (Hebrew, Arabic, emoji…) would be
 * drawn as the .notdef box, which PDF/A-2 and -3 forbid a file to use (ISO 19005-2, 6.2.11.8): they print as
 * U+FFFD's stand-in "?" instead, while the Factur-X XML keeps the text exactly as written. Tabs print as spaces.
 */
import type { MoneyDocument } from '../document-model.ts';
import type { DocumentFonts } from './fonts.ts';

const REPLACEMENT = '?';

function printableText(text: string, fonts: DocumentFonts): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
    else out += fonts.regular.hasGlyphForCodePoint(code) && fonts.bold.hasGlyphForCodePoint(code) ? ch : REPLACEMENT;
  }
  return out;
}

function mapStrings<T>(value: T, fn: (text: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, fn)) as T;
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
}

export function toPrintableModel(doc: MoneyDocument, fonts: DocumentFonts): MoneyDocument {
  const printable = mapStrings(doc, (text) => printableText(text, fonts));
  // The link keeps its target: URL serialisation percent-encodes anything outside ASCII, so it prints as is.
  return doc.payOnlineUrl ? { ...printable, payOnlineUrl: new URL(doc.payOnlineUrl).href } : printable;
}
