/**
 * The module's entry points. `renderMoneyDocument` checks the model once, builds the Factur-X XML for every kind
 * but a quote, and renders the PDF with the XML inside.
 */
import type { MoneyDocument } from './document-model.ts';
import type { renderCheckedPdf as RenderCheckedPdf } from './pdf/render-pdf.ts';
import { buildCiiXml } from './facturx/cii-invoice.ts';
import { assertConsistentDocument } from './model-consistency.ts';

/** The PDF layout and its font parser (fontkit, ~20 MiB at import) load with the first render, not with the server. */
async function renderCheckedPdf(...args: Parameters<typeof RenderCheckedPdf>): Promise<Uint8Array> {
  const { renderCheckedPdf: render } = await import('./pdf/render-pdf.ts');
  return render(...args);
}

export interface RenderedDocument {
  pdf: Uint8Array;
  /** The embedded factur-x.xml; undefined for a quote. */
  xml?: string;
}

export async function renderMoneyDocument(doc: MoneyDocument): Promise<RenderedDocument> {
  if (doc.kind === 'quote') {
    assertConsistentDocument(doc);
    return { pdf: await renderCheckedPdf(doc) };
  }
  const xml = buildCiiXml(doc);
  return { pdf: await renderCheckedPdf(doc, { facturXml: xml }), xml };
}

/** The PDF alone (no Factur-X attachment), e.g. for a preview. */
export async function renderMoneyDocumentPreview(doc: MoneyDocument): Promise<Uint8Array> {
  assertConsistentDocument(doc);
  return renderCheckedPdf(doc);
}
