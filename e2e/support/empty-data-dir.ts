/**
 * Empties the e2e server's data folder before it starts: each run gets a new
 * PostgreSQL cluster, so nothing left by an earlier run can make a test pass or fail.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = process.argv[2];
if (!dir || resolve(dir) === process.cwd()) {
  console.error('usage: empty-data-dir.ts <data folder inside the repository>');
  process.exit(1);
}
rmSync(dir, { recursive: true, force: true });
