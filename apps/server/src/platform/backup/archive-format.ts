/**
 * The studio backup archive: gzip of one NDJSON stream, optionally encrypted (AES-256-GCM).
 *
 *   #{"header":{…}}                         studio, schema version, time, table order
 *   #{"table":"clients","columns":[…]}      then one line per row: the row as PostgreSQL's to_jsonb text
 *   {"id":"…","name":"…",…}
 *   #{"tableEnd":"clients","rows":2,"sha256":"…"}
 *   …
 *   #{"manifest":{…}}                        every table's rows and SHA-256, sequences, files
 *
 * Control lines start with `#` (a row line is a JSON object and never does). A table's SHA-256 is taken over its
 * row lines, each followed by "\n", in primary-key order: the restore recomputes it from the archive and again from
 * the restored database. Encrypted files are `RSMBKENC` + 12-byte IV + ciphertext + 16-byte GCM tag.
 */
import { createCipheriv, createDecipheriv, randomBytes, type DecipherGCM } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export const ARCHIVE_FORMAT = 1;
export const ENCRYPTED_MAGIC = Buffer.from('RSMBKENC');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface ArchiveHeader {
  format: number;
  studio: { id: string; slug: string; name: string };
  schemaVersion: number;
  createdAt: string;
  tables: string[];
}

export interface TableSummary {
  name: string;
  rows: number;
  sha256: string;
}

export interface ArchiveManifest extends ArchiveHeader {
  tableSummaries: TableSummary[];
  /** Sequence values at the snapshot (`setval(name, value, isCalled)` on restore). */
  sequences: { name: string; value: string; isCalled: boolean }[];
  /** The studio's files (not copied into the archive): storage key and size (null when the store does not have it). */
  files: { key: string; sizeBytes: number | null }[];
}

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

/** BACKUP_ENCRYPTION_KEY (base64 of 32 bytes) as a key, or undefined when not configured. */
export function backupKey(value: string | undefined): Buffer | undefined {
  if (!value) return undefined;
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new BackupError('BACKUP_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
  return key;
}

/** Encrypts a stream: magic, IV, ciphertext, then the authentication tag at the end. */
export function encryptStream(key: Buffer): Transform {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (!started) {
        started = true;
        this.push(Buffer.concat([ENCRYPTED_MAGIC, iv]));
      }
      done(null, cipher.update(chunk));
    },
    flush(done: TransformCallback) {
      if (!started) this.push(Buffer.concat([ENCRYPTED_MAGIC, iv]));
      const rest = cipher.final();
      done(null, Buffer.concat([rest, cipher.getAuthTag()]));
    },
  });
}

/**
 * Reads the first bytes: an encrypted archive is decrypted (it needs the key), a plain one passes through.
 * The GCM tag is checked at the very end, so a restore only commits after the whole stream was read.
 */
export function openArchiveStream(key: Buffer | undefined): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  let decipher: DecipherGCM | null = null;
  let tail = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (head) {
        head = Buffer.concat([head, chunk]);
        if (head.length < ENCRYPTED_MAGIC.length + IV_BYTES) return done();
        const data = head;
        head = null;
        if (!data.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC)) return done(null, data);
        if (!key) return done(new BackupError('This backup is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with'));
        decipher = createDecipheriv('aes-256-gcm', key, data.subarray(ENCRYPTED_MAGIC.length, ENCRYPTED_MAGIC.length + IV_BYTES));
        chunk = data.subarray(ENCRYPTED_MAGIC.length + IV_BYTES);
      }
      if (!decipher) return done(null, chunk);
      // Hold back the last 16 bytes: they may be the tag.
      const all = Buffer.concat([tail, chunk]);
      tail = all.subarray(Math.max(0, all.length - TAG_BYTES));
      done(null, decipher.update(all.subarray(0, all.length - tail.length)));
    },
    flush(done: TransformCallback) {
      if (head) return done(null, head); // shorter than a header: the gzip reader reports it
      if (!decipher) return done();
      if (tail.length !== TAG_BYTES) return done(new BackupError('The backup is truncated'));
      try {
        decipher.setAuthTag(tail);
        done(null, decipher.final());
      } catch {
        done(new BackupError('The backup cannot be decrypted: wrong BACKUP_ENCRYPTION_KEY, or the file was damaged or altered'));
      }
    },
  });
}
