/**
 * Where backups report how they went, so /metrics can show how old the newest good one is.
 *
 * The source is in memory, for the process that ran the backup: backups are built later, and until they
 * exist there is nothing to persist. Whatever runs them calls `recordBackup`; a multi-server deployment
 * whose backups run on another process replaces the source with one reading a control table (same
 * `BackupSource` interface) — `createMetrics` only depends on the interface.
 *
 * Until a backup has succeeded, the age gauge has no sample for that kind (rather than a made-up 0): an
 * alert should use `absent(rsm_backup_age_seconds)` as well as a threshold.
 */
export interface BackupRecord {
  kind: string;
  finishedAt: Date;
}

export interface BackupSource {
  /** The latest successful backup of each kind. */
  latestSuccesses(): readonly BackupRecord[];
  /** Failed backups per kind since start. */
  failures(): ReadonlyMap<string, number>;
}

class InMemoryBackups implements BackupSource {
  private readonly latest = new Map<string, Date>();
  private readonly failed = new Map<string, number>();

  record(kind: string, finishedAt: Date, ok: boolean): void {
    if (!ok) {
      this.failed.set(kind, (this.failed.get(kind) ?? 0) + 1);
      return;
    }
    const previous = this.latest.get(kind);
    if (!previous || previous < finishedAt) this.latest.set(kind, finishedAt);
  }

  latestSuccesses(): BackupRecord[] {
    return [...this.latest].map(([kind, finishedAt]) => ({ kind, finishedAt }));
  }

  failures(): ReadonlyMap<string, number> {
    return this.failed;
  }

  clear(): void {
    this.latest.clear();
    this.failed.clear();
  }
}

export const backups = new InMemoryBackups();

/** Called by whatever runs a backup (e.g. kind "tenant-daily"), once it has finished, well or not. */
export function recordBackup(kind: string, finishedAt: Date, ok: boolean): void {
  backups.record(kind, finishedAt, ok);
}
