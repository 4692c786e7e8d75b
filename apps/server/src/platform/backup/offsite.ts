/**
 * The off-site copy of BACKUP_DIR (issue 13.1, ADR 0021): with an S3-compatible store configured (S3_BUCKET + S3_*),
 * a job mirrors the backups into the bucket under BACKUP_S3_PREFIX (default `backups/`), so losing the machine's disk
 * does not lose the backups with the database. archive_command stays local (a network call there would stall
 * PostgreSQL); this job runs every minute, so the off-site recovery point is about archive_timeout (5 min) + 1 min.
 *
 *   <prefix>cluster-<system id>/wal/<segment>          every archived WAL file (BACKUP_DIR/cluster/wal)
 *   <prefix>cluster-<system id>/base/<stamp>/<file>    every complete base backup (never a `.partial` one;
 *                                                     backup.json goes up last, so a remote folder with it is whole)
 *   <prefix>studios/<studio id>/<YYYY-MM-DD>.rsmbk     the daily studio backups
 *
 * The system identifier in the cluster's keys keeps a re-created cluster (whose WAL names start again) from colliding
 * with the old one's archive. Each file is streamed up once (skipped when the bucket has it with the same size), its
 * size checked after the upload. What retention deleted locally is deleted remotely: the same retention rules are
 * applied to the union of the local and remote files, so an empty BACKUP_DIR (a new disk) never empties the bucket.
 * A failed file is reported (status file, metrics, operator page) and tried again at the next pass.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { Config } from '../../config/env.ts';
import { connectS3, type S3Settings } from '../storage/s3-storage.ts';
import { backupDirectory } from './backup-dir.ts';
import { baseBackupsToPrune, clusterBackupPaths, listBaseBackups, walFilesToPrune, type BaseBackupManifest } from './cluster-backup.ts';

/** S3's limit for one PutObject. */
export const MAX_SINGLE_UPLOAD_BYTES = 5 * 1024 ** 3;
export const OFFSITE_KIND = 'offsite-copy';
export const OFFSITE_STATUS_FILE = 'offsite-status.json';

const STUDIO_DIR_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STUDIO_FILE_RE = /^\d{4}-\d{2}-\d{2}\.rsmbk$/;
const STAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/;

/** The few bucket operations the copy and the restore need; keys are relative to the backup prefix. */
export interface BackupBucket {
  /** Every key under `prefix` with its size. */
  list(prefix: string): Promise<Map<string, number>>;
  /** Streams a local file up, then checks the stored size. */
  upload(key: string, file: string, size: number): Promise<void>;
  /** Streams an object down into `file` (written under a temporary name, size checked, then renamed). */
  download(key: string, file: string, size: number): Promise<void>;
  read(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
  /** For messages: e.g. s3://bucket/backups/. */
  readonly where: string;
}

/** The file store's S3 settings, with the backups' own prefix (BACKUP_S3_PREFIX). */
export type S3BucketSettings = S3Settings & { prefix: string };

/** The backup bucket of this configuration, or null without S3_BUCKET. */
export function backupBucketSettings(config: Config): S3BucketSettings | null {
  if (!config.S3_BUCKET) return null;
  const raw = config.BACKUP_S3_PREFIX;
  return {
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
    ...(config.S3_ACCESS_KEY_ID ? { accessKeyId: config.S3_ACCESS_KEY_ID } : {}),
    ...(config.S3_SECRET_ACCESS_KEY ? { secretAccessKey: config.S3_SECRET_ACCESS_KEY } : {}),
    forcePathStyle: config.S3_FORCE_PATH_STYLE ?? false,
    prefix: raw === '' || raw.endsWith('/') ? raw : `${raw}/`,
  };
}

export class S3BackupBucket implements BackupBucket {
  private readonly ready: Promise<{ sdk: typeof S3Sdk; client: S3Sdk.S3Client }>;
  readonly where: string;

  constructor(private readonly settings: S3BucketSettings) {
    this.where = `s3://${settings.bucket}/${settings.prefix}`;
    // The job runs again within a minute: one quick try per pass is enough.
    this.ready = connectS3(settings, { maxAttempts: 2 });
  }

  private key(key: string): string {
    return `${this.settings.prefix}${key}`;
  }

