/** Header settlement of the CII XML: payment means, VAT breakdown, document discounts, terms, totals, references. */
import type { MoneyDocument } from '../document-model.ts';
import { canonicalDecimal } from '../decimal.ts';
import { allowance, amount, categoryTax, dateElement } from './cii-common.ts';
import { el, optionalText, text, type XmlElement } from './xml-writer.ts';

/** UNTDID 4461: 58 SEPA credit transfer (with the IBAN), 68 online payment service (the portal's pay link). */
function paymentMeans(doc: MoneyDocument): XmlElement | undefined {
  if (doc.kind === 'credit_note' || doc.totals.dueCents === 0) return undefined;
  const { iban, bic } = doc.seller;
  if (iban) {
    return el(
      'ram:SpecifiedTradeSettlementPaymentMeans',
      text('ram:TypeCode', '58'),
      el('ram:PayeePartyCreditorFinancialAccount', text('ram:IBANID', iban)),
      bic ? el('ram:PayeeSpecifiedCreditorFinancialInstitution', text('ram:BICID', bic)) : undefined,
    );
  }
  return doc.payOnlineUrl ? el('ram:SpecifiedTradeSettlementPaymentMeans', text('ram:TypeCode', '68')) : undefined;
}

function vatBreakdown(doc: MoneyDocument): XmlElement[] {
  return doc.vatBreakdown.map((v) =>
    el(
      'ram:ApplicableTradeTax',
      amount('ram:CalculatedAmount', v.vatCents),
      text('ram:TypeCode', 'VAT'),
      optionalText('ram:ExemptionReason', v.exemptionReason),
      amount('ram:BasisAmount', v.taxableBaseCents),
      text('ram:CategoryCode', v.vatCategory),
      text('ram:RateApplicablePercent', canonicalDecimal(v.vatRate)),
    ),
  );
}

/** BT-20 and BT-9. EN 16931 (BR-CO-25) wants one of them whenever an amount is due. */
function paymentTerms(doc: MoneyDocument): XmlElement | undefined {
  const description = doc.seller.paymentTerms;
  if (!description && !doc.dueDate) return undefined;
  return el(
    'ram:SpecifiedTradePaymentTerms',
    optionalText('ram:Description', description),
    doc.dueDate && doc.kind !== 'credit_note' ? dateElement('ram:DueDateDateTime', doc.dueDate) : undefined,
  );
}

function monetarySummation(doc: MoneyDocument): XmlElement {
  const t = doc.totals;
  return el(
    'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
    amount('ram:LineTotalAmount', t.linesNetCents),
    amount('ram:ChargeTotalAmount', 0),
    amount('ram:AllowanceTotalAmount', t.discountCents),
    amount('ram:TaxBasisTotalAmount', t.netCents),
    amount('ram:TaxTotalAmount', t.vatCents, { currencyID: doc.currency }),
    amount('ram:GrandTotalAmount', t.grossCents),
    amount('ram:TotalPrepaidAmount', t.paidCents),
    amount('ram:DuePayableAmount', t.dueCents),
  );
}

/**
 * BG-3, the preceding invoice: a credit note names the invoice it corrects. The EN 16931 CII profile allows one
 * reference, so a final invoice's deposit invoices are listed in a note instead (see cii-invoice.ts).
 */
function precedingInvoice(doc: MoneyDocument): XmlElement | undefined {
  const ref = doc.correctedInvoice;
  if (!ref) return undefined;
  return el('ram:InvoiceReferencedDocument', text('ram:IssuerAssignedID', ref.number), dateElement('ram:FormattedIssueDateTime', ref.issueDate, 'qdt'));
}

export function headerSettlement(doc: MoneyDocument): XmlElement {
  return el(
    'ram:ApplicableHeaderTradeSettlement',
    // BT-83, the remittance information a transfer should quote: the document number.
    doc.kind === 'credit_note' ? undefined : text('ram:PaymentReference', doc.number),
    text('ram:InvoiceCurrencyCode', doc.currency),
    paymentMeans(doc),
    ...vatBreakdown(doc),
    ...doc.documentDiscounts.map((d) => allowance(d.amountCents, d.reason, categoryTax('ram:CategoryTradeTax', d.vatCategory, d.vatRate))),
    paymentTerms(doc),
    monetarySummation(doc),
    precedingInvoice(doc),
  );
}
