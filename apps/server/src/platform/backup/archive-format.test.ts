import { randomBytes } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ENCRYPTED_MAGIC, backupKey, encryptStream, openArchiveStream } from './archive-format.ts';
import { dependencyOrder } from './catalog.ts';

async function through(transform: Transform, chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(transform)) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

/** Cuts a buffer into uneven pieces, including pieces smaller than the header and the tag. */
function pieces(data: Buffer): Buffer[] {
  const sizes = [1, 3, 7, 16, 5, 1000, 2, 40_000];
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    out.push(data.subarray(at, at + size));
    at += size;
  }
  return out;
}

describe('backup encryption', () => {
  const key = randomBytes(32);
  const plain = randomBytes(150_000);

  it('round-trips whatever the chunking, and hides the content', async () => {
    const sealed = await through(encryptStream(key), pieces(plain));
    expect(sealed.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC)).toBe(true);
    expect(sealed.length).toBe(plain.length + ENCRYPTED_MAGIC.length + 12 + 16);
    expect(sealed.includes(plain.subarray(1000, 1032))).toBe(false);
    expect((await through(openArchiveStream(key), pieces(sealed))).equals(plain)).toBe(true);
  });

  it('encrypts an empty stream too', async () => {
    const sealed = await through(encryptStream(key), []);
    expect((await through(openArchiveStream(key), [sealed])).length).toBe(0);
  });

  it('refuses a missing key, a wrong key, a flipped bit and a cut file', async () => {
    const sealed = await through(encryptStream(key), [plain]);
    await expect(through(openArchiveStream(undefined), [sealed])).rejects.toThrow(/encrypted: set BACKUP_ENCRYPTION_KEY/);
    await expect(through(openArchiveStream(randomBytes(32)), [sealed])).rejects.toThrow(/cannot be decrypted/);
    const flipped = Buffer.from(sealed);
    flipped[5000] = flipped[5000]! ^ 0x10;
    await expect(through(openArchiveStream(key), [flipped])).rejects.toThrow(/cannot be decrypted/);
    await expect(through(openArchiveStream(key), [sealed.subarray(0, sealed.length - 100)])).rejects.toThrow(/cannot be decrypted/);
  });

  it('passes a plain archive through, with or without a key', async () => {
    expect((await through(openArchiveStream(key), pieces(plain))).equals(plain)).toBe(true);
    expect((await through(openArchiveStream(undefined), [Buffer.from('ab')])).toString()).toBe('ab');
  });

  it('checks the configured key', () => {
    expect(backupKey(undefined)).toBeUndefined();
    expect(backupKey(key.toString('base64'))!.equals(key)).toBe(true);
    expect(() => backupKey('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});

describe('table dependency order', () => {
  it('puts parents before children, alphabetically among equals, cycles last', () => {
    const parents = new Map<string, Set<string>>([
      ['sessions', new Set(['rooms', 'clients'])],
      ['rooms', new Set()],
      ['clients', new Set()],
      ['session_resources', new Set(['sessions', 'gear'])],
      ['gear', new Set()],
      ['a_cycle', new Set(['b_cycle'])],
      ['b_cycle', new Set(['a_cycle'])],
    ]);
    expect(dependencyOrder([...parents.keys()], parents)).toEqual(['clients', 'gear', 'rooms', 'sessions', 'session_resources', 'a_cycle', 'b_cycle']);
  });
});
