/**
 * A ZIP of issued PDFs, streamed: each PDF is read from storage and written through as it comes (stored, not
 * deflated: a PDF is compressed already), so a year of documents never sits in memory.
 */
import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipPassThrough } from 'fflate';
import type { FileStorage } from '../../../platform/storage/file-storage.ts';

export function zipOfPdfs(storage: FileStorage, files: readonly { number: string; key: string }[]): Readable {
  const out = new PassThrough();
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      out.destroy(error);
      return;
    }
    out.write(Buffer.from(chunk));
    if (final) out.end();
  });
  void (async () => {
    try {
      for (const file of files) {
        const entry = new ZipPassThrough(`${file.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`);
        zip.add(entry);
        for await (const chunk of await storage.get(file.key)) {
          entry.push(chunk instanceof Uint8Array ? chunk : Buffer.from(chunk as string));
          // Let the client's reading pace the storage reads.
          if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
        }
        entry.push(new Uint8Array(0), true);
      }
      zip.end();
    } catch (error) {
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return out;
}
