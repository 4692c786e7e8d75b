/**
 * Restoring a studio from a backup file: a bundle (format 2, a ZIP: see studio-bundle.ts) or a bare database
 * archive (format 1, the files only listed).
 *
 * A bundle is checked whole before anything changes: every entry must be the database, the manifest or
 * `files/<a storage key of this studio>` — any other name (`files/../../etc/x`, an absolute path, another studio's
 * key, a duplicate) refuses the restore. The files the store lacks or holds differently are copied out of the bundle
 * to a staging directory, each checked against the manifest's size and SHA-256; then the database is restored (one
 * transaction, see studio-restore.ts); then the staged files are put into the store. Files the manifest lists but
 * the bundle does not hold, and the store lacks, are reported as missing.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { Platform } from '../platform.ts';
import { keyBelongsToStudio } from '../storage/keys.ts';
import { fileStorage, uploadStagingDir } from '../storage/storage.ts';
import type { FileStorage } from '../storage/file-storage.ts';
import { BackupError, backupKey, openArchiveStream } from './archive-format.ts';
import { DATABASE_ENTRY, FILES_PREFIX, HashingStream, MANIFEST_ENTRY, BUNDLE_FORMAT, type BundleManifest } from './studio-bundle.ts';
import type { StudioRef } from './studio-backup.ts';
import { restoreStudio, type RestoreOptions, type RestoreResult } from './studio-restore.ts';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const MANIFEST_MAX_BYTES = 64 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  aiff: 'audio/aiff',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  zip: 'application/zip',
  bin: 'application/octet-stream',
  pdf: 'application/pdf',
};

export interface FilesRestoreReport {
  /** Put back into the store from the backup (verified). */
  restored: string[];
  /** Already in the store, identical to the backup. */
  unchanged: number;
  /** Listed in the backup, not held by it, and not in the store. */
  missing: string[];
  /** Whether the backup held the files (a bare database archive only lists them). */
  backupHeldFiles: boolean;
}

export type BundleRestoreResult = RestoreResult & { files: FilesRestoreReport };

async function isZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(ZIP_MAGIC);
  } finally {
    await handle.close();
  }
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = new HashingStream();
  await pipeline(stream, hash, async (source: AsyncIterable<unknown>) => {
    for await (const chunk of source) void chunk;
  });
  return { sha256: hash.digest(), bytes: hash.bytes };
}

/** Whether the store holds `key` with exactly these bytes. */
async function storeHolds(storage: FileStorage, key: string, sizeBytes: number, sha256: string): Promise<boolean> {
  const stat = await storage.stat(key).catch(() => null);
  if (!stat || stat.size !== sizeBytes) return false;
  const now = await sha256Of(await storage.get(key));
  return now.sha256 === sha256;
}

