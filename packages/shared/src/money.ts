/**
 * Money helpers: amounts are integer minor units (cents) with an explicit
 * currency. Parsing user input never goes through floating point.
 */
const ZERO_DECIMAL = new Set(['JPY']);

export function minorUnitDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

/** Parse "12", "12.5", "12,50", "1 234,56" into minor units; null if not a valid amount. */
export function parseAmountToMinor(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const digits = minorUnitDigits(currency);
  const pattern = digits === 0 ? /^\d{1,9}$/ : /^\d{1,9}(?:\.\d{0,2})?$/;
  if (!pattern.test(cleaned)) return null;
  const [whole = '0', frac = ''] = cleaned.split('.');
  return Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
}

export function formatMinor(amount: number, currency: string, locale: string): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError('amount must be an integer number of minor units');
  const digits = minorUnitDigits(currency);
  // Intl needs a number in major units; dividing a safe integer by 10^digits for display only.
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amount / 10 ** digits,
  );
}

/**
 * numerator / denominator rounded half away from zero (2.5 → 3, −2.5 → −3): the one rounding rule of
 * every money computation (prorating, discounts, VAT). Half away from zero is what accountants and the
 * French tax administration expect when a half cent appears; banker's rounding would surprise them.
 */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('divideRounded takes a positive denominator');
  const sign = numerator < 0n ? -1n : 1n;
  const magnitude = numerator < 0n ? -numerator : numerator;
  return sign * ((magnitude * 2n + denominator) / (2n * denominator));
}

/**
 * amount × numerator / denominator in integer minor units, rounded half away from zero — the one
 * rounding rule for prorating (e.g. an hourly rate over 90 minutes). Inputs must be safe integers.
 */
export function prorate(amount: number, numerator: number, denominator: number): number {
  if (![amount, numerator, denominator].every(Number.isSafeInteger) || denominator <= 0)
    throw new RangeError('prorate takes safe integers and a positive denominator');
  return Number(divideRounded(BigInt(amount) * BigInt(numerator), BigInt(denominator)));
}
