/** Below the lines: VAT summary by rate, totals, deposits deducted, amount due, payment details, notes. */
import { formatDate, formatIban, formatMoney, formatRate } from './format.ts';
import { COLORS, PAGE, printable, setFont, type PdfContext } from './pdf-context.ts';

const VAT_X = PAGE.left;
const VAT_COLUMNS = [65, 80, 75];
const TOTALS_X = 280;
const TOTALS_WIDTH = PAGE.right - TOTALS_X;
const ROW = 15;
/** Room for the widest amount a studio meets, −€9,999,999.99 (this font's digits are wide). */
const VALUE_WIDTH = 88;

function drawVatSummary(ctx: PdfContext, top: number): number {
  const { pdf, doc, t } = ctx;
  const money = (c: number) => formatMoney(c, doc.currency, doc.language);
  let y = top;
  const cells = (values: string[], weight: 'regular' | 'bold', color?: string): void => {
    setFont(ctx, weight, 8.5, color);
    let x = VAT_X;
    values.forEach((v, i) => {
      pdf.text(v, x, y, { width: VAT_COLUMNS[i]! - 4, align: i === 0 ? 'left' : 'right', lineBreak: false });
      x += VAT_COLUMNS[i]!;
    });
    y += ROW - 2;
  };
  cells([t.vatSummary.rate, t.vatSummary.base, t.vatSummary.vat], 'bold', COLORS.muted);
  for (const v of doc.vatBreakdown) {
    cells([`${formatRate(v.vatRate, doc.language)} (${v.vatCategory})`, money(v.taxableBaseCents), money(v.vatCents)], 'regular');
  }
  const reasons = doc.vatBreakdown.map((v) => v.exemptionReason).filter((r): r is string => Boolean(r));
  if (reasons.length > 0) {
    setFont(ctx, 'regular', 8, COLORS.muted);
    pdf.text(reasons.join('\n'), VAT_X, y + 2, { width: 230 });
    y = pdf.y;
  }
  return y;
}

function drawTotals(ctx: PdfContext, top: number): number {
  const { pdf, doc, t } = ctx;
  const money = (c: number) => formatMoney(c, doc.currency, doc.language);
  const totals = doc.totals;
  let y = top;
  const row = (label: string, value: string, weight: 'regular' | 'bold' = 'regular', size = 9): void => {
    setFont(ctx, weight, size);
    pdf.text(label, TOTALS_X, y, { width: TOTALS_WIDTH - VALUE_WIDTH - 4 });
    const labelBottom = pdf.y;
    pdf.text(value, TOTALS_X + TOTALS_WIDTH - VALUE_WIDTH, y, { width: VALUE_WIDTH, align: 'right', lineBreak: false });
    y = Math.max(labelBottom, y + ROW - 2) + 1;
  };
  if (totals.discountCents > 0) {
    row(t.linesTotal, money(totals.linesNetCents));
    for (const d of doc.documentDiscounts) row(`${d.reason} (${t.discount.toLowerCase()}, ${formatRate(d.vatRate, doc.language)})`, `−${money(d.amountCents)}`);
  }
  row(t.totalNet, money(totals.netCents), 'bold');
  row(t.totalVat, money(totals.vatCents));
  row(t.totalGross, money(totals.grossCents), 'bold');
  if (doc.depositsDeducted.length > 0) {
    setFont(ctx, 'bold', 8.5, COLORS.muted);
    pdf.text(t.depositsDeducted, TOTALS_X, y + 3, { width: TOTALS_WIDTH });
    y = pdf.y + 2;
    for (const d of doc.depositsDeducted) row(t.depositLine(d.number, formatDate(d.issueDate, doc.language)), `−${money(d.amountCents)}`, 'regular', 8.5);
  }
  const otherPayments = totals.paidCents - doc.depositsDeducted.reduce((s, d) => s + d.amountCents, 0);
  if (otherPayments > 0) row(t.paid, `−${money(otherPayments)}`);
  if (doc.kind !== 'quote') {
    y += 4;
    pdf
      .save()
      .rect(TOTALS_X, y - 4, TOTALS_WIDTH, ROW + 8)
      .fill(COLORS.accent)
      .restore();
    setFont(ctx, 'bold', 10.5, '#ffffff');
    const label = doc.kind === 'credit_note' ? t.refundDue : t.amountDue;
    pdf.text(label, TOTALS_X + 6, y, { width: TOTALS_WIDTH - VALUE_WIDTH - 30, lineBreak: false });
    pdf.text(money(totals.dueCents), TOTALS_X + TOTALS_WIDTH - VALUE_WIDTH - 26, y, { width: VALUE_WIDTH + 20, align: 'right', lineBreak: false });
    y += ROW + 8;
  }
  return y;
}

/** A titled block of free text that flows onto further pages when long. */
function paragraph(ctx: PdfContext, title: string | undefined, body: string): void {
  const { pdf } = ctx;
  if (pdf.y + 40 > PAGE.bottom) {
    pdf.addPage();
    pdf.y = PAGE.top;
  }
  if (title) {
    setFont(ctx, 'bold', 9.5, COLORS.accent);
    pdf.text(title, PAGE.left, pdf.y, { width: PAGE.contentWidth });
  }
  setFont(ctx, 'regular', 8.5);
  pdf.text(printable(body), PAGE.left, pdf.y + 2, { width: PAGE.contentWidth });
  pdf.y += 8;
}

function drawPayment(ctx: PdfContext): void {
  const { pdf, doc, t } = ctx;
  const s = doc.seller;
  const payable = doc.kind !== 'quote' && doc.kind !== 'credit_note' && doc.totals.dueCents > 0;
  const lines: string[] = [];
  if (payable && s.iban) {
    lines.push(`${t.iban}: ${formatIban(s.iban)}${s.bic ? `   ${t.bic}: ${s.bic}` : ''}`);
    lines.push(`${t.paymentReference}: ${doc.number}`);
  }
  if (s.paymentTerms) lines.push(printable(s.paymentTerms));
  if (doc.buyer.isBusiness && s.latePaymentWording && doc.kind !== 'credit_note') lines.push(printable(s.latePaymentWording));
  if (lines.length > 0) paragraph(ctx, t.paymentDetails, lines.join('\n'));
  if (payable && doc.payOnlineUrl) {
    if (pdf.y + 30 > PAGE.bottom) {
      pdf.addPage();
      pdf.y = PAGE.top;
    }
    setFont(ctx, 'bold', 9.5, COLORS.accent);
    pdf.text(`${t.payOnline}: `, PAGE.left, pdf.y, { continued: true });
    setFont(ctx, 'regular', 9, COLORS.accent);
    // The model check admits only http(s) URLs here: the link annotation can never carry a script.
    pdf.text(doc.payOnlineUrl, { link: doc.payOnlineUrl, underline: true, width: PAGE.contentWidth });
    pdf.y += 8;
  }
}

export function drawTotalsAndPayment(ctx: PdfContext): void {
  const { pdf, doc, t } = ctx;
  const estimate = 40 + ROW * (doc.vatBreakdown.length + doc.documentDiscounts.length + doc.depositsDeducted.length + 6);
  if (pdf.y + 12 + estimate > PAGE.bottom) {
    pdf.addPage();
    pdf.y = PAGE.top;
  } else {
    pdf.y += 12;
  }
  const top = pdf.y;
  const bottom = Math.max(drawVatSummary(ctx, top), drawTotals(ctx, top));
  pdf.x = PAGE.left;
  pdf.y = bottom + 16;
  drawPayment(ctx);
  if (doc.notes) paragraph(ctx, t.notes, doc.notes);
}
