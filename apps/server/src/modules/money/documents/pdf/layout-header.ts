/** The top of the first page: studio logo and details, document title, number and dates, the client block. */
import type { PostalAddress } from '../document-model.ts';
import { InvalidMoneyDocument } from '../document-errors.ts';
import { formatDate } from './format.ts';
import { COLORS, PAGE, setFont, type PdfContext } from './pdf-context.ts';

const RIGHT_COLUMN_X = 320;
const RIGHT_COLUMN_WIDTH = PAGE.right - RIGHT_COLUMN_X;
const LEFT_COLUMN_WIDTH = 250;

function addressLines(address: PostalAddress, homeCountry: string): string[] {
  const cityLine = [address.postcode, address.city].filter(Boolean).join(' ');
  return [...address.lines, cityLine, ...(address.countryCode !== homeCountry ? [address.countryCode] : [])].filter((l) => l.trim() !== '');
}

function drawLogo(ctx: PdfContext): number {
  const logo = ctx.doc.seller.logo;
  if (!logo) return PAGE.top;
  try {
    ctx.pdf.image(Buffer.from(logo.buffer, logo.byteOffset, logo.byteLength), PAGE.left, PAGE.top, { fit: [150, 60] });
  } catch {
    // The bytes looked like PNG / JPEG but the decoder refused them: say so rather than fail with a library trace.
    throw new InvalidMoneyDocument(['seller.logo could not be decoded as PNG or JPEG']);
  }
  return PAGE.top + 68;
}

function drawSeller(ctx: PdfContext, y: number): number {
  const { pdf, doc } = ctx;
  const s = doc.seller;
  setFont(ctx, 'bold', 11);
  pdf.text(s.legalName, PAGE.left, y, { width: LEFT_COLUMN_WIDTH });
  setFont(ctx, 'regular', 8.5, COLORS.muted);
  const lines = [...addressLines(s.address, ''), s.email, s.phone].filter((l): l is string => Boolean(l));
  pdf.text(lines.join('\n'), PAGE.left, pdf.y + 2, { width: LEFT_COLUMN_WIDTH });
  return pdf.y;
}

function drawTitle(ctx: PdfContext): number {
  const { pdf, doc, t } = ctx;
  setFont(ctx, 'bold', 20, COLORS.accent);
  pdf.text(t.title[doc.kind], RIGHT_COLUMN_X, PAGE.top, { width: RIGHT_COLUMN_WIDTH, align: 'right' });
  const rows: [string, string][] = [
    [t.number, doc.number],
    [t.issueDate, formatDate(doc.issueDate, doc.language)],
  ];
  if (doc.dueDate) rows.push([doc.kind === 'quote' ? t.validUntil : t.dueDate, formatDate(doc.dueDate, doc.language)]);
  if (doc.serviceDate) rows.push([t.serviceDate, formatDate(doc.serviceDate, doc.language)]);
  let y = pdf.y + 4;
  for (const [label, value] of rows) {
    setFont(ctx, 'regular', 9, COLORS.muted);
    pdf.text(label, RIGHT_COLUMN_X, y, { width: 110 });
    setFont(ctx, 'bold', 9);
    pdf.text(value, RIGHT_COLUMN_X + 110, y, { width: RIGHT_COLUMN_WIDTH - 110, align: 'right' });
    y = pdf.y + 2;
  }
  return y;
}

function drawBuyer(ctx: PdfContext, y: number): number {
  const { pdf, doc, t } = ctx;
  const b = doc.buyer;
  const padding = 8;
  const width = RIGHT_COLUMN_WIDTH - 2 * padding;
  const details = [...addressLines(b.address, doc.seller.address.countryCode)];
  if (b.vatNumber) details.push(`${t.clientVat} ${b.vatNumber}`);
  if (b.reference) details.push(`${t.clientReference}: ${b.reference}`);
  setFont(ctx, 'bold', 10);
  const nameHeight = pdf.heightOfString(b.name, { width });
  setFont(ctx, 'regular', 9);
  const detailsHeight = pdf.heightOfString(details.join('\n'), { width });
  const height = 12 + nameHeight + detailsHeight + 2 * padding + 4;
  pdf.save().rect(RIGHT_COLUMN_X, y, RIGHT_COLUMN_WIDTH, height).fill(COLORS.band).restore();
  setFont(ctx, 'regular', 8, COLORS.muted);
  pdf.text(t.billTo.toUpperCase(), RIGHT_COLUMN_X + padding, y + padding, { width });
  setFont(ctx, 'bold', 10);
  pdf.text(b.name, RIGHT_COLUMN_X + padding, pdf.y + 2, { width });
  setFont(ctx, 'regular', 9);
  pdf.text(details.join('\n'), RIGHT_COLUMN_X + padding, pdf.y + 2, { width });
  return y + height;
}

/** Draws the header and leaves the cursor below it. */
export function drawHeader(ctx: PdfContext): void {
  const { pdf, doc, t } = ctx;
  const sellerBottom = drawSeller(ctx, drawLogo(ctx));
  const titleBottom = drawTitle(ctx);
  const buyerBottom = drawBuyer(ctx, Math.max(titleBottom + 10, 130));
  let y = Math.max(sellerBottom, buyerBottom) + 18;
  if (doc.correctedInvoice) {
    setFont(ctx, 'bold', 9.5);
    pdf.text(t.correctsInvoice(doc.correctedInvoice.number, formatDate(doc.correctedInvoice.issueDate, doc.language)), PAGE.left, y, {
      width: PAGE.contentWidth,
    });
    y = pdf.y + 10;
  }
  pdf.x = PAGE.left;
  pdf.y = y;
}
