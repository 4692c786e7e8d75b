import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keysFrom } from './two-factor-keys.ts';

describe('two-factor keys', () => {
  const keys = keysFrom(randomBytes(32));

  it('encrypts secrets so that the stored text holds no trace of them, and decrypts them', () => {
    const secret = randomBytes(20);
    const sealed = keys.encrypt(secret);
    expect(sealed).not.toContain(secret.toString('base64url'));
    expect(sealed).not.toBe(keys.encrypt(secret)); // fresh IV each time
    expect(keys.decrypt(sealed)).toEqual(secret);
  });

  it('refuses a tampered secret and one sealed with another key', () => {
    const sealed = keys.encrypt(randomBytes(20));
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => keys.decrypt([parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => keysFrom(randomBytes(32)).decrypt(sealed)).toThrow();
  });

  it('hashes backup codes and signs with keys of their own', () => {
    const other = keysFrom(randomBytes(32));
    expect(keys.hashBackupCode('abcde-fghjk')).toBe(keys.hashBackupCode('abcde-fghjk'));
    expect(keys.hashBackupCode('abcde-fghjk')).not.toBe(other.hashBackupCode('abcde-fghjk'));
    expect(keys.sign('x')).not.toBe(keys.hashBackupCode('x'));
  });

  it('wants exactly 32 bytes', () => {
    expect(() => keysFrom(randomBytes(16))).toThrow(/32 bytes/);
  });
});
