/** Storage keys, the local store's confinement to its root, signed URLs, byte ranges and type sniffing. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assertValidKey, keyBelongsToStudio, studioFileKey, InvalidStorageKeyError } from '../../../apps/server/src/platform/storage/keys.ts';
import { LocalFileStorage } from '../../../apps/server/src/platform/storage/local-storage.ts';
import { fileUrlSecret, signFileAccess, verifyFileAccess, type FileAccess } from '../../../apps/server/src/platform/storage/signed-urls.ts';
import { loadConfig } from '../../../apps/server/src/config/env.ts';
import { parseRange } from '../../../apps/server/src/modules/audio/http-range.ts';
import { sniffFormat } from '../../../apps/server/src/modules/audio/formats.ts';
import { cleanFilename, parseUploadMetadata } from '../../../apps/server/src/modules/audio/uploads.service.ts';
import { sine, wavBuffer } from '../../support/wav.ts';

const studio = randomUUID();
const file = randomUUID();

describe('storage keys', () => {
  it('are built under the studio from ids only', () => {
    expect(studioFileKey(studio, 'originals', file, 'wav')).toBe(`studios/${studio}/originals/${file}.wav`);
    expect(keyBelongsToStudio(studioFileKey(studio, 'peaks', file, 'bin'), studio)).toBe(true);
    expect(keyBelongsToStudio(studioFileKey(studio, 'peaks', file, 'bin'), randomUUID())).toBe(false);
  });

  it.each([
    ['../etc', file],
    [studio, '../../passwd'],
    [studio, `${file}/..`],
    [studio.toUpperCase(), file],
    [`${studio}/x`, file],
  ])('refuse anything that is not a lowercase uuid (%s, %s)', (s, f) => {
    expect(() => studioFileKey(s, 'originals', f, 'wav')).toThrow(InvalidStorageKeyError);
  });

  it('refuse unknown kinds and extensions', () => {
    expect(() => studioFileKey(studio, 'secrets' as never, file, 'wav')).toThrow(InvalidStorageKeyError);
    expect(() => studioFileKey(studio, 'originals', file, 'exe' as never)).toThrow(InvalidStorageKeyError);
  });

  it.each([
    `studios/${studio}/originals/../../../etc/passwd`,
    `/etc/passwd`,
    `studios/${studio}/originals/${file}.wav/../x`,
    `studios/${studio}/originals/${file}.wav\0`,
    '',
  ])('are checked again by the stores: %s', (key) => {
    expect(() => assertValidKey(key)).toThrow(InvalidStorageKeyError);
    expect(() => new LocalFileStorage(tmpdir()).pathOf(key)).toThrow(InvalidStorageKeyError);
  });
});

describe('local storage', () => {
  it('moves files in, streams them back whole or by range, deletes them', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rsm-files-'));
    const storage = new LocalFileStorage(root);
    const source = join(root, 'incoming');
    writeFileSync(source, '0123456789');
    const key = studioFileKey(studio, 'originals', file, 'wav');
    expect(await storage.putFile(key, source)).toEqual({ size: 10 });
    expect(() => statSync(source)).toThrow();
    expect(await text(await storage.get(key))).toBe('0123456789');
    expect(await text(await storage.get(key, { start: 2, end: 5 }))).toBe('2345');
    expect(await storage.stat(key)).toEqual({ size: 10 });
    await storage.putBuffer(studioFileKey(studio, 'peaks', file, 'bin'), Buffer.from('peaks'));
    expect(readFileSync(join(root, 'studios', studio, 'peaks', `${file}.bin`), 'utf8')).toBe('peaks');
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toThrow();
    await storage.delete(key); // twice is fine
  });
});

describe('signed file URLs', () => {
  const secret = Buffer.alloc(32, 7);
  const access: FileAccess = { studioId: studio, versionId: file, kind: 'audio', audience: 'staff', expiresAt: 2_000_000_000 };
  const signature = signFileAccess(secret, access);

  it('verify for exactly what was signed, until expiry', () => {
    expect(verifyFileAccess(secret, access, signature, 1_900_000_000)).toBe('valid');
    expect(verifyFileAccess(secret, access, signature, 2_000_000_001)).toBe('expired');
  });

  it.each([
    ['another studio', { studioId: randomUUID() }],
    ['another version', { versionId: randomUUID() }],
    ['another kind', { kind: 'download' }],
    ['another audience', { audience: 'client' as const }],
    ['a later expiry', { expiresAt: 2_000_000_100 }],
  ])('fail for %s', (_what, change) => {
    expect(verifyFileAccess(secret, { ...access, ...change }, signature, 1_900_000_000)).toBe('invalid');
  });

  it('fail when tampered or signed with another secret', () => {
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(verifyFileAccess(secret, access, flipped, 0)).toBe('invalid');
    expect(verifyFileAccess(secret, access, signature.slice(1), 0)).toBe('invalid');
    expect(verifyFileAccess(Buffer.alloc(32, 8), access, signature, 0)).toBe('invalid');
  });

  it('use a generated secret kept in DATA_DIR with mode 0600 when none is configured', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rsm-secret-'));
    const first = fileUrlSecret(loadConfig({ DATA_DIR: dataDir }));
    const again = fileUrlSecret(loadConfig({ DATA_DIR: dataDir }));
    expect(first.equals(again)).toBe(true);
    expect(first.length).toBe(32);
    expect(statSync(join(dataDir, 'file-url-secret')).mode & 0o777).toBe(0o600);
    expect(fileUrlSecret(loadConfig({ DATA_DIR: dataDir, FILE_URL_SECRET: 'x'.repeat(40) })).toString()).toBe('x'.repeat(40));
  });

  it('derive from TOTP_ENCRYPTION_KEY when no FILE_URL_SECRET is set: servers sharing the key verify each other’s links', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const one = fileUrlSecret(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'rsm-secret-')), TOTP_ENCRYPTION_KEY: key }));
    const two = fileUrlSecret(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'rsm-secret-')), TOTP_ENCRYPTION_KEY: key }));
    expect(one.equals(two)).toBe(true);
    expect(one.length).toBe(32);
    // A key of its own, not the two-factor key itself.
    expect(one.equals(Buffer.from(key, 'base64'))).toBe(false);
    const other = fileUrlSecret(
      loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'rsm-secret-')), TOTP_ENCRYPTION_KEY: Buffer.alloc(32, 8).toString('base64') }),
    );
    expect(one.equals(other)).toBe(false);
    // FILE_URL_SECRET still wins.
    expect(fileUrlSecret(loadConfig({ TOTP_ENCRYPTION_KEY: key, FILE_URL_SECRET: 'y'.repeat(40) })).toString()).toBe('y'.repeat(40));
  });
});

describe('byte ranges', () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-500', 100, { start: 0, end: 99 }],
    ['bytes=50-500', 100, { start: 50, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=-0', 100, 'unsatisfiable'],
    ['bytes=5-1', 100, null],
    ['bytes=0-1,5-6', 100, null],
    ['items=0-1', 100, null],
    [undefined, 100, null],
  ] as const)('%s of %d bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it('always answers a range inside the file, unsatisfiable, or the whole file (null)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.option(fc.nat(2e9)), fc.option(fc.nat(2e9)), (size, a, b) => {
        const range = parseRange(`bytes=${a ?? ''}-${b ?? ''}`, size);
        if (range === null || range === 'unsatisfiable') return true;
        return range.start >= 0 && range.start <= range.end && range.end <= size - 1;
      }),
    );
  });
});

describe('format sniffing', () => {
  const head = (s: string, pad = 16) => Buffer.concat([Buffer.from(s, 'latin1'), Buffer.alloc(pad)]);
  it.each([
    [wavBuffer({ seconds: 0.01, signal: sine(1000, -6) }), 'wav'],
    [head('RF64\0\0\0\0WAVE'), 'wav'],
    [head('FORM\0\0\0\0AIFF'), 'aiff'],
    [head('FORM\0\0\0\0AIFC'), 'aiff'],
    [head('fLaC\0\0\0\x22'), 'flac'],
    [head('ID3\x04\0\0'), 'mp3'],
    [Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0]), 'mp3'],
    [Buffer.from([0xff, 0xf1, 0x50, 0x80, 0, 0, 0, 0, 0, 0, 0, 0]), 'aac'],
    [head('\0\0\0\x20ftypM4A '), 'm4a'],
    [head('OggS\0\x02'), 'ogg'],
    [head('PK\x03\x04'), 'zip'],
  ])('recognises %#', (bytes, format) => {
    expect(sniffFormat(bytes)?.format).toBe(format);
  });

  it.each([[Buffer.from('This is a text file named song.wav\n')], [head('RIFF\0\0\0\0AVI ')], [head('%PDF-1.7')], [Buffer.from('RIFF')]])(
    'refuses what is not audio %#',
    (bytes) => {
      expect(sniffFormat(bytes)).toBeNull();
    },
  );
});

describe('upload metadata', () => {
  it('keeps only a display name from the file name', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\me\\mix v2.wav')).toBe('mix v2.wav');
    expect(cleanFilename('..')).toBe('upload');
    expect(cleanFilename('a\u0000b\nc.wav')).toBe('abc.wav');
  });

  it('validates the track, label and note', () => {
    const trackId = randomUUID();
    expect(parseUploadMetadata({ trackId, filename: '../x.wav' })).toEqual({ trackId, label: 'mix', note: '', filename: 'x.wav' });
    expect(() => parseUploadMetadata({ trackId: '../../x' })).toThrow(/track/);
    expect(() => parseUploadMetadata({ trackId, label: 'final' })).toThrow(/label/);
    expect(() => parseUploadMetadata({ trackId, note: 'x'.repeat(2001) })).toThrow(/note/);
  });
});
