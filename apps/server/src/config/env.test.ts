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

describe('BACKUP_S3_PREFIX (the off-site copy of the backups)', () => {
  it('defaults to backups/, empty meaning the default, and refuses an absolute or climbing prefix', async () => {
    const { backupBucketSettings } = await import('../platform/backup/offsite.ts');
    expect(loadConfig({ NODE_ENV: 'development' }).BACKUP_S3_PREFIX).toBe('backups/');
    expect(loadConfig({ NODE_ENV: 'development', BACKUP_S3_PREFIX: '' }).BACKUP_S3_PREFIX).toBe('backups/');
    expect(() => loadConfig({ NODE_ENV: 'development', BACKUP_S3_PREFIX: '/backups/' })).toThrow(/BACKUP_S3_PREFIX must be a relative key prefix/);
    expect(() => loadConfig({ NODE_ENV: 'development', BACKUP_S3_PREFIX: 'a/../b/' })).toThrow(/BACKUP_S3_PREFIX must be a relative key prefix/);
    // Without S3_BUCKET there is no off-site copy; a prefix without its slash gets one.
    expect(backupBucketSettings(loadConfig({ NODE_ENV: 'development' }))).toBeNull();
    expect(backupBucketSettings(loadConfig({ NODE_ENV: 'development', S3_BUCKET: 'b', BACKUP_S3_PREFIX: 'rsm/prod' }))).toMatchObject({
      bucket: 'b',
      prefix: 'rsm/prod/',
    });
  });
});
