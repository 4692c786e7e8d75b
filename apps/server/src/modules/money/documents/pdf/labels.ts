/** Every word the PDF prints, in English and French. */
import type { DocumentKind, DocumentLanguage, LineUnit } from '../document-model.ts';

export interface Labels {
  title: Record<DocumentKind, string>;
  number: string;
  issueDate: string;
  dueDate: string;
  validUntil: string;
  serviceDate: string;
  billTo: string;
  clientVat: string;
  clientReference: string;
  correctsInvoice: (number: string, date: string) => string;
  columns: { description: string; quantity: string; unit: string; unitPrice: string; vat: string; amount: string };
  units: Record<LineUnit, string>;
  lineDiscount: string;
  continued: string;
  vatSummary: { rate: string; base: string; vat: string };
  linesTotal: string;
  discount: string;
  totalNet: string;
  totalVat: string;
  totalGross: string;
  depositsDeducted: string;
  depositLine: (number: string, date: string) => string;
  paid: string;
  amountDue: string;
  refundDue: string;
  paymentDetails: string;
  iban: string;
  bic: string;
  paymentReference: string;
  payOnline: string;
  notes: string;
  vatNumber: string;
  registration: (country: string) => string;
  shareCapital: string;
  page: (n: number, total: number) => string;
}

const en: Labels = {
  title: { quote: 'Quote', invoice: 'Invoice', deposit_invoice: 'Deposit invoice', final_invoice: 'Final invoice', credit_note: 'Credit note' },
  number: 'No.',
  issueDate: 'Date',
  dueDate: 'Due date',
  validUntil: 'Valid until',
  serviceDate: 'Service date',
  billTo: 'Bill to',
  clientVat: 'VAT no.',
  clientReference: 'Your reference',
  correctsInvoice: (n, d) => `Corrects invoice ${n} of ${d}`,
  columns: { description: 'Description', quantity: 'Qty', unit: 'Unit', unitPrice: 'Unit price', vat: 'VAT', amount: 'Amount' },
  units: { hour: 'hour', day: 'day', minute: 'min', item: 'unit', lump_sum: 'flat' },
  lineDiscount: 'Discount',
  continued: '(continued)',
  vatSummary: { rate: 'VAT rate', base: 'Tax base', vat: 'VAT' },
  linesTotal: 'Total of lines',
  discount: 'Discount',
  totalNet: 'Total excl. VAT',
  totalVat: 'VAT',
  totalGross: 'Total incl. VAT',
  depositsDeducted: 'Deposits deducted',
  depositLine: (n, d) => `${n} of ${d}`,
  paid: 'Already paid',
  amountDue: 'Amount due',
  refundDue: 'Amount to refund',
  paymentDetails: 'Payment details',
  iban: 'IBAN',
  bic: 'BIC',
  paymentReference: 'Reference',
  payOnline: 'Pay online',
  notes: 'Notes',
  vatNumber: 'VAT no.',
  registration: (c) => (c === 'FR' ? 'SIRET' : 'Reg. no.'),
  shareCapital: 'share capital',
  page: (n, t) => `Page ${n} / ${t}`,
};

const fr: Labels = {
  title: { quote: 'Devis', invoice: 'Facture', deposit_invoice: 'Facture d’acompte', final_invoice: 'Facture de solde', credit_note: 'Avoir' },
  number: 'N°',
  issueDate: 'Date',
  dueDate: 'Échéance',
  validUntil: 'Valable jusqu’au',
  serviceDate: 'Date de la prestation',
  billTo: 'Client',
  clientVat: 'N° TVA',
  clientReference: 'Votre référence',
  correctsInvoice: (n, d) => `Avoir sur la facture ${n} du ${d}`,
  columns: { description: 'Désignation', quantity: 'Qté', unit: 'Unité', unitPrice: 'Prix unitaire', vat: 'TVA', amount: 'Montant HT' },
  units: { hour: 'heure', day: 'jour', minute: 'min', item: 'unité', lump_sum: 'forfait' },
  lineDiscount: 'Remise',
  continued: '(suite)',
  vatSummary: { rate: 'Taux de TVA', base: 'Base HT', vat: 'TVA' },
  linesTotal: 'Total des lignes',
  discount: 'Remise',
  totalNet: 'Total HT',
  totalVat: 'TVA',
  totalGross: 'Total TTC',
  depositsDeducted: 'Acomptes déduits',
  depositLine: (n, d) => `${n} du ${d}`,
  paid: 'Déjà réglé',
  amountDue: 'Net à payer',
  refundDue: 'Montant à rembourser',
  paymentDetails: 'Règlement',
  iban: 'IBAN',
  bic: 'BIC',
  paymentReference: 'Référence',
  payOnline: 'Payer en ligne',
  notes: 'Remarques',
  vatNumber: 'N° TVA',
  registration: (c) => (c === 'FR' ? 'SIRET' : 'N° d’immatriculation'),
  shareCapital: 'au capital de',
  page: (n, t) => `Page ${n} / ${t}`,
};

export const LABELS: Record<DocumentLanguage, Labels> = { en, fr };
