/**
 * Where the studios' files live. Two implementations: local disk (the default, under DATA_DIR/files)
 * and an S3-compatible bucket. Both take only keys built by `studioFileKey` (checked again here), and
 * both stream: no file is ever held whole in memory.
 */
import type { Readable } from 'node:stream';

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

export interface FileStat {
  size: number;
}

export interface FileStorage {
  readonly kind: 'local' | 's3';
  /** Store a local file under `key` (moved when the disk allows it, else copied). The source is gone afterwards. */
  putFile(key: string, sourcePath: string, contentType: string): Promise<FileStat>;
  /** Store a small in-memory body (peaks data). */
  putBuffer(key: string, body: Buffer, contentType: string): Promise<FileStat>;
  /** A stream of the whole file, or of the inclusive byte range. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Size of the stored file, or null when there is none. */
  stat(key: string): Promise<FileStat | null>;
  exists(key: string): Promise<boolean>;
  /** Remove the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
}