  async list(prefix: string): Promise<Map<string, number>> {
    const { sdk, client } = await this.ready;
    const found = new Map<string, number>();
    let token: string | undefined;
    do {
      const page = await client.send(
        new sdk.ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: this.key(prefix), ...(token ? { ContinuationToken: token } : {}) }),
      );
      for (const o of page.Contents ?? []) if (o.Key) found.set(o.Key.slice(this.settings.prefix.length), o.Size ?? 0);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found;
  }

  async upload(key: string, file: string, size: number): Promise<void> {
    if (size > MAX_SINGLE_UPLOAD_BYTES) throw new Error(`${file} is larger than 5 GiB, more than one S3 upload can take`);
    const { sdk, client } = await this.ready;
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.key(key),
        Body: createReadStream(file, { start: 0, end: Math.max(0, size - 1) }),
        ContentLength: size,
        ContentType: 'application/octet-stream',
      }),
    );
    const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.key(key) }));
    if (head.ContentLength !== size) throw new Error(`${this.where}${key} holds ${head.ContentLength ?? '?'} bytes after the upload, not ${size}`);
  }

  private async body(key: string): Promise<Readable> {
    const { sdk, client } = await this.ready;
    const result = await client.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(key) }));
    const body = result.Body;
    if (!body) throw new Error(`empty S3 response body for ${key}`);
    return body instanceof Readable ? body : Readable.fromWeb(body.transformToWebStream() as Parameters<typeof Readable.fromWeb>[0]);
  }

  async download(key: string, file: string, size: number): Promise<void> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const partial = `${file}.download`;
    try {
      await pipeline(await this.body(key), createWriteStream(partial, { mode: 0o600 }));
      const got = (await stat(partial)).size;
      if (got !== size) throw new Error(`${this.where}${key}: ${got} bytes downloaded, ${size} expected`);
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  async read(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.body(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async remove(key: string): Promise<void> {
    const { sdk, client } = await this.ready;
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.key(key) }));
  }
}

export function backupBucket(config: Config): BackupBucket | null {
  const settings = backupBucketSettings(config);
  return settings ? new S3BackupBucket(settings) : null;
}

// ---- what is local ----

export interface LocalBackupFile {
  key: string;
  path: string;
  size: number;
}

