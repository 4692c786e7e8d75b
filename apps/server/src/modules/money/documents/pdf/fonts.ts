/**
 * The embedded font: BIZ UDPGothic (Morisawa, SIL Open Font License 1.1, which allows embedding) from the npm
 * package @expo-google-fonts/biz-udpgothic. One face covers Latin-1 and Latin Extended-A (Ł, ß, é, ő…) and
 * Japanese, so names in either script print without font switching; pdfkit embeds only the glyphs used (subset).
 * The TTF files are read once per process: about 4.5 MB each.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let cache: { regular: Buffer; bold: Buffer } | undefined;

export function fontFiles(): { regular: Buffer; bold: Buffer } {
  if (!cache) {
    const dir = dirname(require.resolve('@expo-google-fonts/biz-udpgothic/package.json'));
    cache = {
      regular: readFileSync(join(dir, '400Regular', 'BIZUDPGothic_400Regular.ttf')),
      bold: readFileSync(join(dir, '700Bold', 'BIZUDPGothic_700Bold.ttf')),
    };
  }
  return cache;
}
