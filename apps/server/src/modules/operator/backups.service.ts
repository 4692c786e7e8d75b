/**
 * The scheduled backups, for the platform operator (issue 13.1): each active studio's latest run (time, size,
 * result) and its last good backup, with a warning when the last run failed or the last good backup is older
 * than STALE_AFTER_MS (or there is none yet). Studios needing attention come first.
 *
 * With the embedded cluster archiving its WAL (ADR 0021), `cluster` says the same of its daily base backup, and
 * whether WAL archiving is failing right now (pg_stat_archiver); null for an external cluster or with backups off.
 * `offsite` says when BACKUP_DIR was last copied to the S3 store and whether the copy fails (offsite.ts).
 */
import { sql } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.ts';
import { backupDirectory } from '../../platform/backup/daily-backups.ts';
import { offsiteStatusFor } from '../../platform/backup/offsite.ts';

export const STALE_AFTER_MS = 36 * 3_600_000;
/** The off-site copy runs every minute: no good copy for this long needs a look. */
export const OFFSITE_STALE_AFTER_MS = 15 * 60_000;
export type BackupWarning = 'none' | 'failed' | 'stale' | 'never';

export interface StudioBackupStatus {
  studioId: string;
  slug: string;
  name: string;
  lastRunAt: string | null;
  lastOk: boolean | null;
  lastSizeBytes: number | null;
  lastError: string | null;
  lastEncrypted: boolean | null;
  lastGoodAt: string | null;
  warning: BackupWarning;
}

type Row = {
  id: string;
  slug: string;
  name: string;
  finished_at: Date | string | null;
  ok: boolean | null;
  size_bytes: string | number | null;
  error: string | null;
  encrypted: boolean | null;
  good_at: Date | string | null;
};

const WARNING_ORDER: Record<BackupWarning, number> = { failed: 0, never: 1, stale: 2, none: 3 };

export interface ClusterBackupStatus {
  lastRunAt: string | null;
  lastOk: boolean | null;
  lastSizeBytes: number | null;
  lastError: string | null;
  lastGoodAt: string | null;
  /** The last WAL segment archived, and the last failure to archive one (PostgreSQL retries it). */
  walLastArchivedAt: string | null;
  walLastFailedAt: string | null;
  walFailing: boolean;
  warning: BackupWarning;
}

export interface OffsiteCopyStatus {
  /** An S3 store is configured: BACKUP_DIR is copied to it. */
  configured: boolean;
  /** e.g. s3://bucket/backups/ */
  where: string | null;
  lastRunAt: string | null;
  lastOk: boolean | null;
  /** The last pass after which the bucket held every local backup file. */
  lastSuccessAt: string | null;
  lastError: string | null;
  warning: BackupWarning;
}

async function offsiteStatus(platform: Platform, now: number): Promise<OffsiteCopyStatus> {
  const { configured, where, status } = await offsiteStatusFor(platform.config);
  const lastSuccessAt = status?.lastSuccessAt ?? null;
  const warning: BackupWarning = !configured
    ? 'none'
    : status && !status.ok
      ? 'failed'
      : lastSuccessAt === null
        ? 'never'
        : now - Date.parse(lastSuccessAt) > OFFSITE_STALE_AFTER_MS
          ? 'stale'
          : 'none';
  return {
    configured,
    where,
    lastRunAt: status?.lastRunAt ?? null,
    lastOk: status ? status.ok : null,
    lastSuccessAt,
    lastError: status?.error ?? null,
    warning,
  };
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

async function clusterStatus(platform: Platform, now: number): Promise<ClusterBackupStatus | null> {
  // Only the embedded cluster (no DATABASE_URL), and only when backups are on: its WAL is archived then.
  if (platform.config.DATABASE_URL || backupDirectory(platform.config) === null) return null;
  const result = await platform.controlDb.execute<{
    finished_at: Date | string | null;
    ok: boolean | null;
    size_bytes: string | number | null;
    error: string | null;
    good_at: Date | string | null;
    archived_at: Date | string | null;
    failed_at: Date | string | null;
  }>(sql`
    SELECT last.finished_at, last.ok, last.size_bytes, last.error,
           (SELECT max(finished_at) FROM cluster_backups WHERE ok) AS good_at,
           a.last_archived_time AS archived_at, a.last_failed_time AS failed_at
      FROM pg_stat_archiver a
      LEFT JOIN LATERAL (SELECT finished_at, ok, size_bytes, error FROM cluster_backups ORDER BY finished_at DESC LIMIT 1) last ON true`);
  const r = result.rows[0];
  if (!r) return null;
  const goodAt = iso(r.good_at);
  const archivedAt = iso(r.archived_at);
  const failedAt = iso(r.failed_at);
  const walFailing = failedAt !== null && (archivedAt === null || failedAt > archivedAt);
  const warning: BackupWarning =
    r.ok === false || walFailing ? 'failed' : goodAt === null ? 'never' : now - Date.parse(goodAt) > STALE_AFTER_MS ? 'stale' : 'none';
  return {
    lastRunAt: iso(r.finished_at),
    lastOk: r.ok,
    lastSizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    lastError: r.error,
    lastGoodAt: goodAt,
    walLastArchivedAt: archivedAt,
    walLastFailedAt: failedAt,
    walFailing,
    warning,
  };
}

export async function listStudioBackups(platform: Platform): Promise<{
  enabled: boolean;
  staleAfterHours: number;
  studios: StudioBackupStatus[];
  cluster: ClusterBackupStatus | null;
  offsite: OffsiteCopyStatus;
}> {
  const result = await platform.controlDb.execute<Row>(sql`
    SELECT s.id, s.slug, s.name, last.finished_at, last.ok, last.size_bytes, last.error, last.encrypted, good.good_at
      FROM studios s
      JOIN tenant_databases td ON td.studio_id = s.id AND td.state = 'active'
      LEFT JOIN LATERAL (
        SELECT b.finished_at, b.ok, b.size_bytes, b.error, b.encrypted FROM studio_backups b
         WHERE b.studio_id = s.id ORDER BY b.finished_at DESC LIMIT 1) last ON true
      LEFT JOIN LATERAL (SELECT max(b.finished_at) AS good_at FROM studio_backups b WHERE b.studio_id = s.id AND b.ok) good ON true
     ORDER BY s.slug
     LIMIT 1000`);
  const now = platform.clock.now().getTime();
  const studios = result.rows.map((r): StudioBackupStatus => {
    const goodAt = iso(r.good_at);
    const warning: BackupWarning = r.ok === false ? 'failed' : goodAt === null ? 'never' : now - Date.parse(goodAt) > STALE_AFTER_MS ? 'stale' : 'none';
    return {
      studioId: r.id,
      slug: r.slug,
      name: r.name,
      lastRunAt: iso(r.finished_at),
      lastOk: r.ok,
      lastSizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
      lastError: r.error,
      lastEncrypted: r.encrypted,
      lastGoodAt: goodAt,
      warning,
    };
  });
  studios.sort((a, b) => WARNING_ORDER[a.warning] - WARNING_ORDER[b.warning] || a.slug.localeCompare(b.slug));
  return {
    enabled: backupDirectory(platform.config) !== null,
    staleAfterHours: STALE_AFTER_MS / 3_600_000,
    studios,
    cluster: await clusterStatus(platform, now),
    offsite: await offsiteStatus(platform, now),
  };
}
