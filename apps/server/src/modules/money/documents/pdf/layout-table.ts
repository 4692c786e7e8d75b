/**
 * The lines table. Its header is drawn again at the top of every page the table reaches, and a description too long
 * for the space left is split across pages (at a line break or a space when there is one) instead of overflowing
 * the footer.
 */
import type { DocumentLine } from '../document-model.ts';
import { formatMoney, formatQuantity, formatRate } from './format.ts';
import { COLORS, PAGE, printable, setFont, type PdfContext } from './pdf-context.ts';

interface Column {
  key: 'description' | 'quantity' | 'unit' | 'unitPrice' | 'vat' | 'amount';
  width: number;
  align: 'left' | 'right';
}

const COLUMNS: Column[] = [
  { key: 'description', width: 190.28, align: 'left' },
  { key: 'quantity', width: 40, align: 'right' },
  { key: 'unit', width: 50, align: 'left' },
  { key: 'unitPrice', width: 75, align: 'right' },
  { key: 'vat', width: 45, align: 'right' },
  { key: 'amount', width: 95, align: 'right' },
];
const PAD = 5;
const BODY_SIZE = 9;
const HEADER_HEIGHT = 20;
/** Below this much room a row starts on the next page rather than leave a line or two behind. */
const MIN_SPLIT_HEIGHT = 40;

function columnX(index: number): number {
  return PAGE.left + COLUMNS.slice(0, index).reduce((sum, c) => sum + c.width, 0);
}

function drawTableHeader(ctx: PdfContext): void {
  const { pdf, t } = ctx;
  const y = pdf.y;
  pdf.save().rect(PAGE.left, y, PAGE.contentWidth, HEADER_HEIGHT).fill(COLORS.accent).restore();
  setFont(ctx, 'bold', 8.5, '#ffffff');
  COLUMNS.forEach((c, i) => {
    pdf.text(t.columns[c.key], columnX(i) + PAD, y + 6, { width: c.width - 2 * PAD, align: c.align, lineBreak: false });
  });
  pdf.y = y + HEADER_HEIGHT + 4;
}

function newTablePage(ctx: PdfContext): void {
  ctx.pdf.addPage();
  ctx.pdf.y = PAGE.top;
  drawTableHeader(ctx);
}

/** Cuts `text` so that its head fits in `maxHeight`: a binary search over code points, then back to a break. */
function splitToFit(ctx: PdfContext, text: string, width: number, maxHeight: number): [string, string] {
  const chars = Array.from(text);
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.pdf.heightOfString(chars.slice(0, mid).join(''), { width }) <= maxHeight) lo = mid;
    else hi = mid - 1;
  }
  const head = chars.slice(0, lo).join('');
  const breakAt = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '));
  const cut = breakAt > head.length / 2 ? breakAt : head.length;
  return [text.slice(0, cut).trimEnd(), text.slice(cut).trimStart()];
}

function drawNumbers(ctx: PdfContext, line: DocumentLine, y: number): void {
  const { pdf, doc, t } = ctx;
  const values: Record<Column['key'], string> = {
    description: '',
    quantity: formatQuantity(line.quantity, doc.language),
    unit: t.units[line.unit],
    unitPrice: formatMoney(line.unitPriceCents, doc.currency, doc.language),
    vat: formatRate(line.vatRate, doc.language),
    amount: formatMoney(line.netCents, doc.currency, doc.language),
  };
  setFont(ctx, 'regular', BODY_SIZE);
  COLUMNS.forEach((c, i) => {
    if (c.key === 'description') return;
    pdf.text(values[c.key], columnX(i) + PAD, y, { width: c.width - 2 * PAD, align: c.align, lineBreak: false });
  });
}

function drawLine(ctx: PdfContext, line: DocumentLine): void {
  const { pdf, doc, t } = ctx;
  const width = COLUMNS[0]!.width - 2 * PAD;
  let rest = printable(line.description);
  let first = true;
  while (rest !== '') {
    setFont(ctx, 'regular', BODY_SIZE);
    const available = PAGE.bottom - pdf.y - PAD;
    const height = pdf.heightOfString(rest, { width });
    let chunk = rest;
    if (height > available) {
      if (available < MIN_SPLIT_HEIGHT) {
        newTablePage(ctx);
        continue;
      }
      [chunk, rest] = splitToFit(ctx, rest, width, available);
    } else {
      rest = '';
    }
    const y = pdf.y;
    setFont(ctx, 'regular', BODY_SIZE);
    pdf.text(chunk, PAGE.left + PAD, y, { width });
    // Description first, numbers after: text extraction and screen readers then read a row in its natural order.
    if (first) {
      const below = pdf.y;
      drawNumbers(ctx, line, y);
      pdf.y = below;
    }
    first = false;
    if (rest !== '') newTablePage(ctx);
  }
  if (line.discountCents > 0) {
    const text = `${t.lineDiscount}${line.discountReason ? ` (${line.discountReason})` : ''}: −${formatMoney(line.discountCents, doc.currency, doc.language)}`;
    setFont(ctx, 'regular', 8, COLORS.muted);
    if (pdf.y + pdf.heightOfString(text, { width }) > PAGE.bottom) newTablePage(ctx);
    setFont(ctx, 'regular', 8, COLORS.muted);
    pdf.text(text, PAGE.left + PAD, pdf.y + 1, { width });
  }
  const ruleY = pdf.y + 3;
  pdf.save().moveTo(PAGE.left, ruleY).lineTo(PAGE.right, ruleY).lineWidth(0.5).strokeColor(COLORS.rule).stroke().restore();
  pdf.y = ruleY + 4;
}

export function drawLinesTable(ctx: PdfContext): void {
  if (ctx.pdf.y + HEADER_HEIGHT + 40 > PAGE.bottom) {
    ctx.pdf.addPage();
    ctx.pdf.y = PAGE.top;
  }
  drawTableHeader(ctx);
  for (const line of ctx.doc.lines) drawLine(ctx, line);
  ctx.pdf.x = PAGE.left;
}
