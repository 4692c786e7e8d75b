/**
 * The EN 16931 Cross Industry Invoice (UN/CEFACT CII D16B) of an invoice, deposit invoice, final invoice or credit
 * note: the XML that a Factur-X PDF carries as factur-x.xml, profile EN 16931 ("COMFORT").
 */
import type { MoneyDocument } from '../document-model.ts';
import { centsToDecimal } from '../decimal.ts';
import { assertConsistentDocument } from '../model-consistency.ts';
import { InvalidMoneyDocument } from '../document-errors.ts';
import { dateElement, TYPE_CODES } from './cii-common.ts';
import { lineItem } from './cii-lines.ts';
import { buyerParty, sellerParty, shipToParty } from './cii-parties.ts';
import { headerSettlement } from './cii-settlement.ts';
import { el, optionalText, serialize, text, type XmlElement } from './xml-writer.ts';

export const EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

const NAMESPACES = {
  'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  'xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  'xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

const DEPOSITS_LABEL = { en: 'Deposit invoices deducted', fr: 'Factures d’acompte déduites' };

function note(content: string, subjectCode?: string): XmlElement {
  return el('ram:IncludedNote', text('ram:Content', content), subjectCode ? text('ram:SubjectCode', subjectCode) : undefined);
}

function notes(doc: MoneyDocument): XmlElement[] {
  const result: XmlElement[] = [];
  if (doc.notes) result.push(note(doc.notes));
  if (doc.depositsDeducted.length > 0) {
    const list = doc.depositsDeducted.map((d) => `${d.number} (${d.issueDate}): ${centsToDecimal(d.amountCents)} ${doc.currency}`);
    result.push(note(`${DEPOSITS_LABEL[doc.language]}: ${list.join('; ')}`));
  }
  // PMD: the late-payment penalties French law requires on business invoices (UNTDID 4451 subject code).
  if (doc.buyer.isBusiness && doc.seller.latePaymentWording) result.push(note(doc.seller.latePaymentWording, 'PMD'));
  return result;
}

function delivery(doc: MoneyDocument): XmlElement {
  const intraCommunity = doc.lines.some((l) => l.vatCategory === 'K');
  return el(
    'ram:ApplicableHeaderTradeDelivery',
    intraCommunity ? shipToParty(doc.buyer) : undefined,
    doc.serviceDate ? el('ram:ActualDeliverySupplyChainEvent', dateElement('ram:OccurrenceDateTime', doc.serviceDate)) : undefined,
  );
}

/** Checks the model, then returns the CII XML as a string. A quote is no invoice and is refused. */
export function buildCiiXml(doc: MoneyDocument): string {
  if (doc.kind === 'quote') throw new InvalidMoneyDocument(['a quote has no Factur-X invoice']);
  assertConsistentDocument(doc);
  const invoiceKinds = doc.kind === 'invoice' || doc.kind === 'deposit_invoice' || doc.kind === 'final_invoice';
  if (invoiceKinds && doc.totals.dueCents > 0 && !doc.dueDate && !doc.seller.paymentTerms) {
    // BR-CO-25: an amount due needs a due date or payment terms.
    throw new InvalidMoneyDocument(['an invoice with an amount due needs a due date or payment terms']);
  }
  const root: XmlElement = {
    name: 'rsm:CrossIndustryInvoice',
    attributes: NAMESPACES,
    children: [
      el('rsm:ExchangedDocumentContext', el('ram:GuidelineSpecifiedDocumentContextParameter', text('ram:ID', EN16931_GUIDELINE))),
      el(
        'rsm:ExchangedDocument',
        text('ram:ID', doc.number),
        text('ram:TypeCode', TYPE_CODES[doc.kind]),
        dateElement('ram:IssueDateTime', doc.issueDate),
        ...notes(doc),
      ),
      el(
        'rsm:SupplyChainTradeTransaction',
        ...doc.lines.map((line, i) => lineItem(line, i, doc.language)),
        el('ram:ApplicableHeaderTradeAgreement', optionalText('ram:BuyerReference', doc.buyer.reference), sellerParty(doc.seller), buyerParty(doc.buyer)),
        delivery(doc),
        headerSettlement(doc),
      ),
    ],
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`;
}
