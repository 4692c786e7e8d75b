/**
 * Renders a money document as an A4 PDF/A-3b: fonts embedded and subset, sRGB output intent (the ICC profile
 * pdfkit ships), and — for invoices — the Factur-X XML attached. The creation date is the issue date and pdfkit
 * derives the file identifier from the document info, so the same model always gives the same bytes.
 */
import type { MoneyDocument } from '../document-model.ts';
import { embedFacturX } from '../facturx/facturx-embed.ts';
import { documentFonts } from './fonts.ts';
import { LABELS } from './labels.ts';
import { drawPageDecorations } from './layout-footer.ts';
import { drawHeader } from './layout-header.ts';
import { drawLinesTable } from './layout-table.ts';
import { drawTotalsAndPayment } from './layout-totals.ts';
import { FONTS, PAGE, type PdfContext } from './pdf-context.ts';
import { toPrintableModel } from './printable-model.ts';

export interface RenderOptions {
  /** The CII XML to embed as factur-x.xml; absent for a quote. */
  facturXml?: string;
}

function collect(pdf: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
}

/** Lays out an already checked model (see model-consistency.ts). */
export async function renderCheckedPdf(doc: MoneyDocument, options: RenderOptions = {}): Promise<Uint8Array> {
  // pdfkit (~13 MiB at import) loads with the first render, not with the server (see render-document.ts).
  const { default: PDFDocument } = await import('pdfkit');
  const t = LABELS[doc.language];
  const date = new Date(`${doc.issueDate}T00:00:00Z`);
  const fonts = documentFonts();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, left: PAGE.left, right: PAGE.width - PAGE.right, bottom: PAGE.bottomMargin },
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    bufferPages: true,
    autoFirstPage: true,
    lang: doc.language,
    // The default font would be Helvetica, which is not embedded: PDF/A forbids it, so start with ours. pdfkit
    // takes a parsed fontkit font where its types only say file name or bytes.
    font: fonts.regular as unknown as string,
    // Only fixed words and the (narrow-alphabet) number go into the info: pdfkit copies it unescaped into the XMP.
    // No ModDate: pdfkit writes no xmp:ModifyDate, and PDF/A wants every Info entry mirrored in the XMP.
    info: { Title: `${t.title[doc.kind]} ${doc.number}`, Creator: 'Recording Studio Manager', Producer: 'Recording Studio Manager', CreationDate: date },
  });
  const done = collect(pdf);
  pdf.registerFont(FONTS.regular, fonts.regular as unknown as Buffer);
  pdf.registerFont(FONTS.bold, fonts.bold as unknown as Buffer);
  // A little air between wrapped lines: the font's own line height is tight for multi-line descriptions.
  pdf.lineGap(1.2);
  const ctx: PdfContext = { pdf, doc: toPrintableModel(doc, fonts), t };
  drawHeader(ctx);
  drawLinesTable(ctx);
  drawTotalsAndPayment(ctx);
  drawPageDecorations(ctx);
  if (options.facturXml !== undefined) embedFacturX(pdf, options.facturXml, date);
  pdf.end();
  return done;
}
