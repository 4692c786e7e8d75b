/**
 * A point-in-time restore from the off-site copy (ADR 0021): when BACKUP_DIR's cluster archive is gone (or with
 * `--from-s3`), the base backup and the WAL a restore needs are downloaded from the bucket into a local folder laid out
 * like BACKUP_DIR/cluster (base/<stamp>/…, wal/…), which the usual restore then reads.
 */
import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import type { BaseBackup, BaseBackupManifest } from './cluster-backup.ts';
import { walFilesToPrune } from './cluster-backup.ts';
import { chooseBaseBackup, ClusterRestoreError } from './cluster-restore.ts';
import type { BackupBucket } from './offsite.ts';

const BASE_MANIFEST_RE = /^(cluster-\d+)\/base\/(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)\/backup\.json$/;

export interface RemoteBaseBackup {
  clusterKey: string;
  name: string;
  manifest: BaseBackupManifest;
}

export interface DownloadFile {
  key: string;
  size: number;
  path: string;
}

export interface S3DownloadPlan {
  clusterKey: string;
  base: RemoteBaseBackup;
  /** Where the files go: `<dir>/base/<stamp>/…` and `<dir>/wal/…`. */
  baseDir: string;
  walDir: string;
  files: DownloadFile[];
  bytes: number;
}

/**
 * Which files to fetch: the newest base backup complete at or before `target` (of `clusterKey` when given, e.g. the
 * local system identifier; else of any cluster in the bucket), all its files, and every archived WAL file of that
 * cluster from its first segment on (timeline history files included).
 */
export function chooseS3Download(
  listing: ReadonlyMap<string, number>,
  bases: readonly RemoteBaseBackup[],
  target: Date,
  dir: string,
  clusterKey?: string | null,
): S3DownloadPlan {
  const candidates = clusterKey && bases.some((b) => b.clusterKey === clusterKey) ? bases.filter((b) => b.clusterKey === clusterKey) : bases;
  const asLocal: BaseBackup[] = candidates.map((b) => ({ name: `${b.clusterKey}/${b.name}`, dir: '', manifest: b.manifest }));
  const chosen = chooseBaseBackup(asLocal, target);
  if (!chosen) {
    const oldest = [...candidates].sort((a, b) => Date.parse(a.manifest.stoppedAt) - Date.parse(b.manifest.stoppedAt))[0];
    throw new ClusterRestoreError(
      oldest
        ? `No base backup in the bucket was complete by ${target.toISOString()}: the oldest, ${oldest.clusterKey}/base/${oldest.name}, completed at ${oldest.manifest.stoppedAt}.`
        : 'There is no complete base backup in the bucket.',
    );
  }
  const base = candidates.find((b) => `${b.clusterKey}/${b.name}` === chosen.name)!;
  const baseDir = join(dir, 'base');
  const walDir = join(dir, 'wal');
  const files: DownloadFile[] = [];
  const basePrefix = `${base.clusterKey}/base/${base.name}/`;
  const walPrefix = `${base.clusterKey}/wal/`;
  const walNames: string[] = [];
  for (const [key, size] of [...listing].sort(([a], [b]) => a.localeCompare(b))) {
    if (key.startsWith(basePrefix) && !key.slice(basePrefix.length).includes('/'))
      files.push({ key, size, path: join(baseDir, base.name, key.slice(basePrefix.length)) });
    else if (key.startsWith(walPrefix) && !key.slice(walPrefix.length).includes('/')) walNames.push(key.slice(walPrefix.length));
  }
  const before = new Set(walFilesToPrune(walNames, base.manifest.startWal));
  for (const name of walNames)
    if (!before.has(name)) files.push({ key: `${walPrefix}${name}`, size: listing.get(`${walPrefix}${name}`)!, path: join(walDir, name) });
  return { clusterKey: base.clusterKey, base, baseDir, walDir, files, bytes: files.reduce((sum, f) => sum + f.size, 0) };
}

/** Lists the bucket, reads the base backups' manifests, and plans the download into `dir`. */
export async function planS3Download(bucket: BackupBucket, target: Date, dir: string, clusterKey?: string | null): Promise<S3DownloadPlan> {
  const listing = await bucket.list('cluster-');
  const bases: RemoteBaseBackup[] = [];
  for (const key of listing.keys()) {
    const m = BASE_MANIFEST_RE.exec(key);
    if (!m) continue;
    try {
      bases.push({ clusterKey: m[1]!, name: m[2]!, manifest: JSON.parse((await bucket.read(key)).toString('utf8')) as BaseBackupManifest });
    } catch (error) {
      throw new ClusterRestoreError(`Could not read ${bucket.where}${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (bases.length === 0) throw new ClusterRestoreError(`There is no complete base backup in ${bucket.where}.`);
  return chooseS3Download(listing, bases, target, dir, clusterKey);
}

/** Downloads the plan's files (a file already there with the right size is kept, so an interrupted download resumes). */
export async function downloadS3Plan(bucket: BackupBucket, plan: S3DownloadPlan, progress?: (done: number, total: number) => void): Promise<void> {
  let done = 0;
  for (const file of plan.files) {
    const have = await stat(file.path).then(
      (s) => s.size,
      () => null,
    );
    if (have !== file.size) await bucket.download(file.key, file.path, file.size);
    done++;
    progress?.(done, plan.files.length);
  }
}
