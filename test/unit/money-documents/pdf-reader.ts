/** Reads a rendered PDF back with pdf.js, as a viewer would: pages, text per page, attachments. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ReadPdf {
  numPages: number;
  pages: string[];
  attachments: Record<string, { filename: string; content: Uint8Array }>;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, verbosity: 0 });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    const attachments = ((await pdf.getAttachments()) ?? {}) as ReadPdf['attachments'];
    return { numPages: pdf.numPages, pages, attachments };
  } finally {
    await task.destroy();
  }
}

/** Text with no-break spaces as plain spaces, so that assertions can be written as a reader sees the page. */
export const plain = (text: string): string => text.replace(/[\u00A0\u202F]/g, ' ');
