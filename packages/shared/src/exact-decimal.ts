/**
 * Decimal numbers that are not money but enter money computations — quantities (2.5 hours) and
 * percentages (5.5 % VAT, a 12.5 % discount) — held exactly as integers of a fixed scale, so no float
 * ever reaches an amount. A quantity is in thousandths (2.5 → 2500); a percentage is in basis points,
 * hundredths of a percent (5.5 % → 550, 20 % → 2000).
 */
export const QUANTITY_SCALE = 1000;
export const QUANTITY_DIGITS = 3;
export const BASIS_POINTS_PER_UNIT = 10_000;
export const PERCENT_DIGITS = 2;

/** Parse "2", "2.5", "2,5", " 1 250,125 " into an integer of `digits` decimals; null if not such a number. */
export function parseScaled(text: string, digits: number): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d{1,9}(?:\.\d*)?$/.test(cleaned)) return null;
  const [whole = '0', frac = ''] = cleaned.split('.');
  if (frac.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
}

/**
 * Render a scaled integer with the fewest decimals it needs ("2.5", "20", "5,5"), with the locale's decimal
 * separator and no grouping: "1,000" would read back as one in French, so what is shown parses back unchanged.
 */
export function formatScaled(value: number, digits: number, locale: string): string {
  if (!Number.isSafeInteger(value)) throw new RangeError('a scaled value is a safe integer');
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  const scale = 10 ** digits;
  const whole = Math.floor(magnitude / scale);
  const frac = String(magnitude % scale)
    .padStart(digits, '0')
    .replace(/0+$/, '');
  const wholeText = String(whole);
  if (!frac) return sign + wholeText;
  // The decimal separator of the locale, read from a formatted 1.5 (Intl has no direct accessor).
  const separator = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return `${sign}${wholeText}${separator}${frac}`;
}

export const parseQuantity = (text: string) => parseScaled(text, QUANTITY_DIGITS);
export const formatQuantity = (thousandths: number, locale: string) => formatScaled(thousandths, QUANTITY_DIGITS, locale);
/** "5,5", "5.5" or "5,5 %" (people type the sign) → 550. */
export const parsePercent = (text: string) => parseScaled(text.replace(/\s*%\s*$/, ''), PERCENT_DIGITS);
export const formatPercent = (basisPoints: number, locale: string) => formatScaled(basisPoints, PERCENT_DIGITS, locale);
