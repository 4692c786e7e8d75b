import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { signMediaUrl, signUnlock, verifyMediaSignature, verifyUnlock, type MediaClaim } from './share-media.ts';
import { parseRange } from './share-media.route.ts';

const claim: MediaClaim = { slug: 'lumiere', linkId: '11111111-1111-4111-8111-111111111111', versionId: '22222222-2222-4222-8222-222222222222', mode: 'stream', expires: 2_000_000_000 };
const sigOf = (url: string) => new URL(url, 'http://x').searchParams.get('sig')!;

describe('signed media URLs', () => {
  it('verify with the same key and claim only, until they expire', () => {
    const sig = sigOf(signMediaUrl('key-a', claim));
    expect(verifyMediaSignature('key-a', claim, sig, claim.expires - 1)).toBe(true);
    expect(verifyMediaSignature('key-a', claim, sig, claim.expires + 1)).toBe(false);
    expect(verifyMediaSignature('key-b', claim, sig, 0)).toBe(false);
    expect(verifyMediaSignature('key-a', { ...claim, mode: 'download' }, sig, 0)).toBe(false);
    expect(verifyMediaSignature('key-a', { ...claim, versionId: claim.linkId }, sig, 0)).toBe(false);
    expect(verifyMediaSignature('key-a', { ...claim, expires: claim.expires + 60 }, sig, 0)).toBe(false);
  });

  it('unlock grants open one link with one password hash, until they expire', () => {
    const grant = signUnlock('hash-1', 'link-1', 1000);
    expect(verifyUnlock('hash-1', 'link-1', grant, 999)).toBe(true);
    expect(verifyUnlock('hash-1', 'link-1', grant, 1001)).toBe(false);
    expect(verifyUnlock('hash-2', 'link-1', grant, 0)).toBe(false);
    expect(verifyUnlock('hash-1', 'link-2', grant, 0)).toBe(false);
    expect(verifyUnlock('hash-1', 'link-1', `2000.${grant.split('.')[1]}`, 0)).toBe(false);
    expect(verifyUnlock('hash-1', 'link-1', 'garbage', 0)).toBe(false);
  });
});

describe('parseRange', () => {
  it('reads the three forms and refuses unsatisfiable ones', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    for (const bad of ['bytes=100-', 'bytes=9-1', 'bytes=-0', 'bytes=-', 'items=0-1', 'bytes=0-1,5-6']) expect(parseRange(bad, 100)).toBe('invalid');
  });

  it('always answers a range inside the file, or invalid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.option(fc.nat(2e9)), fc.option(fc.nat(2e9)), (size, a, b) => {
        const header = `bytes=${a ?? ''}-${b ?? ''}`;
        const range = parseRange(header, size);
        if (range === null) return false;
        if (range === 'invalid') return true;
        return range.start >= 0 && range.start <= range.end && range.end <= size - 1;
      }),
    );
  });
});
