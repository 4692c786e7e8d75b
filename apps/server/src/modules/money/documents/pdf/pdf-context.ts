/** What every layout piece of the PDF shares: the pdfkit document, the model, the labels, the page geometry. */
import type { MoneyDocument } from '../document-model.ts';
import type { Labels } from './labels.ts';

export interface PdfContext {
  pdf: PDFKit.PDFDocument;
  doc: MoneyDocument;
  t: Labels;
}

/** A4 in points; the bottom margin leaves room for the legal footer drawn on every page at the end. */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  left: 50,
  right: 545.28,
  top: 50,
  bottomMargin: 80,
  get contentWidth(): number {
    return this.right - this.left;
  },
  get bottom(): number {
    return this.height - this.bottomMargin;
  },
};

export const FONTS = { regular: 'Body', bold: 'Body-Bold' };

export const COLORS = { text: '#1f2933', muted: '#5f6b7a', rule: '#c8ced6', accent: '#1d4e89', band: '#eef2f7' };

export function setFont(ctx: PdfContext, weight: 'regular' | 'bold', size: number, color = COLORS.text): void {
  ctx.pdf.font(FONTS[weight]).fontSize(size).fillColor(color);
}

/** Starts a new page when `height` points do not fit below the cursor; true when it did. */
export function ensureSpace(ctx: PdfContext, height: number): boolean {
  if (ctx.pdf.y + height <= PAGE.bottom) return false;
  ctx.pdf.addPage();
  ctx.pdf.y = PAGE.top;
  return true;
}

/**
 * The printable form of user text: CR LF → LF, runs of blank lines collapsed to one, trailing spaces dropped.
 * The XML keeps the text as written; only its drawing is tidied, so that 500 blank lines cannot make 10 pages.
 */
export function printable(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
