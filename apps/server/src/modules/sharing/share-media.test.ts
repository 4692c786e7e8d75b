import { describe, expect, it } from 'vitest';
import { signMediaUrl, signUnlock, verifyMediaSignature, verifyUnlock, type MediaClaim } from './share-media.ts';

const claim: MediaClaim = {
  slug: 'lumiere',
  linkId: '11111111-1111-4111-8111-111111111111',
  versionId: '22222222-2222-4222-8222-222222222222',
  mode: 'stream',
  expires: 2_000_000_000,
};
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
