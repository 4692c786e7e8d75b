/**
 * Signed, expiring file URLs: an HMAC-SHA256 over (studio, version, kind, audience, expiry) with a server
 * secret. The secret is FILE_URL_SECRET; else one derived (HKDF) from TOTP_ENCRYPTION_KEY, which production
 * requires and every server of a platform shares, so a link signed by one server is valid on the others behind
 * the same load balancer; else (development) one generated on first use and kept in DATA_DIR/file-url-secret
 * (mode 0600) so links stay valid across restarts. Verification is constant-time.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config/env.ts';

const secrets = new WeakMap<Config, Buffer>();

export function fileUrlSecret(config: Config): Buffer {
  const cached = secrets.get(config);
  if (cached) return cached;
  let secret: Buffer;
  if (config.FILE_URL_SECRET) {
    secret = Buffer.from(config.FILE_URL_SECRET, 'utf8');
  } else if (config.TOTP_ENCRYPTION_KEY) {
    secret = Buffer.from(hkdfSync('sha256', Buffer.from(config.TOTP_ENCRYPTION_KEY, 'base64'), Buffer.alloc(0), 'rsm file urls v1', 32));
  } else {
    const path = join(config.DATA_DIR, 'file-url-secret');
    try {
      secret = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(config.DATA_DIR, { recursive: true });
      const fresh = randomBytes(32).toString('hex');
      try {
        // 'wx': if another process created it meanwhile, read theirs rather than overwrite it.
        writeFileSync(path, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
        secret = Buffer.from(fresh, 'hex');
      } catch (raced) {
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
        secret = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
      }
    }
    if (secret.length < 32) throw new Error(`${path} does not hold a valid secret; delete it to generate a new one`);
  }
  secrets.set(config, secret);
  return secret;
}

export interface FileAccess {
  studioId: string;
  versionId: string;
  kind: string;
  /** 'staff' links skip the payment gate on downloads; 'client' links (sharing, portal) go through it. */
  audience: 'staff' | 'client';
  /** Unix seconds. */
  expiresAt: number;
}

function mac(secret: Buffer, access: FileAccess): Buffer {
  return createHmac('sha256', secret)
    .update(['rsm-file-v1', access.studioId, access.versionId, access.kind, access.audience, String(access.expiresAt)].join('\n'))
    .digest();
}

export function signFileAccess(secret: Buffer, access: FileAccess): string {
  return mac(secret, access).toString('base64url');
}

export type SignatureCheck = 'valid' | 'expired' | 'invalid';

export function verifyFileAccess(secret: Buffer, access: FileAccess, signature: string, nowSeconds: number): SignatureCheck {
  if (!/^[A-Za-z0-9_-]{43}$/.test(signature)) return 'invalid';
  const expected = mac(secret, access);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return access.expiresAt < nowSeconds ? 'expired' : 'valid';
}
