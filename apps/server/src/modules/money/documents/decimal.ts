/**
 * Exact decimal strings (quantities, VAT rates) as scaled bigints, and cents as XML / display numbers.
 * A float would turn "5.5" % of 1 999 cents into 109.94500000000001: the EN 16931 sum rules then fail by a cent.
 */

const DECIMAL = /^(\d{1,12})(?:\.(\d{1,6}))?$/;

/** `"1.5"` at scale 3 → 1500n. Returns undefined when the string is not a plain non-negative decimal or has more decimals than `scale`. */
export function parseScaled(value: string, scale: number): bigint | undefined {
  const m = DECIMAL.exec(value);
  if (!m) return undefined;
  const fraction = m[2] ?? '';
  if (fraction.length > scale) return undefined;
  return BigInt(m[1] + fraction.padEnd(scale, '0'));
}

/** The canonical text of a decimal string: `"20.0"` → `"20"`, `"05.50"` → `"5.5"`; grouping keys compare these. */
export function canonicalDecimal(value: string): string {
  const m = DECIMAL.exec(value);
  if (!m) return value;
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Cents as the XML amount format: 123456 → `"1234.56"`, -5 → `"-0.05"`. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** |a − b| for bigints. */
export function absDiff(a: bigint, b: bigint): bigint {
  return a > b ? a - b : b - a;
}
