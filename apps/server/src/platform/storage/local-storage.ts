/** Files on the local disk, under one root directory (DATA_DIR/files, or FILES_DIR). */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { assertValidKey, InvalidStorageKeyError } from './keys.ts';
import type { ByteRange, FileStat, FileStorage } from './file-storage.ts';

export class LocalFileStorage implements FileStorage {
  readonly kind = 'local' as const;
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The absolute path of a key; the key shape is checked and the result must stay under the root. */
  pathOf(key: string): string {
    assertValidKey(key);
    const full = resolve(this.root, key);
    if (!full.startsWith(this.root + sep)) throw new InvalidStorageKeyError('key escapes the storage root');
    return full;
  }

  async putFile(key: string, sourcePath: string): Promise<FileStat> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(sourcePath, target);
    } catch (error) {
      // Another file system (a mounted volume for DATA_DIR/files): copy to a temporary name, then rename, so a
      // reader never sees a half-written file.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
      await copyFile(sourcePath, temporary);
      await rename(temporary, target);
      await unlink(sourcePath);
    }
    return { size: (await stat(target)).size };
  }

  async putBuffer(key: string, body: Buffer): Promise<FileStat> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, body);
    await rename(temporary, target);
    return { size: body.length };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path); // a missing file fails here (ENOENT), not later inside the response stream
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<FileStat | null> {
    try {
      const s = await stat(this.pathOf(key));
      return s.isFile() ? { size: s.size } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
