/**
 * Bank details printed on invoices. A wrong IBAN on an invoice means a client's transfer bounces or goes
 * astray, so both are checked when typed: the IBAN by its ISO 13616 mod-97 check digits (which catch every
 * single typo and nearly every swap of two characters), the BIC by its ISO 9362 shape.
 */

/** "fr76 3000 6000 0112 3456 7890 189" → "FR7630006000011234567890189": the form stored and printed grouped. */
export function normalizeBankCode(text: string): string {
  return text.replace(/[\s\u00a0\u202f-]/g, '').toUpperCase();
}

export function isValidIban(text: string): boolean {
  const iban = normalizeBankCode(text);
  // Country, two check digits, then 11 to 30 letters and digits (the longest national format is 34 in all).
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  // Letters count as 10..35; the remainder is taken digit by digit so no number outgrows a double.
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Bank (4 letters), country (2 letters), location (2), optional branch (3). */
export function isValidBic(text: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(normalizeBankCode(text));
}

/** The IBAN in groups of four, as banks print it. */
export function formatIban(text: string): string {
  return normalizeBankCode(text).replace(/(.{4})(?=.)/g, '$1 ');
}
