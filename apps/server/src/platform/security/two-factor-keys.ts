/**
 * The keys of two-factor sign-in, all from one 32-byte secret (TOTP_ENCRYPTION_KEY, base64):
 *   - the secret itself encrypts TOTP secrets at rest (AES-256-GCM);
 *   - HKDF derives separate keys to hash backup codes (a keyed hash: a stolen table cannot be brute-forced
 *     offline without the key) and to sign "remember this device" cookies.
 * Production must set it (env.ts refuses to start without). Elsewhere one is generated on first use and
 * kept in DATA_DIR/totp-encryption-key (0600), so enrolments survive a restart; a log line says so.
 * Losing the key disables every enrolment: it is never logged.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config/env.ts';
import type { Logger } from '../observability/logger.ts';

export interface TwoFactorKeys {
  encrypt(plain: Buffer): string;
  decrypt(sealed: string): Buffer;
  hashBackupCode(code: string): string;
  sign(payload: string): string;
}

const cache = new WeakMap<Config, TwoFactorKeys>();

export function twoFactorKeys(config: Config, logger: Pick<Logger, 'warn'>): TwoFactorKeys {
  let keys = cache.get(config);
  if (!keys) {
    keys = keysFrom(config.TOTP_ENCRYPTION_KEY ? Buffer.from(config.TOTP_ENCRYPTION_KEY, 'base64') : developmentKey(config, logger));
    cache.set(config, keys);
  }
  return keys;
}

function developmentKey(config: Config, logger: Pick<Logger, 'warn'>): Buffer {
  const path = join(config.DATA_DIR, 'totp-encryption-key');
  let key: Buffer;
  try {
    key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(config.DATA_DIR, { recursive: true });
    const fresh = randomBytes(32).toString('base64');
    try {
      writeFileSync(path, `${fresh}\n`, { mode: 0o600, flag: 'wx' }); // 'wx': a concurrent process's key wins
      key = Buffer.from(fresh, 'base64');
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    }
  }
  if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key; delete it to generate a new one`);
  logger.warn({ path }, 'TOTP_ENCRYPTION_KEY is not set: two-factor secrets are encrypted with a development key kept in this file');
  return key;
}

export function keysFrom(master: Buffer): TwoFactorKeys {
  if (master.length !== 32) throw new Error('TOTP_ENCRYPTION_KEY must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const backupKey = derive('rsm backup codes v1');
  const deviceKey = derive('rsm remembered devices v1');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', master, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown sealed secret format');
      const decipher = createDecipheriv('aes-256-gcm', master, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    },
    hashBackupCode: (code) => createHmac('sha256', backupKey).update(code).digest('hex'),
    sign: (payload) => createHmac('sha256', deviceKey).update(payload).digest('base64url'),
  };
}
