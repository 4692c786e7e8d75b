/**
 * `npm run backup:restore-studio -- --studio <slug> --from <file> [--new-database]`: restore a studio from its
 * backup, over its own database (the studio is offline meanwhile) or into a new database that the studio then
 * uses (the previous one is kept), and put back the stored files the backup holds (each checked against its
 * SHA-256). A damaged or altered backup, or one with an entry outside the studio's files, is refused and nothing changes.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { BackupError } from '../platform/backup/archive-format.ts';
import { findStudio } from '../platform/backup/studio-backup.ts';
import { restoreStudioFromFile } from '../platform/backup/studio-bundle-restore.ts';
import { cliFlag, cliOption } from './cli-options.ts';
import { startCliRuntime } from './cli-runtime.ts';

const slug = cliOption('--studio');
const from = cliOption('--from');
if (!slug || !from) {
  console.error('Usage: npm run backup:restore-studio -- --studio <slug> --from <file> [--new-database]');
  process.exit(2);
}

try {
  await access(from, constants.R_OK);
} catch {
  console.error(`Cannot read ${from}`);
  process.exit(2);
}

const { runtime, platform } = await startCliRuntime();
let code = 0;
try {
  const studio = await findStudio(platform, slug);
  const result = await restoreStudioFromFile(platform, studio, from, { newDatabase: cliFlag('--new-database') });
  const rows = result.manifest.tableSummaries.reduce((n, t) => n + t.rows, 0);
  console.log(
    `Restored studio ${studio.slug} from the backup of ${result.manifest.createdAt}: ${result.manifest.tableSummaries.length} tables, ${rows} rows, every table checked against the manifest.`,
  );
  if (result.migratedFrom !== null) console.log(`The backup was at schema version ${result.migratedFrom}: the restored database was migrated.`);
  if (result.previousDatabaseName)
    console.log(`The studio now uses database ${result.databaseName}; its previous database ${result.previousDatabaseName} is kept (drop it once satisfied).`);
  const { files } = result;
  if (files.backupHeldFiles)
    console.log(`Stored files: ${files.restored.length} put back from the backup (SHA-256 checked), ${files.unchanged} already in place and identical.`);
  else if (result.manifest.files.length > 0)
    console.log(`This backup lists ${result.manifest.files.length} stored files without holding them: the file store was left as it is.`);
  if (files.missing.length > 0) {
    console.log(`${files.missing.length} stored files are missing (neither in the backup nor in the file store):`);
    for (const key of files.missing) console.log(`  ${key}`);
    code = 3;
  }
} catch (error) {
  console.error(`Restore failed, nothing was changed: ${error instanceof BackupError ? error.message : String((error as Error)?.stack ?? error)}`);
  code = 1;
}
await runtime.close();
process.exit(code);
