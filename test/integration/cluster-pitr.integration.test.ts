/**
 * Issue #13.1, whole cluster to a point in time (ADR 0021), with real processes: an embedded cluster archives its
 * WAL into BACKUP_DIR/cluster/wal, the daily job's base backup is taken through pg_backup_start / pg_backup_stop
 * (recorded in the control database, shown on the operator page), rows are written before and after a time T, and
 * `npm run backup:restore-cluster -- --to T` brings back exactly what was committed by T — into a fresh data
 * directory, the previous one kept aside, and refused while the server runs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '@rsm/db';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../apps/server/src/platform/postgres/embedded.ts';
import { clusterBackupPaths, listBaseBackups } from '../../apps/server/src/platform/backup/cluster-backup.ts';
import { CLUSTER_BACKUP_KIND, runClusterBackup } from '../../apps/server/src/platform/backup/daily-backups.ts';
import { backups } from '../../apps/server/src/platform/observability/backups.ts';
import { listStudioBackups } from '../../apps/server/src/modules/operator/backups.service.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { freePort } from '../support/free-port.ts';
import { query, restoreCli, sleep, switchAndWaitArchived, tempDirs } from '../support/cluster-pitr.ts';

const dirs = tempDirs();
const tempDir = dirs.make;
let server: TestServer;
let cluster: EmbeddedServer | null = null;

beforeAll(async () => {
  server = await createTestServer();
  await server.outbox.stop();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  await server?.close();
  dirs.removeAll();
});

describe('cluster point-in-time restore', () => {
  it('archives WAL, takes the daily base backup, and restores to a time: batches A and B back, C (after T) not', async () => {
    const dataDir = tempDir('rsm-pitr-data-');
    const backupDir = tempDir('rsm-pitr-backups-');
    const paths = clusterBackupPaths(backupDir);
    cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: () => {}, walArchiveDir: paths.wal });
    const url = cluster.url;
    expect((await query<{ archive_mode: string }>(url, 'SHOW archive_mode'))[0]!.archive_mode).toBe('on');
    expect((await query<{ archive_timeout: string }>(url, 'SHOW archive_timeout'))[0]!.archive_timeout).toBe('5min');
    const id = (await query<{ id: string }>(url, 'SELECT system_identifier::text AS id FROM pg_control_system()'))[0]!.id;
    expect(readFileSync(join(paths.root, 'system-identifier'), 'utf8').trim()).toBe(id);

    await query(url, `CREATE TABLE takes (batch text NOT NULL, n int NOT NULL); INSERT INTO takes SELECT 'A', g FROM generate_series(1, 100) g`);

    // The daily job's base backup, recorded like the studio backups.
    const result = await runClusterBackup(
      server.platform,
      { url, pgDir: cluster.pgDir, credentialsFile: join(dataDir, 'pg-credentials.json') },
      { dir: backupDir },
    );
    expect(result).toMatchObject({ ok: true, skipped: false });
    const [base] = await listBaseBackups(paths.base);
    expect(base!.dir).toBe(result!.dir);
    expect(readdirSync(base!.dir).sort()).toEqual(['backup.json', 'backup_label', 'base.tar.gz', 'pg-credentials.json']);
    expect(base!.manifest.startWal).toMatch(/^[0-9A-F]{24}$/);
    const [row] = await server.platform.controlDb.select().from(control.clusterBackups).where(eq(control.clusterBackups.dir, base!.dir));
    expect(row).toMatchObject({ ok: true, sizeBytes: base!.manifest.sizeBytes, startWal: base!.manifest.startWal });
    expect(backups.latestSuccesses().some((r) => r.kind === CLUSTER_BACKUP_KIND)).toBe(true);
    // The operator page shows it for the embedded cluster, and nothing of the kind for an external one.
    const embeddedView = { ...server.platform, config: { ...server.platform.config, DATABASE_URL: undefined, BACKUP_DIR: backupDir } };
    expect((await listStudioBackups(embeddedView)).cluster).toMatchObject({
      lastOk: true,
      lastSizeBytes: base!.manifest.sizeBytes,
      warning: 'none',
      walFailing: false,
    });
    expect((await listStudioBackups(server.platform)).cluster).toBeNull();
    // The same day again: skipped.
    expect(
      await runClusterBackup(server.platform, { url, pgDir: cluster.pgDir, credentialsFile: join(dataDir, 'pg-credentials.json') }, { dir: backupDir }),
    ).toMatchObject({ skipped: true });

    await query(url, `INSERT INTO takes SELECT 'B', g FROM generate_series(1, 100) g`);
    await switchAndWaitArchived(url);
    await sleep(1_100);
    const target = new Date();
    await sleep(1_100);
    await query(url, `INSERT INTO takes SELECT 'C', g FROM generate_series(1, 100) g`);
    await switchAndWaitArchived(url);

    const env = { DATA_DIR: dataDir, BACKUP_DIR: backupDir, EMBEDDED_PG_PORT: String(await freePort()) };
    const to = target.toISOString().replace('T', ' ').replace('Z', ''); // "2026-12-07 11:30:00.123", UTC
    // While the server runs, its data directory is refused.
    const refused = await restoreCli(['--to', to], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/already using the data directory/);
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

    await cluster.stop();
    cluster = null;
    const dry = await restoreCli(['--to', to, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.output).toContain(`target time   ${target.toISOString().replace('T', ' ').slice(0, 19)}`);
    expect(dry.output).toContain(base!.dir);
    expect(readdirSync(dataDir).filter((n) => n.includes('before-restore'))).toEqual([]);

    // Before the first base backup: nothing to start from, nothing changes.
    const tooEarly = await restoreCli(['--to', '2020-01-01 00:00'], env);
    expect(tooEarly.code).toBe(1);
    expect(tooEarly.output).toMatch(/No base backup was complete by 2020-01-01T00:00:00.000Z/);
    // Past the end of the WAL: PostgreSQL stops the replay; the previous data directory is put back, the attempt kept.
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const beyond = await restoreCli(['--to', future], env);
    expect(beyond.code).toBe(1);
    expect(beyond.output).toMatch(/recovery ended before configured recovery target was reached/);
    expect(beyond.output).toMatch(/The archived WAL ends before the target time/);
    expect(beyond.output).toMatch(/is back as it was/);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('pg.failed-restore-'))).toHaveLength(1);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('pg.before-restore-'))).toEqual([]);
    expect(existsSync(join(dataDir, 'pg', 'recovery.signal'))).toBe(false);

    const restored = await restoreCli(['--to', to], env);
    expect(restored.output).toMatch(/Restored: WAL replayed up to/);
    expect(restored.code).toBe(0);
    expect(restored.output).toMatch(/the cluster now runs on timeline 2\./);
    const aside = readdirSync(dataDir).filter((n) => n.startsWith('pg.before-restore-'));
    expect(aside).toHaveLength(1);
    expect(existsSync(join(dataDir, aside[0]!, 'PG_VERSION'))).toBe(true); // the previous data is kept

    cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: () => {}, walArchiveDir: paths.wal });
    const counts = await query<{ batch: string; n: string }>(cluster.url, `SELECT batch, count(*)::text AS n FROM takes GROUP BY batch ORDER BY batch`);
    expect(counts).toEqual([
      { batch: 'A', n: '100' },
      { batch: 'B', n: '100' },
    ]);
    // Promoted: writable, on a new timeline, the recovery settings gone.
    await query(cluster.url, `INSERT INTO takes VALUES ('D', 1)`);
    const [settings] = await query<{ target: string; tli: number }>(
      cluster.url,
      `SELECT current_setting('recovery_target_time') AS target, (SELECT timeline_id FROM pg_control_checkpoint()) AS tli`,
    );
    expect(settings).toEqual({ target: '', tli: 2 });
    await cluster.stop();
    cluster = null;
  }, 90_000);
});