/** Restores `studio` from the backup file at `path` (bundle or bare database archive). */
export async function restoreStudioFromFile(platform: Platform, studio: StudioRef, path: string, options: RestoreOptions = {}): Promise<BundleRestoreResult> {
  const storage = fileStorage(platform.config);
  if (!(await isZip(path))) {
    const result = await restoreStudio(platform, studio, createReadStream(path), options);
    const missing: string[] = [];
    for (const file of result.manifest.files) if (!(await storage.exists(file.key).catch(() => false))) missing.push(file.key);
    return { ...result, files: { restored: [], unchanged: result.manifest.files.length - missing.length, missing, backupHeldFiles: false } };
  }

  const key = options.encryptionKey === undefined ? backupKey(platform.config.BACKUP_ENCRYPTION_KEY) : (options.encryptionKey ?? undefined);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { autoClose: false, lazyEntries: true, strictFileNames: true, validateEntrySizes: true });
  } catch (error) {
    throw new BackupError(`This file is not a readable studio backup: ${(error as Error).message}`, { cause: error });
  }
  const staging = join(uploadStagingDir(platform.config), `restore-${randomUUID()}`);
  try {
    const entries = await readEntries(zip, studio);
    const manifestEntry = entries.get(MANIFEST_ENTRY);
    const databaseEntry = entries.get(DATABASE_ENTRY);
    if (!manifestEntry || !databaseEntry) throw new BackupError('This backup is incomplete: it has no database or no manifest');
    const manifest = await readManifest(zip, manifestEntry, studio);

    const listed = new Set(manifest.files.map((f) => f.key));
    for (const name of entries.keys()) {
      if (name.startsWith(FILES_PREFIX) && !listed.has(name.slice(FILES_PREFIX.length))) {
        throw new BackupError(`The backup is damaged or was altered: ${name} is not in its manifest`);
      }
    }

    // 1. Stage what the store needs, checked against the manifest, before anything changes.
    await mkdir(staging, { recursive: true, mode: 0o700 });
    const staged: { key: string; path: string }[] = [];
    const missing: string[] = [];
    let unchanged = 0;
    for (const file of manifest.files) {
      const entry = entries.get(`${FILES_PREFIX}${file.key}`);
      if (!file.included || !entry) {
        if (file.included) throw new BackupError(`The backup is damaged: ${file.key} is listed but not held`);
        if (!(await storage.exists(file.key).catch(() => false))) missing.push(file.key);
        continue;
      }
      if (typeof file.sizeBytes !== 'number' || typeof file.sha256 !== 'string') throw new BackupError(`The backup's manifest is damaged (${file.key})`);
      if (await storeHolds(storage, file.key, file.sizeBytes, file.sha256)) {
        unchanged++;
        continue;
      }
      const target = join(staging, String(staged.length));
      const hash = new HashingStream();
      try {
        const raw = await zip.openReadStreamPromise(entry);
        const out = createWriteStream(target, { mode: 0o600 });
        if (manifest.encrypted) await pipeline(raw, openArchiveStream(key), hash, out);
        else await pipeline(raw, hash, out);
      } catch (error) {
        if (error instanceof BackupError) throw error;
        throw new BackupError(`The backup is damaged: ${file.key} cannot be read (${(error as Error).message})`, { cause: error });
      }
      if (hash.bytes !== file.sizeBytes || hash.digest() !== file.sha256) {
        throw new BackupError(`The backup is damaged or was altered: ${file.key} does not match its SHA-256`);
      }
      staged.push({ key: file.key, path: target });
    }

    // 2. The database, in one transaction.
    const result = await restoreStudio(platform, studio, await zip.openReadStreamPromise(databaseEntry), options);

    // 3. The files into the store.
    for (const file of staged) {
      const ext = file.key.slice(file.key.lastIndexOf('.') + 1);
      await storage.putFile(file.key, file.path, CONTENT_TYPES[ext] ?? 'application/octet-stream');
    }
    return { ...result, files: { restored: staged.map((f) => f.key), unchanged, missing, backupHeldFiles: true } };
  } finally {
    zip.close();
    await rm(staging, { recursive: true, force: true });
  }
}

/** Every entry by name; refuses any name that is not the database, the manifest or a storage key of this studio. */
async function readEntries(zip: yauzl.ZipFile, studio: StudioRef): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      const fileKey = name.startsWith(FILES_PREFIX) ? name.slice(FILES_PREFIX.length) : null;
      const allowed = name === DATABASE_ENTRY || name === MANIFEST_ENTRY || (fileKey !== null && keyBelongsToStudio(fileKey, studio.id));
      if (!allowed) throw new BackupError(`Refused: the backup holds an entry "${name}" that is not a file of studio "${studio.slug}"`);
      if (entries.has(name)) throw new BackupError(`Refused: the backup holds "${name}" twice`);
      entries.set(name, entry);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    // yauzl refuses absolute paths, `..` and backslashes itself.
    throw new BackupError(`Refused: the backup holds an unsafe entry (${(error as Error).message})`, { cause: error });
  }
  return entries;
}

async function readManifest(zip: yauzl.ZipFile, entry: yauzl.Entry, studio: StudioRef): Promise<BundleManifest> {
  if (entry.uncompressedSize > MANIFEST_MAX_BYTES) throw new BackupError('The backup is damaged (its manifest is too large)');
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BundleManifest;
  } catch {
    throw new BackupError('The backup is damaged (its manifest is unreadable)');
  }
  if (manifest.format !== BUNDLE_FORMAT || !Array.isArray(manifest.files)) throw new BackupError('This file is not a studio backup of this version');
  if (manifest.studio?.id !== studio.id) {
    throw new BackupError(`This backup is of studio "${manifest.studio?.slug}" (${manifest.studio?.id}), not of "${studio.slug}"`);
  }
  for (const file of manifest.files) {
    if (typeof file?.key !== 'string' || !keyBelongsToStudio(file.key, studio.id)) {
      throw new BackupError(`Refused: the backup's manifest lists "${String(file?.key)}", which is not a file of studio "${studio.slug}"`);
    }
  }
  return manifest;
}

/** One entry of a bundle as a stream (closes the ZIP when the stream ends); for reading a bundle without restoring it. */
export async function openBundleEntry(path: string, name: string): Promise<Readable> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      const stream = await zip.openReadStreamPromise(entry);
      stream.once('close', () => zip.close());
      return stream;
    }
  } catch (error) {
    zip.close();
    throw error;
  }
  zip.close();
  throw new BackupError(`The backup has no ${name}`);
}
