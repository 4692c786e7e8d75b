/**
 * The editor's starting state: an empty document, a saved draft read back, or a draft pre-filled with sessions
 * ("Invoice this session / project"). Amounts become the text boxes the person edits.
 */
import type { DraftKind } from './document-editor.tsx';
import type { PickedClient } from '@/components/client-combobox.tsx';
import type { BillableSession, CatalogueItem, MoneyDocument } from '@/lib/trpc/types.ts';
import { minorToAmountText } from '@/lib/forms.ts';
import { discountFields, newLineKey, quantityText, type DiscountKind, type EditorLine } from './editor-model.ts';
import type { ChosenDeposit } from './deposits-to-deduct.tsx';

export interface EditorInitial {
  kind: DraftKind;
  client: PickedClient;
  projectId: string | null;
  lines: EditorLine[];
  discountKind: DiscountKind;
  discountText: string;
  /** A quote: the deposit asked when the client accepts it (a percentage of its total, or an amount incl. VAT). */
  depositKind: DiscountKind;
  depositText: string;
  validUntil: string;
  serviceDate: string;
  notes: string;
  /** A final invoice: the deposit invoices it deducts, with what each takes off. */
  deductions: ChosenDeposit[];
}

export function emptyInitial(kind: DraftKind, client: PickedClient = null): EditorInitial {
  return {
    kind,
    client,
    projectId: null,
    lines: [],
    discountKind: 'none',
    discountText: '',
    depositKind: 'none',
    depositText: '',
    validUntil: '',
    serviceDate: '',
    notes: '',
    deductions: [],
  };
}

export function catalogueLine(item: CatalogueItem, currency: string, locale: string): EditorLine {
  return {
    key: newLineKey(),
    source: 'catalogue',
    catalogueItemId: item.id,
    sessionId: null,
    description: item.description ? `${item.name}\n${item.description}` : item.name,
    quantityText: '1',
    unit: item.unit,
    unitPriceText: minorToAmountText(item.unitPriceCents, currency, locale),
    vatRateId: item.vatRate.id,
    discountKind: 'none',
    discountText: '',
  };
}

/** A session at the price stored when it was booked, on the studio's default rate (as the server bills it). */
export function sessionLine(session: BillableSession, defaultRateId: string, currency: string, locale: string, when: string): EditorLine {
  return {
    key: newLineKey(),
    source: 'session',
    catalogueItemId: null,
    sessionId: session.id,
    description: `${session.title}\n${when}`,
    quantityText: '1',
    unit: 'session',
    unitPriceText: minorToAmountText(session.priceCents, currency, locale),
    vatRateId: defaultRateId,
    discountKind: 'none',
    discountText: '',
  };
}

export function freeLine(defaultRateId: string): EditorLine {
  return {
    key: newLineKey(),
    source: 'free',
    catalogueItemId: null,
    sessionId: null,
    description: '',
    quantityText: '1',
    unit: 'hour',
    unitPriceText: '',
    vatRateId: defaultRateId,
    discountKind: 'none',
    discountText: '',
  };
}

export function fromDocument(doc: MoneyDocument, currency: string, locale: string): EditorInitial {
  const discount = discountFields(doc.discountKind, doc.discountValue, currency, locale);
  const deposit =
    doc.depositBasisPoints !== null
      ? discountFields('percent', doc.depositBasisPoints, currency, locale)
      : discountFields(doc.depositCents === null ? null : 'amount', doc.depositCents, currency, locale);
  return {
    kind: doc.kind === 'credit_note' ? 'invoice' : doc.kind,
    client: { id: doc.clientId, name: doc.clientName },
    projectId: doc.projectId,
    lines: doc.lines.map((line) => {
      const lineDiscount = discountFields(line.discountKind, line.discountValue, currency, locale);
      return {
        key: newLineKey(),
        source: line.source,
        catalogueItemId: line.catalogueItemId,
        sessionId: line.sessionId,
        description: line.description,
        quantityText: quantityText(line.quantity, locale),
        unit: line.unit,
        unitPriceText: minorToAmountText(line.unitPriceCents, currency, locale),
        vatRateId: line.vatRateId,
        discountKind: lineDiscount.kind,
        discountText: lineDiscount.text,
      };
    }),
    discountKind: discount.kind,
    discountText: discount.text,
    depositKind: deposit.kind,
    depositText: deposit.text,
    validUntil: doc.validUntil ?? '',
    serviceDate: doc.serviceDate ?? '',
    notes: doc.notes,
    deductions: doc.depositsDeducted.map((d) => ({ id: d.id, amountCents: d.amountCents })),
  };
}
