/**
 * The studio bundle (backup format 2): one ZIP holding the studio's database archive and its stored files.
 *
 *   database.rsmbk          the database archive of archive-format.ts (one snapshot; encrypted when a key is set)
 *   files/<storage key>     every stored file of the studio (audio originals, previews, peaks, money PDFs), as stored
 *                           (each one encrypted on its own, in the same RSMBKENC format, when a key is set)
 *   manifest.json           last: studio, schema version, snapshot time, the database entry's size and SHA-256, and
 *                           every file's key, size and SHA-256 (of its plain bytes) and whether the bundle holds it
 *
 * Everything is streamed: the database from cursors, each file from the storage straight into the ZIP, one at a time
 * (yazl, ZIP64 as soon as an entry or an offset passes 4 GB), so a studio of many GB never sits in memory.
 * Files are stored (no deflate): audio and PDFs are compressed already.
 */
import { createHash } from 'node:crypto';
import { PassThrough, Transform, type Readable, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { Platform } from '../platform.ts';
import { fileStorage } from '../storage/storage.ts';
import { BackupError, backupKey, encryptStream } from './archive-format.ts';
import { backupStudio, type StudioRef } from './studio-backup.ts';

export const BUNDLE_FORMAT = 2;
export const DATABASE_ENTRY = 'database.rsmbk';
export const MANIFEST_ENTRY = 'manifest.json';
export const FILES_PREFIX = 'files/';
/** What encryptStream adds to a file: magic, IV, GCM tag. */
const ENCRYPTION_OVERHEAD = 8 + 12 + 16;

export interface BundleFile {
  key: string;
  /** Size of the plain file (null when the store did not have it). */
  sizeBytes: number | null;
  /** SHA-256 (hex) of the plain file, null when not in the bundle. */
  sha256: string | null;
  /** Whether `files/<key>` is in the bundle. */
  included: boolean;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  studio: { id: string; slug: string; name: string };
  schemaVersion: number;
  createdAt: string;
  encrypted: boolean;
  database: { entry: string; sizeBytes: number; sha256: string };
  /** Whether the bundle holds the files (otherwise they are only listed). */
  filesIncluded: boolean;
  files: BundleFile[];
}

export interface BundleOptions {
  /** Copy the stored files into the bundle (else they are only listed). */
  includeFiles: boolean;
  /** Encrypt with this key; by default BACKUP_ENCRYPTION_KEY when set. `null`: never encrypt. */
  encryptionKey?: Buffer | null;
}

/** A pass-through that counts and hashes what flows through it. */
export class HashingStream extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;
  private result: string | null = null;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    this.result = this.hash.digest('hex');
    done();
  }
  digest(): string {
    if (this.result === null) throw new Error('stream not finished');
    return this.result;
  }
}

/** Writes the studio's bundle to `out`; resolves with its manifest once the last byte is written. */
export async function writeStudioBundle(platform: Platform, studio: StudioRef, out: Writable, options: BundleOptions): Promise<BundleManifest> {
  const key = options.encryptionKey === undefined ? backupKey(platform.config.BACKUP_ENCRYPTION_KEY) : (options.encryptionKey ?? undefined);
  const storage = fileStorage(platform.config);
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  const written = pipeline(output, out);
  let failure: Error | null = null;
  // Every stream feeding the ZIP: on any failure (a storage read, the database, the reader of `out` gone) all are
  // destroyed, so the database snapshot and the storage reads end instead of waiting for a reader that left.
  const live = new Set<Readable>();
  const fail = (error: Error) => {
    if (failure) return;
    failure = error;
    output.destroy(error);
    for (const stream of live) stream.destroy(error);
  };
  written.catch((error: unknown) => fail(error as Error)); // also awaited below
  zip.on('error', fail);
  const track = <T extends Readable>(stream: T): T => {
    stream.on('error', fail);
    live.add(stream);
    stream.once('close', () => live.delete(stream));
    return stream;
  };

  try {
    const database = new HashingStream();
    track(database);
    zip.addReadStream(database, DATABASE_ENTRY, { compress: false });
    const dbManifest = await backupStudio(platform, studio, database, { encryptionKey: key ?? null });
    const mtime = new Date(dbManifest.createdAt);

    const files: BundleFile[] = [];
    const hashes = new Map<string, HashingStream>();
    for (const { key: fileKey } of dbManifest.files) {
      const stat = await storage.stat(fileKey).catch(() => null);
      if (!stat || !options.includeFiles) {
        files.push({ key: fileKey, sizeBytes: stat?.size ?? null, sha256: null, included: false });
        continue;
      }
      files.push({ key: fileKey, sizeBytes: stat.size, sha256: null, included: true });
      const hash = new HashingStream();
      hashes.set(fileKey, hash);
      // Opened only when the ZIP reaches this entry: one storage read at a time, paced by the reader of `out`.
      zip.addReadStreamLazy(`${FILES_PREFIX}${fileKey}`, { compress: false, mtime, size: stat.size + (key ? ENCRYPTION_OVERHEAD : 0) }, (cb) => {
        storage.get(fileKey).then(
          (source) => {
            track(source);
            track(hash);
            const data = key ? source.pipe(hash).pipe(track(encryptStream(key))) : source.pipe(hash);
            cb(null, data);
          },
          (error: unknown) => cb(error, new PassThrough()),
        );
      });
    }

    let manifest: BundleManifest | null = null;
    // Built when every entry before it has been written: the files' hashes are known by then.
    zip.addReadStreamLazy(MANIFEST_ENTRY, { mtime }, (cb) => {
      try {
        for (const file of files) {
          const hash = hashes.get(file.key);
          if (hash) {
            if (hash.bytes !== file.sizeBytes) throw new BackupError(`Stored file ${file.key} changed while it was backed up`);
            file.sha256 = hash.digest();
          }
        }
        manifest = {
          format: BUNDLE_FORMAT,
          studio: { id: studio.id, slug: studio.slug, name: studio.name },
          schemaVersion: dbManifest.schemaVersion,
          createdAt: dbManifest.createdAt,
          encrypted: !!key,
          database: { entry: DATABASE_ENTRY, sizeBytes: database.bytes, sha256: database.digest() },
          filesIncluded: options.includeFiles,
          files,
        };
        const body = new PassThrough();
        body.end(JSON.stringify(manifest, null, 2) + '\n');
        cb(null, body);
      } catch (error) {
        cb(error, new PassThrough());
      }
    });
    zip.end();
    await written;
    if (failure) throw failure;
    if (!manifest) throw new BackupError('The bundle was not finished');
    return manifest;
  } catch (error) {
    fail(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
}
