/**
 * Empties the e2e server's data folder before it starts: every run gets a new
 * PostgreSQL cluster, so nothing an earlier run left behind can decide a test.
 */
import { rmSync } from 'node:fs';
import { isAbsolute, normalize } from 'node:path';

const dir = process.argv[2];
// Only a folder inside the repository, never the repository itself.
if (!dir || isAbsolute(dir) || normalize(dir).startsWith('..') || normalize(dir) === '.') {
  console.error('usage: empty-data-dir.ts <relative data folder inside the repository>');
  process.exit(1);
}
rmSync(dir, { recursive: true, force: true });
