/**
 * The embedded font: BIZ UDPGothic (Morisawa, SIL Open Font License 1.1, which allows embedding) from the npm
 * package @expo-google-fonts/biz-udpgothic. One face covers Latin-1 and Latin Extended-A (Ł, ß, é, ő…) and
 * Japanese, so names in either script print without font switching; pdfkit embeds only the glyphs used (subset).
 *
 * The fonts are parsed once per process and the fontkit objects handed to every document: parsing the 4.5 MB
 * files' tables again for each PDF cost about 300 ms a render. A fontkit font is only read from (each document
 * makes its own subset), so sharing it between documents is safe.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

export interface DocumentFonts {
  regular: fontkit.Font;
  bold: fontkit.Font;
}

let cache: DocumentFonts | undefined;

function load(path: string): fontkit.Font {
  const font = fontkit.create(readFileSync(path));
  if (!('layout' in font)) throw new Error(`${path} is a font collection, not a font`);
  return font;
}

export function documentFonts(): DocumentFonts {
  if (!cache) {
    const dir = dirname(require.resolve('@expo-google-fonts/biz-udpgothic/package.json'));
    cache = {
      regular: load(join(dir, '400Regular', 'BIZUDPGothic_400Regular.ttf')),
      bold: load(join(dir, '700Bold', 'BIZUDPGothic_700Bold.ttf')),
    };
  }
  return cache;
}
