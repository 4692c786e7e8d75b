import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totp, totpStep } from './totp.ts';

/** RFC 6238 appendix B, SHA-1 rows: the seed is the ASCII "12345678901234567890". */
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('at %i s gives %s (8 digits) and its last 6 digits with 6', (seconds, expected) => {
    expect(totp(RFC_SECRET, seconds * 1000, 8)).toBe(expected);
    expect(totp(RFC_SECRET, seconds * 1000)).toBe(expected.slice(2));
  });

  it('matches RFC 4226 appendix D HOTP values', () => {
    expect([0, 1, 2, 9].map((c) => hotp(RFC_SECRET, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  const now = 1_700_000_015_000;
  const codeAt = (steps: number) => totp(RFC_SECRET, now + steps * 30_000);

  it('accepts the previous and next 30-s step for clock drift', () => {
    expect(matchTotp(RFC_SECRET, codeAt(0), now, null)).toBe(totpStep(now));
    expect(matchTotp(RFC_SECRET, codeAt(-1), now, null)).toBe(totpStep(now) - 1);
    expect(matchTotp(RFC_SECRET, codeAt(1), now, null)).toBe(totpStep(now) + 1);
  });

  it('refuses codes two steps away', () => {
    expect(matchTotp(RFC_SECRET, codeAt(-2), now, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, codeAt(2), now, null)).toBeNull();
  });

  it('refuses a code of a step already used (replay), and of earlier steps', () => {
    const step = totpStep(now);
    expect(matchTotp(RFC_SECRET, codeAt(0), now, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, codeAt(-1), now, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, codeAt(1), now, step)).toBe(step + 1);
  });

  it('refuses anything that is not six digits', () => {
    for (const bad of ['', '12345', '1234567', 'abcdef', ` ${codeAt(0)}`]) expect(matchTotp(RFC_SECRET, bad, now, null)).toBeNull();
  });
});

describe('base32 and the otpauth URI', () => {
  it('round-trips and matches RFC 4648 examples', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw6ytboi').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(RFC_SECRET))).toEqual(RFC_SECRET);
  });

  it('names the issuer, account and parameters authenticator apps expect', () => {
    const text = otpauthUri(RFC_SECRET, 'ana@example.com', 'Recording Studio Manager');
    expect(text.startsWith('otpauth://totp/Recording%20Studio%20Manager:ana%40example.com?')).toBe(true);
    const uri = new URL(text);
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: base32Encode(RFC_SECRET),
      issuer: 'Recording Studio Manager',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
