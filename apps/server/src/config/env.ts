/**
 * Every setting the server reads, validated once at start-up. `.env.example`
 * documents each one; nothing else reads process.env.
 */
import { z } from 'zod';
import { parsePauseSpec } from '../platform/testing/pause-points.ts';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.ts';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === 'true' || v === '1'));

const csv = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  APP_URL: z.string().url().optional(),
  BASE_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'BASE_DOMAIN must be a host name such as studios.example.com')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  TENANT_CLUSTERS: csv,
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  PG_MAX_CONNECTIONS_PER_CLUSTER: z.coerce.number().int().min(2).max(1000).default(40),
  PG_MAX_CONNECTIONS_PER_TENANT: z.coerce.number().int().min(1).max(50).default(4),
  PG_CONTROL_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  PG_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  PG_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(10).default(2_000),
  PG_MAX_CONCURRENT_OPENS: z.coerce.number().int().min(1).max(100).default(3),
  PG_COLD_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(10).default(500),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Recording Studio Manager <no-reply@localhost>'),
  OPERATOR_EMAILS: csv,
  OPERATOR_INITIAL_PASSWORD: z.string().min(12, 'OPERATOR_INITIAL_PASSWORD must have at least 12 characters').optional(),
  COOKIE_SECURE: bool,
  COOKIE_DOMAIN: z.string().optional(),
  /** Proxy addresses / CIDRs or a hop count: see trust-proxy.ts. */
  TRUST_PROXY: z.string().optional(),
  CORS_EXTRA_ORIGINS: csv,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must have at least 16 characters').optional(),
  /** Error reports go to Sentry only when set (see platform/observability/error-tracking.ts). */
  SENTRY_DSN: z.string().url('SENTRY_DSN must be the DSN URL Sentry gives the project').optional(),
  /** The environment reports are filed under (default: NODE_ENV). */
  SENTRY_ENVIRONMENT: z.string().max(64).optional(),
  /** The release reports are filed under, e.g. a version or commit (default: none). */
  SENTRY_RELEASE: z.string().max(200).optional(),
  DEMO_SEED: bool,
  TENANTS_MIGRATE_ON_START: bool,
  WEB_DIST_DIR: z.string().optional(),
  /** Studio files (audio versions, previews, peaks): local disk under DATA_DIR/files unless FILES_DIR or S3_BUCKET is set. */
  FILES_DIR: z.string().optional(),
  FILE_URL_SECRET: z.string().min(32, 'FILE_URL_SECRET must have at least 32 characters').optional(),
  /** 32 random bytes, base64: encrypts two-factor secrets at rest and keys backup-code hashes and remembered devices (ADR 0019). */
  TOTP_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'TOTP_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  /** Encrypts studio backups at rest (AES-256-GCM) when set; restoring an encrypted backup needs the same key. */
  BACKUP_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'BACKUP_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  /** Where the daily job writes each studio's backup (one file per studio per day); `off` turns the job off. Default DATA_DIR/backups. */
  BACKUP_DIR: z.string().optional(),
  /** With S3_BUCKET set, BACKUP_DIR's backups (cluster WAL and base backups, studio files) are mirrored under this key prefix (ADR 0021). */
  BACKUP_S3_PREFIX: z
    .string()
    .max(200)
    .refine((v) => !v.startsWith('/') && !v.split('/').includes('..'), 'BACKUP_S3_PREFIX must be a relative key prefix such as backups/')
    .default('backups/'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(4 * 1024 ** 3)
    .default(4 * 1024 ** 3),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool,
  /** An ffmpeg ≥ 6.1 binary (absolute path) instead of the bundled linux-x64 one. */
  FFMPEG_PATH: z
    .string()
    .refine((v) => v.startsWith('/'), 'FFMPEG_PATH must be an absolute path')
    .optional(),
  /** Each ffmpeg run (peaks, or loudness + preview) is killed after this many seconds of wall clock, and of CPU. */
  FFMPEG_TIME_LIMIT_SECONDS: z.coerce.number().int().min(5).max(3600).default(600),
  /** Address space allowed to each ffmpeg run (MiB). */
  FFMPEG_MEMORY_LIMIT_MB: z.coerce.number().int().min(256).max(65536).default(1536),
  /** How often the outbox worker asks the control database which studios have work due (ADR 15). */
  WORK_POLL_MS: z.coerce.number().int().min(50).default(2_000),
  /** How often the backstop sweep visits every studio to run overdue work even if the summary missed it. */
  WORK_SWEEP_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  /** How long a sign-up owns its studio's provisioning before the recovery sweeper may finish or undo it. */
  PROVISIONING_LEASE_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** Online payment through each studio's own Stripe account (Connect, direct charges; ADR 0017). Empty = not set up. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, 'STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_… or rk_…)')
    .optional(),
  /** Signing secret of the webhook endpoint for the platform's own events (whsec_…). */
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'STRIPE_WEBHOOK_SECRET must start with whsec_').optional(),
  /** Signing secret of the Connect webhook endpoint (events of the studios' accounts), when it differs from the one above. */
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'STRIPE_CONNECT_WEBHOOK_SECRET must start with whsec_').optional(),
  /** The platform's fee on each online payment, in basis points of the amount (100 = 1 %). */
  STRIPE_PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(5000).default(0),
  /** Tests only (refused in production): the base URL of a stand-in Stripe API, e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: z.string().url().optional(),
  /** Crash tests only (NODE_ENV=test): stop for good at this named point, see platform/testing/pause-points.ts. */
  TEST_PAUSE_AT: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Omit<Env, 'APP_URL' | 'COOKIE_SECURE' | 'DEMO_SEED' | 'TRUST_PROXY' | 'TENANTS_MIGRATE_ON_START'> {
  TENANTS_MIGRATE_ON_START: boolean;
  APP_URL: string;
  COOKIE_SECURE: boolean;
  DEMO_SEED: boolean;
  TRUST_PROXY: TrustProxy;
  isProduction: boolean;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (VAR= in a .env file, or cleared by a test runner) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}\nSee .env.example for every variable.`);
  }
  const env = parsed.data;
  if (env.TEST_PAUSE_AT !== undefined) {
    if (env.NODE_ENV !== 'test') throw new Error('Invalid configuration:\n  TEST_PAUSE_AT: only for crash tests (NODE_ENV=test)');
    parsePauseSpec(env.TEST_PAUSE_AT);
  }
  if (env.STRIPE_API_BASE !== undefined && env.NODE_ENV === 'production') {
    throw new Error('Invalid configuration:\n  STRIPE_API_BASE: only for tests; production talks to Stripe itself');
  }
  if (env.NODE_ENV === 'production' && !env.TOTP_ENCRYPTION_KEY) {
    // A generated key on one server's disk would lose every enrolment with that disk, and differ between servers.
    throw new Error('Invalid configuration:\n  TOTP_ENCRYPTION_KEY: required in production (openssl rand -base64 32)\nSee .env.example for every variable.');
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, env.HOST);
  if (trustProxy !== false && 'error' in trustProxy) throw new Error(`Invalid configuration:\n  ${trustProxy.error}\nSee .env.example for every variable.`);
  const appUrl = env.APP_URL ?? `http://localhost:${env.PORT}`;
  return {
    ...env,
    APP_URL: appUrl.replace(/\/$/, ''),
    COOKIE_SECURE: env.COOKIE_SECURE ?? appUrl.startsWith('https://'),
    // Only development seeds the demo by default; production does only when asked (with a random password, demo/demo-access.ts).
    DEMO_SEED: env.DEMO_SEED ?? env.NODE_ENV === 'development',
    TENANTS_MIGRATE_ON_START: env.TENANTS_MIGRATE_ON_START ?? true,
    TRUST_PROXY: trustProxy,
    isProduction: env.NODE_ENV === 'production',
  };
}
