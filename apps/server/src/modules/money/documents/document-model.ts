/**
 * The plain model a money document (quote, invoice, deposit invoice, final invoice, credit note) is rendered from.
 * The money service computes every amount; the renderer only lays them out (PDF) and restates them (Factur-X XML),
 * after checking that they add up (see model-consistency.ts), because EN 16931 refuses an invoice whose sums disagree.
 * Amounts are integer cents of `currency`; quantities and VAT rates are exact decimal strings so that nothing
 * passes through a float.
 */

export type DocumentKind = 'quote' | 'invoice' | 'deposit_invoice' | 'final_invoice' | 'credit_note';
export type DocumentLanguage = 'en' | 'fr';

/** ISO 8601 calendar date, `YYYY-MM-DD` (a document date has no time of day nor zone). */
export type IsoDate = string;

/**
 * EN 16931 VAT category codes (UNCL5305 subset a studio meets): S standard rate, Z zero rate, E exempt (e.g. the
 * French "franchise en base"), AE reverse charge, K intra-community supply, G export outside the EU.
 */
export type VatCategory = 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G';

/** Billing units of a studio; each maps to a UN/ECE Recommendation 20 code in the XML (unit-codes.ts). */
export type LineUnit = 'hour' | 'day' | 'minute' | 'item' | 'lump_sum';

export interface PostalAddress {
  /** Street lines, at most three (EN 16931 has three address lines). */
  lines: string[];
  postcode: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. `FR`. */
  countryCode: string;
}

export interface Seller {
  legalName: string;
  address: PostalAddress;
  /** SIRET (14 digits) or SIREN (9 digits) in France; a company registration number elsewhere. */
  registrationNumber: string;
  /** Intra-community VAT number, e.g. `FR12345678901`; absent for a studio outside VAT. */
  vatNumber?: string;
  /** e.g. `SARL`, `SAS`, `EURL`, `Ltd`. */
  legalForm: string;
  /** Share capital in cents of the document currency (French law prints it on every invoice). */
  shareCapitalCents?: number;
  iban?: string;
  bic?: string;
  email?: string;
  phone?: string;
  /** PNG or JPEG bytes; checked by magic number before it reaches the image decoder. */
  logo?: Uint8Array;
  /** Free text, e.g. "Payment within 30 days of the invoice date." */
  paymentTerms?: string;
  /** The late-payment penalties and the fixed recovery indemnity wording, printed for business clients. */
  latePaymentWording?: string;
}

export interface Buyer {
  name: string;
  address: PostalAddress;
  vatNumber?: string;
  /** A business client gets the late-payment wording (French B2B rule); a consumer does not. */
  isBusiness: boolean;
  /** The studio's own reference for the client, shown on the document. */
  reference?: string;
}

export interface DocumentLine {
  /** Multi-line text; the first line is the item name in the XML, the whole text its description. */
  description: string;
  /** Exact decimal string, up to 3 decimals: `"2"`, `"1.5"`, `"0.125"`. */
  quantity: string;
  unit: LineUnit;
  unitPriceCents: number;
  /** Discount on this line, in cents, already included in `netCents`. */
  discountCents: number;
  discountReason?: string;
  /** quantity × unit price − discount, rounded by the money service. */
  netCents: number;
  /** Exact decimal percent string: `"20"`, `"5.5"`, `"0"`. */
  vatRate: string;
  vatCategory: VatCategory;
}

/** A discount on the whole document. EN 16931 requires each one to carry the VAT rate it reduces. */
export interface DocumentDiscount {
  amountCents: number;
  reason: string;
  vatRate: string;
  vatCategory: VatCategory;
}

export interface VatBreakdownEntry {
  vatCategory: VatCategory;
  vatRate: string;
  taxableBaseCents: number;
  vatCents: number;
  /** Required by EN 16931 for E, AE, K and G, e.g. "TVA non applicable, art. 293 B du CGI". */
  exemptionReason?: string;
}

export interface DocumentTotals {
  /** Sum of the lines' net amounts (EN 16931 BT-106). */
  linesNetCents: number;
  /** Sum of the document discounts (BT-107). */
  discountCents: number;
  /** linesNet − discount: the taxable total (BT-109). */
  netCents: number;
  vatCents: number;
  /** net + VAT (BT-112). */
  grossCents: number;
  /** Deposits deducted and payments already received (BT-113). */
  paidCents: number;
  /** gross − paid (BT-115). */
  dueCents: number;
}

export interface DepositDeduction {
  number: string;
  issueDate: IsoDate;
  /** The deposit invoice's gross amount, deducted from the final invoice's total. */
  amountCents: number;
}

export interface CorrectedInvoice {
  number: string;
  issueDate: IsoDate;
}

export interface MoneyDocument {
  kind: DocumentKind;
  number: string;
  issueDate: IsoDate;
  /** Payment due date of an invoice; for a quote, the date until which it may be accepted. */
  dueDate?: IsoDate;
  /** When the service was performed (French invoices state it; EN 16931 BT-72), when it differs from the issue date. */
  serviceDate?: IsoDate;
  /** ISO 4217, e.g. `EUR`. */
  currency: string;
  language: DocumentLanguage;
  seller: Seller;
  buyer: Buyer;
  lines: DocumentLine[];
  documentDiscounts: DocumentDiscount[];
  vatBreakdown: VatBreakdownEntry[];
  totals: DocumentTotals;
  /** Deposit invoices deducted; a final invoice only. Their sum is part of `totals.paidCents`. */
  depositsDeducted: DepositDeduction[];
  /** The invoice a credit note corrects; required for a credit note. */
  correctedInvoice?: CorrectedInvoice;
  /** https URL of the portal's payment page. */
  payOnlineUrl?: string;
  notes?: string;
}
