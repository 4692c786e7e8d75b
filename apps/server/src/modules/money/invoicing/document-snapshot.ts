/**
 * The frozen picture of a document at issue: seller and buyer as they were that day, the lines and totals as
 * stored (computed by computeTotals), the deposits deducted and the corrected invoice. This model is what the
 * renderer turns into the PDF and what is stored on the document, so the PDF never needs rendering again and a
 * later change of the studio's address or the client's name changes nothing already issued.
 */
import { asc, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { latePaymentText } from '@rsm/shared/billing-texts';
import type { DocumentLine, DocumentDiscount, LineUnit, MoneyDocument, VatBreakdownEntry, VatCategory } from '../documents/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { TenantTx } from '../numbering/document-number.ts';
import { getBillingDetails } from '../settings/billing-details.service.ts';
import { toDiscount, totalsOf } from './draft-lines.ts';
import type { StudioMoneyContext } from './drafts.service.ts';

type DocumentRow = typeof tenant.moneyDocuments.$inferSelect;

/** 2000 → "20", 550 → "5.5", 1 → "0.01": an exact decimal percent, no float. */
export function percentOf(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** 2500 thousandths → "2.5". */
export function quantityOf(thousandths: number): string {
  const whole = Math.trunc(thousandths / 1000);
  const fraction = String(thousandths % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

const UNIT: Record<string, LineUnit> = { hour: 'hour', day: 'day', session: 'lump_sum', item: 'item' };
const invalid = (problems: string) => new AppError('DOCUMENT_INVALID', `This document cannot be issued: ${problems}`, { problems });

function paymentTermsText(days: number, locale: 'en' | 'fr'): string {
  if (locale === 'fr') return days === 0 ? 'Paiement à réception de la facture.' : `Paiement à ${days} jours à compter de la date de facture.`;
  return days === 0 ? 'Payment on receipt of the invoice.' : `Payment within ${days} days of the invoice date.`;
}

const compactLines = (lines: string[]) => lines.map((l) => l.trim()).filter(Boolean);

export interface IssueDates {
  number: string;
  issueDate: string;
  dueDate: string | null;
}

export async function buildDocumentModel(tx: TenantTx, ctx: StudioMoneyContext, doc: DocumentRow, dates: IssueDates): Promise<MoneyDocument> {
  const billing = await getBillingDetails(tx as never, ctx.locale);
  const [client] = await tx.select().from(tenant.clients).where(eq(tenant.clients.id, doc.clientId));
  if (!client || client.erasedAt) throw invalid('the client no longer exists');
  const lines = await tx
    .select()
    .from(tenant.moneyDocumentLines)
    .where(eq(tenant.moneyDocumentLines.documentId, doc.id))
    .orderBy(asc(tenant.moneyDocumentLines.position));
  if (lines.length === 0) throw invalid('a document needs at least one line');
  const rates = new Map((await tx.select().from(tenant.vatRates)).map((r) => [r.id, r]));
  const categoryOf = (c: string): VatCategory => {
    if (c === 'O') throw invalid('the "outside scope" VAT category cannot be printed on an EN 16931 invoice');
    return c as VatCategory;
  };

  const modelLines: DocumentLine[] = lines.map((l) => ({
    description: l.description,
    quantity: quantityOf(l.quantity),
    unit: UNIT[l.unit]!,
    unitPriceCents: l.unitPriceCents,
    discountCents: l.lineDiscountCents,
    // The line's net before the document discount: EN 16931 states document discounts separately, per rate.
    netCents: l.amountCents - l.lineDiscountCents,
    vatRate: percentOf(l.vatBasisPoints),
    vatCategory: categoryOf(l.vatCategory),
  }));
  const groups = new Map<string, { category: VatCategory; bp: number; taxable: number; discount: number; rateId: string }>();
  for (const l of lines) {
    const key = `${l.vatCategory}:${l.vatBasisPoints}`;
    const g = groups.get(key) ?? { category: categoryOf(l.vatCategory), bp: l.vatBasisPoints, taxable: 0, discount: 0, rateId: l.vatRateId };
    g.taxable += l.netCents;
    g.discount += l.documentDiscountCents;
    groups.set(key, g);
  }
  const discountReason = ctx.locale === 'fr' ? 'Remise' : 'Discount';
  const documentDiscounts: DocumentDiscount[] = [...groups.values()]
    .filter((g) => g.discount > 0)
    .map((g) => ({ amountCents: g.discount, reason: discountReason, vatRate: percentOf(g.bp), vatCategory: g.category }));
  // The VAT per rate comes from computeTotals over the stored lines, as when they were saved. It groups by rate
  // only; two categories share a rate only at 0 %, where the VAT is nothing either way.
  const computed = totalsOf(lines, toDiscount(doc.discountKind, doc.discountValue));
  const vatBreakdown: VatBreakdownEntry[] = [...groups.values()]
    .sort((a, b) => b.bp - a.bp)
    .map((g) => {
      const vatCents = g.bp === 0 ? 0 : computed.vatBreakdown.find((v) => v.vatRateBasisPoints === g.bp)!.vatCents;
      const entry: VatBreakdownEntry = { vatCategory: g.category, vatRate: percentOf(g.bp), taxableBaseCents: g.taxable, vatCents };
      if (!['S', 'Z'].includes(g.category)) entry.exemptionReason = rates.get(g.rateId)?.label || undefined;
      return entry;
    });
  const storedVat = vatBreakdown.reduce((s, v) => s + v.vatCents, 0);
  if (storedVat !== doc.vatCents) throw new Error(`VAT breakdown ${storedVat} differs from the stored total ${doc.vatCents}`);

  const deductions = await tx
    .select({ number: tenant.moneyDocuments.number, issueDate: tenant.moneyDocuments.issueDate, amountCents: tenant.moneyDocumentDeductions.amountCents })
    .from(tenant.moneyDocumentDeductions)
    .innerJoin(tenant.moneyDocuments, eq(tenant.moneyDocuments.id, tenant.moneyDocumentDeductions.depositInvoiceId))
    .where(eq(tenant.moneyDocumentDeductions.finalInvoiceId, doc.id));
  let correctedInvoice: MoneyDocument['correctedInvoice'];
  if (doc.correctsId) {
    const [corrected] = await tx.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, doc.correctsId));
    correctedInvoice = { number: corrected!.number!, issueDate: corrected!.issueDate! };
  }

  const sellerCountry = billing.country.toUpperCase();
  // A client with no country on file is taken to be in the studio's country (most clients are local).
  const buyerCountry = /^[A-Za-z]{2}$/.test(client.country) ? client.country.toUpperCase() : sellerCountry;
  const isBusiness = client.kind === 'company';
  const model: MoneyDocument = {
    kind: doc.kind,
    number: dates.number,
    issueDate: dates.issueDate,
    ...(dates.dueDate ? { dueDate: dates.dueDate } : {}),
    ...(doc.serviceDate ? { serviceDate: doc.serviceDate } : {}),
    currency: doc.currency,
    language: ctx.locale,
    seller: {
      legalName: billing.legalName,
      address: {
        lines: compactLines([billing.addressLine1, billing.addressLine2]),
        postcode: billing.postalCode,
        city: billing.city,
        countryCode: sellerCountry,
      },
      registrationNumber: billing.registrationNumber,
      ...(billing.vatNumber ? { vatNumber: billing.vatNumber } : {}),
      legalForm: billing.legalForm,
      ...(billing.shareCapitalCents !== null ? { shareCapitalCents: billing.shareCapitalCents } : {}),
      ...(billing.iban ? { iban: billing.iban } : {}),
      ...(billing.bic ? { bic: billing.bic } : {}),
      paymentTerms: paymentTermsText(billing.paymentTermsDays, ctx.locale),
      latePaymentWording: latePaymentText(billing.latePaymentText || null, ctx.locale),
    },
    buyer: {
      name: client.name,
      address: { lines: compactLines([client.addressLine1, client.addressLine2]), postcode: client.postalCode, city: client.city, countryCode: buyerCountry },
      ...(client.vatNumber ? { vatNumber: client.vatNumber } : {}),
      isBusiness,
    },
    lines: modelLines,
    documentDiscounts,
    vatBreakdown,
    totals: {
      linesNetCents: doc.subtotalCents,
      discountCents: doc.discountCents,
      netCents: doc.netCents,
      vatCents: doc.vatCents,
      grossCents: doc.grossCents,
      paidCents: doc.depositsDeductedCents,
      dueCents: doc.grossCents - doc.depositsDeductedCents,
    },
    depositsDeducted: deductions.map((d) => ({ number: d.number!, issueDate: d.issueDate!, amountCents: d.amountCents })),
    ...(correctedInvoice ? { correctedInvoice } : {}),
    ...(doc.notes ? { notes: doc.notes } : {}),
  };
  return model;
}
