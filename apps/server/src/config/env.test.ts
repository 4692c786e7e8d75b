import { describe, expect, it } from 'vitest';
import { loadConfig } from './env.ts';

describe('TOTP_ENCRYPTION_KEY', () => {
  const key = Buffer.alloc(32, 1).toString('base64');

  it('is required in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', APP_URL: 'https://app.example.com' })).toThrow(/TOTP_ENCRYPTION_KEY: required in production/);
    expect(loadConfig({ NODE_ENV: 'production', APP_URL: 'https://app.example.com', TOTP_ENCRYPTION_KEY: key }).TOTP_ENCRYPTION_KEY).toBe(key);
  });

  it('is optional elsewhere (a development key is generated) but must be 32 bytes when set', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).TOTP_ENCRYPTION_KEY).toBeUndefined();
    expect(() => loadConfig({ NODE_ENV: 'development', TOTP_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/32 bytes in base64/);
  });
});
