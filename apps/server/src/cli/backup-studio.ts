/**
 * `npm run backup:studio -- --studio <slug> --out <file>`: a consistent logical export of one studio's database
 * (encrypted when BACKUP_ENCRYPTION_KEY is set). Works while the server runs when DATABASE_URL is set; with the
 * embedded database, stop the server first (one process owns its data directory).
 */
import { open, rename, rm } from 'node:fs/promises';
import { BackupError } from '../platform/backup/archive-format.ts';
import { backupStudio, findStudio } from '../platform/backup/studio-backup.ts';
import { cliOption } from './cli-options.ts';
import { startCliRuntime } from './cli-runtime.ts';

const slug = cliOption('--studio');
const out = cliOption('--out');
if (!slug || !out) {
  console.error('Usage: npm run backup:studio -- --studio <slug> --out <file>');
  process.exit(2);
}

const { runtime, platform } = await startCliRuntime();
const partial = `${out}.partial`;
let code = 0;
try {
  const studio = await findStudio(platform, slug);
  // Opened first, so an unwritable --out is reported as a failed backup rather than crashing the process.
  const handle = await open(partial, 'w', 0o600);
  const manifest = await backupStudio(platform, studio, handle.createWriteStream());
  await rename(partial, out);
  const rows = manifest.tableSummaries.reduce((n, t) => n + t.rows, 0);
  console.log(
    `Backed up studio ${studio.slug} (schema version ${manifest.schemaVersion}, snapshot ${manifest.createdAt}): ${manifest.tableSummaries.length} tables, ${rows} rows, ${manifest.files.length} files listed (not copied)${platform.config.BACKUP_ENCRYPTION_KEY ? ', encrypted' : ''} → ${out}`,
  );
} catch (error) {
  await rm(partial, { force: true });
  console.error(`Backup failed: ${error instanceof BackupError ? error.message : String((error as Error)?.stack ?? error)}`);
  code = 1;
}
await runtime.close();
process.exit(code);
