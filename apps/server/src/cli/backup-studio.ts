/**
 * `npm run backup:studio -- --studio <slug> --out <file> [--without-files]`: one studio's bundle (a ZIP: a consistent
 * logical export of its database plus every stored file, see studio-bundle.ts; encrypted when BACKUP_ENCRYPTION_KEY
 * is set). `--without-files` only lists the files (for an S3 store protected by its own versioning). Works while the server runs when DATABASE_URL is set; with the
 * embedded database, stop the server first (one process owns its data directory).
 */
import { open, rename, rm } from 'node:fs/promises';
import { BackupError } from '../platform/backup/archive-format.ts';
import { findStudio } from '../platform/backup/studio-backup.ts';
import { writeStudioBundle } from '../platform/backup/studio-bundle.ts';
import { cliFlag, cliOption } from './cli-options.ts';
import { startCliRuntime } from './cli-runtime.ts';

const slug = cliOption('--studio');
const out = cliOption('--out');
if (!slug || !out) {
  console.error('Usage: npm run backup:studio -- --studio <slug> --out <file> [--without-files]');
  process.exit(2);
}

const { runtime, platform } = await startCliRuntime();
const partial = `${out}.partial`;
let code = 0;
try {
  const studio = await findStudio(platform, slug);
  // Opened first, so an unwritable --out is reported as a failed backup rather than crashing the process.
  const handle = await open(partial, 'w', 0o600);
  const manifest = await writeStudioBundle(platform, studio, handle.createWriteStream(), { includeFiles: !cliFlag('--without-files') });
  await rename(partial, out);
  const held = manifest.files.filter((f) => f.included);
  const bytes = held.reduce((n, f) => n + (f.sizeBytes ?? 0), 0);
  const absent = manifest.files.filter((f) => f.sizeBytes === null).length;
  console.log(
    `Backed up studio ${studio.slug} (schema version ${manifest.schemaVersion}, snapshot ${manifest.createdAt}): database ${manifest.database.sizeBytes} bytes, ` +
      (manifest.filesIncluded ? `${held.length} files (${bytes} bytes) included` : `${manifest.files.length} files listed (not copied)`) +
      `${absent > 0 ? `, ${absent} listed files missing from the store` : ''}${manifest.encrypted ? ', encrypted' : ''} → ${out}`,
  );
} catch (error) {
  await rm(partial, { force: true });
  console.error(`Backup failed: ${error instanceof BackupError ? error.message : String((error as Error)?.stack ?? error)}`);
  code = 1;
}
await runtime.close();
process.exit(code);
