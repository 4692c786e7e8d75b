/**
 * The money documents renderer: a plain model in, a PDF/A-3 (with its Factur-X EN 16931 XML for invoices) out.
 * No database, no framework: the money service builds the model and stores what comes back.
 */
export type * from './document-model.ts';
export { InvalidMoneyDocument } from './document-errors.ts';
export { assertConsistentDocument } from './model-consistency.ts';
export { buildCiiXml } from './facturx/cii-invoice.ts';
export { FACTURX_FILENAME } from './facturx/facturx-embed.ts';
export { renderMoneyDocument, renderMoneyDocumentPreview, type RenderedDocument } from './render-document.ts';
