/**
 * Issue #13.1, the off-site copy (ADR 0021) with real processes: an embedded cluster archives its WAL, a base backup
 * is taken, rows are written before and after a time T, the off-site copy mirrors BACKUP_DIR into an S3 stand-in
 * (test only), then the machine's disk is lost (the data directory and BACKUP_DIR/cluster deleted) and
 * `npm run backup:restore-cluster -- --to T` downloads the base backup and WAL from the bucket by itself and brings
 * back exactly what was committed by T.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../apps/server/src/platform/postgres/embedded.ts';
import { clusterBackupPaths, takeBaseBackup } from '../../apps/server/src/platform/backup/cluster-backup.ts';
import { filesToPrune } from '../../apps/server/src/platform/backup/daily-backups.ts';
import { copyOffsite, S3BackupBucket } from '../../apps/server/src/platform/backup/offsite.ts';
import { freePort } from '../support/free-port.ts';
import { query, restoreCli, sleep, switchAndWaitArchived, tempDirs } from '../support/cluster-pitr.ts';
import { startS3StandIn, type S3StandIn } from '../support/s3-stand-in.ts';

const dirs = tempDirs();
const tempDir = dirs.make;
let cluster: EmbeddedServer | null = null;
let s3: S3StandIn | null = null;
afterAll(async () => {
  await cluster?.stop();
  await s3?.close();
  dirs.removeAll();
});

describe('cluster point-in-time restore from the off-site copy', () => {
  it('restores to a time from the bucket alone once the local disk is lost', async () => {
    s3 = await startS3StandIn();
    const dataDir = tempDir('rsm-pitr-s3-data-');
    const backupDir = tempDir('rsm-pitr-s3-backups-');
    const paths = clusterBackupPaths(backupDir);
    cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: () => {}, walArchiveDir: paths.wal });
    const url = cluster.url;
    await query(url, `CREATE TABLE takes (batch text NOT NULL, n int NOT NULL); INSERT INTO takes SELECT 'A', g FROM generate_series(1, 100) g`);
    await takeBaseBackup({ url, pgDir: cluster.pgDir, baseDir: paths.base, credentialsFile: join(dataDir, 'pg-credentials.json') });
    await query(url, `INSERT INTO takes SELECT 'B', g FROM generate_series(1, 100) g`);
    await switchAndWaitArchived(url);
    await sleep(1_100);
    const target = new Date();
    await sleep(1_100);
    await query(url, `INSERT INTO takes SELECT 'C', g FROM generate_series(1, 100) g`);
    await switchAndWaitArchived(url);
    await cluster.stop();
    cluster = null;

    const settings = {
      bucket: 'rsm-backups',
      region: 'us-east-1',
      endpoint: s3.endpoint,
      accessKeyId: 'test',
      secretAccessKey: 'test-secret',
      forcePathStyle: true,
    };
    const status = await copyOffsite({ backupDir, bucket: new S3BackupBucket({ ...settings, prefix: 'backups/' }), studioFilesToPrune: filesToPrune });
    expect(status).toMatchObject({ ok: true, failed: 0 });
    expect(status.uploaded).toBeGreaterThanOrEqual(5);

    // The disk is lost: the data directory and the local archive.
    rmSync(join(dataDir, 'pg'), { recursive: true });
    rmSync(join(dataDir, 'pg-credentials.json'));
    rmSync(paths.root, { recursive: true });

    const env = {
      DATA_DIR: dataDir,
      BACKUP_DIR: backupDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      S3_BUCKET: settings.bucket,
      S3_ENDPOINT: settings.endpoint,
      S3_ACCESS_KEY_ID: settings.accessKeyId,
      S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    };
    const to = target.toISOString().replace('T', ' ').replace('Z', '');
    const restored = await restoreCli(['--to', to], env);
    expect(restored.output).toMatch(/using the off-site copy in s3:\/\/rsm-backups\/backups\//);
    expect(restored.output).toMatch(/Restored: WAL replayed up to/);
    expect(restored.code).toBe(0);
    expect(readdirSync(backupDir).filter((n) => n.startsWith('s3-restore-'))).toEqual([]);
    // The new timeline's history went into the local archive, which archiving uses again.
    expect(readdirSync(paths.wal).some((n) => n.endsWith('.history'))).toBe(true);
    expect(existsSync(join(dataDir, 'pg-credentials.json'))).toBe(true);

    cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), log: () => {}, walArchiveDir: paths.wal });
    const counts = await query<{ batch: string; n: string }>(cluster.url, `SELECT batch, count(*)::text AS n FROM takes GROUP BY batch ORDER BY batch`);
    expect(counts).toEqual([
      { batch: 'A', n: '100' },
      { batch: 'B', n: '100' },
    ]);
    await cluster.stop();
    cluster = null;
  }, 120_000);
});
