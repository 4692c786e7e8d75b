/**
 * Drawn once every page exists (pages are buffered): the legal footer, "Page n / total", and a reminder of the
 * document title and number at the top of every page after the first.
 */
import { formatMoney } from './format.ts';
import { COLORS, PAGE, setFont, type PdfContext } from './pdf-context.ts';

function legalLine(ctx: PdfContext): string {
  const { doc, t } = ctx;
  const s = doc.seller;
  const parts = [`${s.legalName} — ${s.legalForm}`];
  if (s.shareCapitalCents !== undefined) parts[0] += ` ${t.shareCapital} ${formatMoney(s.shareCapitalCents, doc.currency, doc.language)}`;
  parts.push(`${t.registration(s.address.countryCode)} ${s.registrationNumber}`);
  if (s.vatNumber) parts.push(`${t.vatNumber} ${s.vatNumber}`);
  return parts.join(' · ');
}

export function drawPageDecorations(ctx: PdfContext): void {
  const { pdf, doc, t } = ctx;
  const range = pdf.bufferedPageRange();
  const legal = legalLine(ctx);
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page: the footer lives in the margin.
    const margins = pdf.page.margins;
    const savedBottom = margins.bottom;
    margins.bottom = 0;
    const ruleY = PAGE.height - 62;
    pdf.save().moveTo(PAGE.left, ruleY).lineTo(PAGE.right, ruleY).lineWidth(0.5).strokeColor(COLORS.rule).stroke().restore();
    setFont(ctx, 'regular', 7, COLORS.muted);
    pdf.text(legal, PAGE.left, ruleY + 6, { width: PAGE.contentWidth - 70, height: 30, ellipsis: true });
    pdf.text(t.page(i + 1, range.count), PAGE.right - 65, ruleY + 6, { width: 65, align: 'right', lineBreak: false });
    if (i > 0) {
      pdf.text(`${t.title[doc.kind]} ${doc.number}`, PAGE.left, 25, { width: PAGE.contentWidth, align: 'right', lineBreak: false });
    }
    margins.bottom = savedBottom;
  }
}