export interface LocalBackups {
  /** The cluster's key folder (`cluster-<system id>`), or null when BACKUP_DIR has no cluster archive. */
  clusterKey: string | null;
  /** In upload order: WAL first (the recovery point), then base backups (backup.json last in each), then studios. */
  files: LocalBackupFile[];
  /** Complete local base backups: name → its manifest's first WAL segment. */
  baseStartWal: Map<string, string>;
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

/** The cluster archive's key folder: `cluster-<system id>` from BACKUP_DIR/cluster/system-identifier. */
export async function clusterKeyOf(backupDir: string): Promise<string | null> {
  try {
    const id = (await readFile(join(clusterBackupPaths(backupDir).root, 'system-identifier'), 'utf8')).trim();
    return /^\d+$/.test(id) ? `cluster-${id}` : null;
  } catch {
    return null;
  }
}

/** The files of BACKUP_DIR the off-site copy mirrors (never a `.partial` base backup or studio file, never a temporary WAL file). */
export async function localBackups(backupDir: string): Promise<LocalBackups> {
  const files: LocalBackupFile[] = [];
  const baseStartWal = new Map<string, string>();
  const clusterKey = await clusterKeyOf(backupDir);
  if (clusterKey) {
    const paths = clusterBackupPaths(backupDir);
    for (const name of await names(paths.wal)) {
      if (name.startsWith('.')) continue;
      const size = await fileSize(join(paths.wal, name));
      if (size !== null) files.push({ key: `${clusterKey}/wal/${name}`, path: join(paths.wal, name), size });
    }
    for (const base of await listBaseBackups(paths.base)) {
      baseStartWal.set(base.name, base.manifest.startWal);
      const inFolder = (await names(base.dir)).filter((n) => n !== 'backup.json');
      for (const name of [...inFolder, 'backup.json']) {
        const size = await fileSize(join(base.dir, name));
        if (size !== null) files.push({ key: `${clusterKey}/base/${base.name}/${name}`, path: join(base.dir, name), size });
      }
    }
  }
  for (const studio of await names(backupDir)) {
    if (!STUDIO_DIR_RE.test(studio)) continue;
    for (const name of await names(join(backupDir, studio))) {
      if (!STUDIO_FILE_RE.test(name)) continue;
      const size = await fileSize(join(backupDir, studio, name));
      if (size !== null) files.push({ key: `studios/${studio}/${name}`, path: join(backupDir, studio, name), size });
    }
  }
  return { clusterKey, files, baseStartWal };
}

// ---- retention, mirrored ----

/**
 * Remote keys to delete: those retention no longer keeps and BACKUP_DIR no longer has. The retention rules
 * (filesToPrune per studio, baseBackupsToPrune, walFilesToPrune from the oldest kept base backup) run on the union of
 * local and remote names, so what is only remote (e.g. after a new disk) is kept as long as retention would keep it.
 * `remoteStartWal` gives the first WAL segment of a base backup that is only in the bucket (its backup.json).
 */
export async function remoteKeysToDelete(
  local: LocalBackups,
  remote: ReadonlyMap<string, number>,
  studioFilesToPrune: (names: readonly string[]) => string[],
  remoteStartWal: (baseName: string) => Promise<string | null>,
): Promise<string[]> {
  const localKeys = new Set(local.files.map((f) => f.key));
  const remoteOnly = [...remote.keys()].filter((k) => !localKeys.has(k));
  const doomed: string[] = [];

  // Studios: the per-studio file retention.
  const studioNames = new Map<string, Set<string>>();
  for (const key of [...localKeys, ...remote.keys()]) {
    const m = /^studios\/([^/]+)\/([^/]+)$/.exec(key);
    if (!m) continue;
    if (!studioNames.has(m[1]!)) studioNames.set(m[1]!, new Set());
    studioNames.get(m[1]!)!.add(m[2]!);
  }
  for (const [studio, set] of studioNames) {
    const prune = new Set(studioFilesToPrune([...set]));
    for (const key of remoteOnly) {
      const m = /^studios\/([^/]+)\/([^/]+)$/.exec(key);
      if (m && m[1] === studio && prune.has(m[2]!)) doomed.push(key);
    }
  }

  // The cluster: only the current cluster's archive (an old cluster's stays, like its folder moved aside locally).
  if (local.clusterKey) {
    const basePrefix = `${local.clusterKey}/base/`;
    const walPrefix = `${local.clusterKey}/wal/`;
    const remoteBases = new Set<string>();
    for (const key of remote.keys()) if (key.startsWith(basePrefix)) remoteBases.add(key.slice(basePrefix.length).split('/')[0]!);
    const allBases = [...new Set([...local.baseStartWal.keys(), ...remoteBases])].filter((n) => STAMP_RE.test(n));
    const prunedBases = new Set(baseBackupsToPrune(allBases));
    for (const key of remoteOnly) {
      if (!key.startsWith(basePrefix)) continue;
      const name = key.slice(basePrefix.length).split('/')[0]!;
      if (prunedBases.has(name) && !local.baseStartWal.has(name)) doomed.push(key);
    }
    // WAL older than the oldest kept base backup (only complete ones count: a base backup without backup.json can't start a restore).
    const kept = allBases.filter((n) => !prunedBases.has(n)).sort();
    let oldestStartWal: string | null = null;
    for (const name of kept) {
      oldestStartWal = local.baseStartWal.get(name) ?? (remote.has(`${basePrefix}${name}/backup.json`) ? await remoteStartWal(name) : null);
      if (oldestStartWal) break;
    }
    if (oldestStartWal) {
      const walNames = remoteOnly.filter((k) => k.startsWith(walPrefix)).map((k) => k.slice(walPrefix.length));
      for (const name of walFilesToPrune(walNames, oldestStartWal)) doomed.push(`${walPrefix}${name}`);
    }
  }
  return doomed;
}

// ---- one pass ----

export interface OffsiteStatus {
  where: string;
  lastRunAt: string;
  ok: boolean;
  /** The last pass after which the bucket held every local backup file. */
  lastSuccessAt: string | null;
  error: string | null;
  uploaded: number;
  uploadedBytes: number;
  deleted: number;
  failed: number;
}

export interface OffsiteCopyOptions {
  backupDir: string;
  bucket: BackupBucket;
  studioFilesToPrune: (names: readonly string[]) => string[];
  now?: () => Date;
  log?: { warn: (obj: object, msg: string) => void };
}

/** One pass: upload what the bucket lacks, delete what retention dropped; writes and returns the status. */
export async function copyOffsite(options: OffsiteCopyOptions): Promise<OffsiteStatus> {
  const now = options.now ?? (() => new Date());
  const previous = await readOffsiteStatus(options.backupDir);
  let uploaded = 0;
  let uploadedBytes = 0;
  let deleted = 0;
  let failed = 0;
  let firstError: string | null = null;
  const fail = (what: string, error: unknown) => {
    failed++;
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
    firstError ??= message;
    options.log?.warn({ err: error }, `off-site backup copy: ${what} failed`);
  };
  try {
    const local = await localBackups(options.backupDir);
    const remote = new Map<string, number>();
    if (local.clusterKey) for (const [k, v] of await options.bucket.list(`${local.clusterKey}/`)) remote.set(k, v);
    for (const [k, v] of await options.bucket.list('studios/')) remote.set(k, v);
    const failedBases = new Set<string>();
    for (const file of local.files) {
      const base = /^[^/]+\/base\/([^/]+)\//.exec(file.key)?.[1];
      if (remote.get(file.key) === file.size) continue;
      // backup.json marks a remote base backup complete: never before the rest of its folder is up.
      if (base && failedBases.has(base)) continue;
      try {
        // A file retention deleted since the listing is simply gone: not a failure.
        const size = await fileSize(file.path);
        if (size === null) continue;
        await options.bucket.upload(file.key, file.path, size);
        remote.set(file.key, size);
        uploaded++;
        uploadedBytes += size;
      } catch (error) {
        if (base) failedBases.add(base);
        fail(`upload of ${file.key}`, error);
      }
    }
    const doomed = await remoteKeysToDelete(local, remote, options.studioFilesToPrune, async (name) => {
      const manifest = JSON.parse((await options.bucket.read(`${local.clusterKey}/base/${name}/backup.json`)).toString('utf8')) as BaseBackupManifest;
      return manifest.startWal;
    });
    for (const key of doomed) {
      try {
        await options.bucket.remove(key);
        deleted++;
      } catch (error) {
        fail(`deletion of ${key}`, error);
      }
    }
  } catch (error) {
    fail(`listing ${options.bucket.where}`, error);
  }
  const at = now().toISOString();
  const ok = failed === 0;
  const status: OffsiteStatus = {
    where: options.bucket.where,
    lastRunAt: at,
    ok,
    lastSuccessAt: ok ? at : (previous?.lastSuccessAt ?? null),
    error: firstError,
    uploaded,
    uploadedBytes,
    deleted,
    failed,
  };
  await writeOffsiteStatus(options.backupDir, status);
  return status;
}

export async function readOffsiteStatus(backupDir: string): Promise<OffsiteStatus | null> {
  try {
    return JSON.parse(await readFile(join(backupDir, OFFSITE_STATUS_FILE), 'utf8')) as OffsiteStatus;
  } catch {
    return null;
  }
}

async function writeOffsiteStatus(backupDir: string, status: OffsiteStatus): Promise<void> {
  await mkdir(backupDir, { recursive: true });
  const tmp = join(backupDir, `.${OFFSITE_STATUS_FILE}.${process.pid}`);
  await writeFile(tmp, JSON.stringify(status, null, 2) + '\n', { mode: 0o600 });
  await rename(tmp, join(backupDir, OFFSITE_STATUS_FILE));
}

/** The status the operator page shows: null when there is no bucket or no backups. */
export async function offsiteStatusFor(config: Config): Promise<{ configured: boolean; where: string | null; status: OffsiteStatus | null }> {
  const dir = backupDirectory(config);
  const settings = backupBucketSettings(config);
  if (!dir || !settings) return { configured: false, where: null, status: null };
  return { configured: true, where: `s3://${settings.bucket}/${settings.prefix}`, status: await readOffsiteStatus(dir) };
}
