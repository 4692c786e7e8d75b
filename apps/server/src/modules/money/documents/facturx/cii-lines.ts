/** Invoice lines of the CII XML (EN 16931 BG-25). */
import type { DocumentLanguage, DocumentLine } from '../document-model.ts';
import { canonicalDecimal } from '../decimal.ts';
import { allowance, amount, categoryTax, UNIT_CODES } from './cii-common.ts';
import { el, text, type XmlElement } from './xml-writer.ts';

const DEFAULT_DISCOUNT_REASON: Record<DocumentLanguage, string> = { en: 'Discount', fr: 'Remise' };

/** BT-153, the item name: the description's first non-blank line, which a receiving system shows in a list. */
export function itemName(description: string): string {
  const first = description.split('\n').find((l) => l.trim() !== '') ?? description;
  return first.trim();
}

export function lineItem(line: DocumentLine, index: number, language: DocumentLanguage): XmlElement {
  const name = itemName(line.description);
  const multiLine = line.description.trim() !== name;
  return el(
    'ram:IncludedSupplyChainTradeLineItem',
    el('ram:AssociatedDocumentLineDocument', text('ram:LineID', String(index + 1))),
    el('ram:SpecifiedTradeProduct', text('ram:Name', name), multiLine ? text('ram:Description', line.description) : undefined),
    el('ram:SpecifiedLineTradeAgreement', el('ram:NetPriceProductTradePrice', amount('ram:ChargeAmount', line.unitPriceCents))),
    el('ram:SpecifiedLineTradeDelivery', text('ram:BilledQuantity', canonicalDecimal(line.quantity), { unitCode: UNIT_CODES[line.unit] })),
    el(
      'ram:SpecifiedLineTradeSettlement',
      categoryTax('ram:ApplicableTradeTax', line.vatCategory, line.vatRate),
      line.discountCents > 0 ? allowance(line.discountCents, line.discountReason ?? DEFAULT_DISCOUNT_REASON[language]) : undefined,
      el('ram:SpecifiedTradeSettlementLineMonetarySummation', amount('ram:LineTotalAmount', line.netCents)),
    ),
  );
}
