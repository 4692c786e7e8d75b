/**
 * Checks of the model's user-written text before it reaches the PDF and XML libraries. Text from studios and their
 * clients is hostile: control characters are refused (XML 1.0 cannot even carry most of them), bidirectional
 * override characters are refused (they can make "100" display as "001" next to an amount), lengths are bounded so
 * that one field cannot make a thousand-page PDF.
 */
import type { MoneyDocument, PostalAddress } from './document-model.ts';

// C0 controls except tab and line feed, DEL, C1 controls, and the Unicode non-characters XML forbids.
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]/u;
// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): plain RTL text is fine, these are not.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const LONE_SURROGATE = /\p{Surrogate}/u;

interface TextRule {
  max: number;
  required?: boolean;
  multiline?: boolean;
}

export function checkText(problems: string[], field: string, value: string | undefined, rule: TextRule): void {
  if (value === undefined) {
    if (rule.required) problems.push(`${field} is required`);
    return;
  }
  if (rule.required && value.trim() === '') problems.push(`${field} is empty`);
  if (value.length > rule.max) problems.push(`${field} is longer than ${rule.max} characters`);
  if (CONTROL.test(value) || (!rule.multiline && /[\n\t]/.test(value))) problems.push(`${field} contains control characters`);
  if (BIDI_CONTROL.test(value)) problems.push(`${field} contains bidirectional override characters`);
  if (LONE_SURROGATE.test(value)) problems.push(`${field} contains an unpaired surrogate`);
}

function checkAddress(problems: string[], field: string, address: PostalAddress): void {
  if (address.lines.length > 3) problems.push(`${field}.lines has more than 3 lines`);
  address.lines.forEach((line, i) => checkText(problems, `${field}.lines[${i}]`, line, { max: 200 }));
  checkText(problems, `${field}.postcode`, address.postcode, { max: 20 });
  checkText(problems, `${field}.city`, address.city, { max: 100, required: true });
  if (!/^[A-Z]{2}$/.test(address.countryCode)) problems.push(`${field}.countryCode must be an ISO 3166-1 alpha-2 code`);
}

const DOCUMENT_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N} ._/#-]{0,39}$/u;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_LOGO_BYTES = 2 * 1024 * 1024;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

function isImage(bytes: Uint8Array): boolean {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}

/** Text, identifiers, dates and the logo: everything but the arithmetic. */
export function checkDocumentText(doc: MoneyDocument, problems: string[]): void {
  // The number also goes into the PDF's metadata and file name: a narrow alphabet keeps it safe there.
  if (!DOCUMENT_NUMBER.test(doc.number)) problems.push('number must be 1–40 letters, digits, spaces or . _ / # -');
  for (const [field, date] of [
    ['issueDate', doc.issueDate],
    ['dueDate', doc.dueDate],
    ['serviceDate', doc.serviceDate],
  ] as const) {
    if (date !== undefined && !isIsoDate(date)) problems.push(`${field} must be a YYYY-MM-DD date`);
  }
  if (!/^[A-Z]{3}$/.test(doc.currency)) problems.push('currency must be an ISO 4217 code');
  if (doc.language !== 'en' && doc.language !== 'fr') problems.push('language must be en or fr');

  const s = doc.seller;
  checkText(problems, 'seller.legalName', s.legalName, { max: 200, required: true });
  checkAddress(problems, 'seller.address', s.address);
  checkText(problems, 'seller.registrationNumber', s.registrationNumber, { max: 40, required: true });
  checkText(problems, 'seller.vatNumber', s.vatNumber, { max: 20 });
  if (s.vatNumber !== undefined && !/^[A-Z]{2}[A-Z0-9]{2,13}$/.test(s.vatNumber)) problems.push('seller.vatNumber is not a VAT number');
  checkText(problems, 'seller.legalForm', s.legalForm, { max: 60, required: true });
  if (s.iban !== undefined && !/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s.iban)) problems.push('seller.iban is not an IBAN (no spaces)');
  if (s.bic !== undefined && !/^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(s.bic)) problems.push('seller.bic is not a BIC');
  checkText(problems, 'seller.email', s.email, { max: 200 });
  checkText(problems, 'seller.phone', s.phone, { max: 40 });
  checkText(problems, 'seller.paymentTerms', s.paymentTerms, { max: 1000, multiline: true });
  checkText(problems, 'seller.latePaymentWording', s.latePaymentWording, { max: 2000, multiline: true });
  if (s.logo !== undefined && (s.logo.byteLength > MAX_LOGO_BYTES || !isImage(s.logo))) {
    problems.push('seller.logo must be a PNG or JPEG of at most 2 MB');
  }

  const b = doc.buyer;
  checkText(problems, 'buyer.name', b.name, { max: 200, required: true });
  checkAddress(problems, 'buyer.address', b.address);
  checkText(problems, 'buyer.vatNumber', b.vatNumber, { max: 20 });
  checkText(problems, 'buyer.reference', b.reference, { max: 100 });

  doc.lines.forEach((line, i) => {
    checkText(problems, `lines[${i}].description`, line.description, { max: 2000, required: true, multiline: true });
    checkText(problems, `lines[${i}].discountReason`, line.discountReason, { max: 200 });
  });
  doc.documentDiscounts.forEach((d, i) => checkText(problems, `documentDiscounts[${i}].reason`, d.reason, { max: 200, required: true }));
  doc.vatBreakdown.forEach((v, i) => checkText(problems, `vatBreakdown[${i}].exemptionReason`, v.exemptionReason, { max: 300 }));
  doc.depositsDeducted.forEach((d, i) => {
    if (!DOCUMENT_NUMBER.test(d.number)) problems.push(`depositsDeducted[${i}].number is not a document number`);
    if (!isIsoDate(d.issueDate)) problems.push(`depositsDeducted[${i}].issueDate must be a YYYY-MM-DD date`);
  });
  if (doc.correctedInvoice) {
    if (!DOCUMENT_NUMBER.test(doc.correctedInvoice.number)) problems.push('correctedInvoice.number is not a document number');
    if (!isIsoDate(doc.correctedInvoice.issueDate)) problems.push('correctedInvoice.issueDate must be a YYYY-MM-DD date');
  }
  checkText(problems, 'notes', doc.notes, { max: 4000, multiline: true });
  if (doc.payOnlineUrl !== undefined) checkPayUrl(problems, doc.payOnlineUrl);
}

function checkPayUrl(problems: string[], value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // Only web links become a PDF link annotation: a javascript: or file: URI there would be an attack.
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || value.length > 500 || CONTROL.test(value)) {
    problems.push('payOnlineUrl must be an http(s) URL of at most 500 characters');
  }
}
