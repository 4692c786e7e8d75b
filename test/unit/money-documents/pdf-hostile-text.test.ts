/**
 * User text is hostile: XML specials, very long text in one word or many lines, right-to-left scripts. The PDF must
 * still render, keep every character the font has, never spill over the footer, and carry the text intact in the
 * attached XML.
 */
import { describe, expect, it } from 'vitest';
import { renderMoneyDocument } from '../../../apps/server/src/modules/money/documents/render-document.ts';
import { InvalidMoneyDocument } from '../../../apps/server/src/modules/money/documents/document-errors.ts';
import { line, makeDocument, recordingDay } from './fixtures.ts';
import { readPdf } from './pdf-reader.ts';

const XML_SPECIALS = `<b>"Rock & Roll"</b> 'live' ]]> <!-- -->`;

describe('hostile text in the PDF and its XML', () => {
  it('prints XML special characters as text and escapes them in factur-x.xml', async () => {
    const base = makeDocument({ lines: [line({ description: XML_SPECIALS, quantity: '1', unit: 'item', unitPriceCents: 1000, vatRate: '20' })] });
    const doc = { ...base, buyer: { ...base.buyer, name: `${XML_SPECIALS} Ltd` }, notes: XML_SPECIALS };
    const { pdf, xml } = await renderMoneyDocument(doc);
    const read = await readPdf(pdf);
    expect(read.pages[0]!.replace(/\s+/g, ' ')).toContain(`${XML_SPECIALS} Ltd`);
    expect(xml).toContain('&lt;b&gt;&quot;Rock &amp; Roll&quot;&lt;/b&gt; &apos;live&apos; ]]&gt; &lt;!-- --&gt;');
    expect(xml).not.toContain('<b>');
    expect(Buffer.from(read.attachments['factur-x.xml']!.content).toString('utf8')).toBe(xml);
  });

  it('splits a description longer than a page across pages, repeating the table header', async () => {
    const many = Array.from({ length: 150 }, (_, i) => `Take ${i + 1}`).join('\n');
    const cjk = '山田太郎の録音セッション'.repeat(150);
    const doc = makeDocument({
      lines: [
        recordingDay,
        line({ description: many, quantity: '1', unit: 'item', unitPriceCents: 100, vatRate: '20' }),
        line({ description: cjk, quantity: '1', unit: 'item', unitPriceCents: 100, vatRate: '20' }),
        line({ description: 'W'.repeat(1500), quantity: '1', unit: 'item', unitPriceCents: 100, vatRate: '20' }),
      ],
    });
    const read = await readPdf((await renderMoneyDocument(doc)).pdf);
    expect(read.numPages).toBeGreaterThanOrEqual(4);
    read.pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} / ${read.numPages}`));
    // The table header appears on every page the table reaches (all but possibly the last, which holds the totals).
    expect(read.pages.filter((p) => /Description\s*Qty/.test(p)).length).toBeGreaterThanOrEqual(read.numPages - 1);
    const all = read.pages.join('');
    for (const n of [1, 75, 150]) expect(all).toContain(`Take ${n}\n`);
    // Split rows interleave with the footer of each page: count the characters rather than look for one run.
    expect(all.split('録').length - 1).toBe(150);
    expect(all.replace(/[^W]/g, '').length).toBe(1500);
  });

  it('prints right-to-left text the font lacks as "?" (no .notdef glyph in a PDF/A), keeping it intact in the XML', async () => {
    const rtl = 'הקלטה — تسجيل';
    const doc = makeDocument({ lines: [line({ description: `${rtl} Łódź 🎸`, quantity: '2', unit: 'hour', unitPriceCents: 5000, vatRate: '20' })] });
    const { pdf, xml } = await renderMoneyDocument(doc);
    const read = await readPdf(pdf);
    expect(read.numPages).toBe(1);
    expect(read.pages[0]).toContain('????? — ????? Łódź ?');
    expect(xml).toContain(`<ram:Name>${rtl} Łódź 🎸</ram:Name>`);
  });

  it('refuses control characters before anything is rendered', async () => {
    const doc = makeDocument({
      lines: [line({ description: 'Tab\tis fine, NUL\u0000 is not', quantity: '1', unit: 'item', unitPriceCents: 100, vatRate: '20' })],
    });
    await expect(renderMoneyDocument(doc)).rejects.toThrow(InvalidMoneyDocument);
    await expect(renderMoneyDocument(doc)).rejects.toThrow(/lines\[0\]\.description contains control characters/);
  });

  it('refuses a logo whose PNG signature hides broken data, with a clear error', async () => {
    const fakePng = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);
    const doc = makeDocument({ lines: [recordingDay] });
    await expect(renderMoneyDocument({ ...doc, seller: { ...doc.seller, logo: fakePng } })).rejects.toThrow(/seller\.logo could not be decoded/);
  });
});
