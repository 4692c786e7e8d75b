/**
 * `node --import tsx bench/money-documents.ts [-- --iterations 50]`
 *
 * Prints figures (not a pass/fail test) for the money document renderer on a 40-line invoice, in process:
 *   1. the PDF alone (layout, font subsetting, PDF/A-3 structure);
 *   2. the Factur-X XML alone (model check + CII XML);
 *   3. the whole Factur-X invoice: XML, PDF, XML embedded as factur-x.xml.
 * The first render reads and parses the 4.5 MB font files; it is a warm-up and not counted.
 */
import { renderMoneyDocument, renderMoneyDocumentPreview } from '../apps/server/src/modules/money/documents/render-document.ts';
import { buildCiiXml } from '../apps/server/src/modules/money/documents/facturx/cii-invoice.ts';
import { line, makeDocument } from '../test/unit/money-documents/fixtures.ts';
import { arg, ms, summarize } from './lib.ts';

const ITERATIONS = arg('iterations', 50);
const WARMUP = 3;

const invoice = makeDocument({
  number: 'F-2026-0100',
  language: 'fr',
  lines: Array.from({ length: 40 }, (_, i) =>
    line({
      description:
        i % 5 === 0
          ? `Session ${i + 1} — prise de son batterie, basse et guitares pour « Łódź nights »\nMusiciens : 山田太郎, Zoë Straße`
          : `Session ${i + 1} — overdubs`,
      quantity: String((i % 4) + 1),
      unit: 'hour',
      unitPriceCents: 4_500 + i * 25,
      vatRate: i % 3 === 0 ? '5.5' : '20',
      discountCents: i % 7 === 0 ? 500 : 0,
    }),
  ),
});

async function measure(name: string, run: () => unknown): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  const s = summarize(times);
  console.log(`${name.padEnd(44)} n=${s.n}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}`);
}

const first = performance.now();
const sample = await renderMoneyDocument(invoice);
console.log(
  `40-line invoice: PDF ${(sample.pdf.byteLength / 1024).toFixed(1)} KiB, XML ${((sample.xml?.length ?? 0) / 1024).toFixed(1)} KiB, first render (font load) ${ms(performance.now() - first)}`,
);
await measure('PDF render (no attachment)', () => renderMoneyDocumentPreview(invoice));
await measure('Factur-X XML build (check + CII)', () => buildCiiXml(invoice));
await measure('Factur-X invoice (XML + PDF + embed)', () => renderMoneyDocument(invoice));
const mem = process.memoryUsage();
console.log(`memory: rss ${(mem.rss / 1048576).toFixed(0)} MB, heap used ${(mem.heapUsed / 1048576).toFixed(0)} MB`);
