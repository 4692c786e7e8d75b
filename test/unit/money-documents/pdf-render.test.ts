/**
 * The rendered PDF read back with pdf.js: pages, text (the embedded font maps glyphs back to Unicode), the
 * factur-x.xml attachment, PDF/A-3 and Factur-X markers, byte-for-byte determinism.
 */
import { describe, expect, it } from 'vitest';
import { renderMoneyDocument } from '../../../apps/server/src/modules/money/documents/render-document.ts';
import { line, makeDocument, validatorCases } from './fixtures.ts';
import { plain, readPdf } from './pdf-reader.ts';
import { makePng } from './png.ts';

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

function fortyLineInvoice(language: 'en' | 'fr') {
  const lines = Array.from({ length: 42 }, (_, i) =>
    line({
      description: `Session ${i + 1} overdubs`,
      quantity: String((i % 4) + 1),
      unit: 'hour',
      unitPriceCents: 4_500 + i,
      vatRate: i % 3 === 0 ? '5.5' : '20',
    }),
  );
  return makeDocument({ number: 'F-2026-0100', language, lines });
}

describe('money document PDF', () => {
  it('paginates a 42-line invoice over two pages with the table header and "Page n / 2" on each', async () => {
    const { pdf } = await renderMoneyDocument(fortyLineInvoice('en'));
    const read = await readPdf(pdf);
    expect(read.numPages).toBe(2);
    read.pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} / 2`);
      expect(text).toMatch(/Description\s*Qty\s*Unit\s*Unit price\s*VAT\s*Amount/);
    });
    // Every line printed once, in order, across the pages.
    const all = read.pages.join('\n');
    const order = Array.from({ length: 42 }, (_, i) => all.indexOf(`Session ${i + 1} overdubs`));
    expect(order.every((pos) => pos >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(all.split('Session 1 overdubs').length).toBe(2);
  });

  it('writes French labels, dates and amounts', async () => {
    const doc = validatorCases().discounts;
    const text = plain((await readPdf((await renderMoneyDocument(doc)).pdf)).pages.join('\n'));
    for (const expected of [
      'Facture',
      'Désignation',
      'Net à payer',
      'Total TTC',
      '6 décembre 2026',
      '1 300,00 €',
      '5,5 %',
      'Page 1 / 1',
      'au capital de 10 000,00 €',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(
      `${(doc.totals.dueCents / 100)
        .toFixed(2)
        .replace('.', ',')
        .replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} €`,
    );
  });

  it('embeds the font: Ł ß é and 山田太郎 come back as text, and no unembedded standard font is used', async () => {
    const { pdf } = await renderMoneyDocument(validatorCases().standard);
    const text = (await readPdf(pdf)).pages.join('\n');
    expect(text).toContain('Studio Łódź & Søn SARL');
    expect(text).toContain('Straße Records GmbH — 山田太郎');
    expect(text).toContain('Bâtiment B');
    const raw = latin1(pdf);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+BIZUDPGothic-Regular/);
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    // Subset, not the 4.5 MB font file.
    expect(pdf.byteLength).toBeLessThan(150_000);
  });

  it('attaches factur-x.xml as the PDF/A-3 associated file with the Factur-X XMP metadata', async () => {
    const doc = validatorCases().final;
    const { pdf, xml } = await renderMoneyDocument(doc);
    const read = await readPdf(pdf);
    const attachment = read.attachments['factur-x.xml'];
    expect(attachment).toBeDefined();
    expect(Buffer.from(attachment!.content).toString('utf8')).toBe(xml);
    const raw = latin1(pdf);
    expect(raw).toContain('/AFRelationship /Alternative');
    expect(raw).toContain('/Subtype /text#2Fxml');
    expect(raw).toMatch(/\/AF \[\d+ 0 R\]/);
    expect(raw).toContain('/S /GTS_PDFA1');
    expect(raw).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(raw).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(raw).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
    expect(raw).toContain('<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>');
    const text = read.pages.join('\n');
    expect(text).toContain('Deposits deducted');
    expect(text).toContain('A-2026-0007 of 2 November 2026');
    expect(text).toContain('FR76 3000 6000 0112 3456 7890 189');
    expect(text).toContain('Late payment: penalties');
  });

  it('renders a quote without an attachment and a credit note with the corrected invoice', async () => {
    const quote = await renderMoneyDocument({ ...validatorCases().standard, kind: 'quote' });
    expect(quote.xml).toBeUndefined();
    const quoteRead = await readPdf(quote.pdf);
    expect(Object.keys(quoteRead.attachments)).toEqual([]);
    expect(quoteRead.pages[0]).toContain('Valid until');
    const credit = await readPdf((await renderMoneyDocument(validatorCases().creditNote)).pdf);
    expect(credit.pages[0]).toContain('Corrects invoice F-2026-0042 of 1 December 2026');
    expect(credit.pages[0]).toContain('Amount to refund');
  });

  it('draws the studio logo (PNG with transparency) as an image with its soft mask', async () => {
    const doc = validatorCases().standard;
    const { pdf } = await renderMoneyDocument({ ...doc, seller: { ...doc.seller, logo: makePng(240, 80) } });
    const raw = latin1(pdf);
    expect(raw).toMatch(/\/Subtype \/Image/);
    expect(raw).toContain('/SMask');
    expect((await readPdf(pdf)).numPages).toBe(1);
  });

  it('prints the late-payment wording for a business client only', async () => {
    const doc = validatorCases().standard;
    const business = (await readPdf((await renderMoneyDocument(doc)).pdf)).pages[0];
    const consumer = (await readPdf((await renderMoneyDocument({ ...doc, buyer: { ...doc.buyer, isBusiness: false, vatNumber: undefined } })).pdf)).pages[0];
    expect(business).toContain('Late payment: penalties');
    expect(consumer).not.toContain('Late payment: penalties');
    expect(consumer).toContain('Payment within 30 days');
  });

  it('gives the same bytes for the same model (a stored PDF can be compared)', async () => {
    const doc = validatorCases().discounts;
    const [a, b] = await Promise.all([renderMoneyDocument(doc), renderMoneyDocument(doc)]);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });
});
