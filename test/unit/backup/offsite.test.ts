/**
 * The off-site copy of BACKUP_DIR against an S3 stand-in (ADR 0021): WAL, complete base backups and studio backups
 * go up once (never a `.partial`), what retention deletes locally goes remotely (and nothing else), a failing store
 * is reported and the copy retried; with the local archive gone, a restore's base backup and WAL come back down.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clusterBackupPaths, pruneClusterBackups, type BaseBackupManifest } from '../../../apps/server/src/platform/backup/cluster-backup.ts';
import { planClusterRestore } from '../../../apps/server/src/platform/backup/cluster-restore.ts';
import { filesToPrune, runOffsiteCopy } from '../../../apps/server/src/platform/backup/daily-backups.ts';
import { copyOffsite, OFFSITE_KIND, readOffsiteStatus, S3BackupBucket } from '../../../apps/server/src/platform/backup/offsite.ts';
import { downloadS3Plan, planS3Download } from '../../../apps/server/src/platform/backup/offsite-restore.ts';
import { backups } from '../../../apps/server/src/platform/observability/backups.ts';
import type { Platform } from '../../../apps/server/src/platform/platform.ts';
import { startS3StandIn, type S3StandIn } from '../../support/s3-stand-in.ts';

let s3: S3StandIn;
let bucket: S3BackupBucket;
let dir: string;
const SYSTEM_ID = '7390000000000000001';
const CK = `cluster-${SYSTEM_ID}`;
const PREFIX = '/rsm-backups/backups/';
const studio = randomUUID();

const seg = (n: number) => `00000001${'0'.repeat(8)}${n.toString(16).toUpperCase().padStart(8, '0')}`;

function writeWal(n: number): void {
  writeFileSync(join(clusterBackupPaths(dir).wal, seg(n)), randomBytes(64 + n));
}

/** A complete base backup of day `day` (2026-11-DD) starting at WAL segment `startSeg`. */
function writeBase(stamp: string, startSeg: number, options: { partial?: boolean } = {}): void {
  const folder = join(clusterBackupPaths(dir).base, options.partial ? `${stamp}.partial` : stamp);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'base.tar.gz'), randomBytes(300));
  if (options.partial) return;
  writeFileSync(join(folder, 'backup_label'), `START WAL LOCATION: 0/0 (file ${seg(startSeg)})\n`);
  const at = new Date(stamp.replace(/T(\d{2})-(\d{2})-(\d{2})Z/, 'T$1:$2:$3Z'));
  const manifest: BaseBackupManifest = {
    format: 1,
    label: `rsm base backup ${stamp}`,
    startedAt: at.toISOString(),
    stoppedAt: new Date(at.getTime() + 60_000).toISOString(),
    startLsn: '0/0',
    startWal: seg(startSeg),
    stopLsn: '0/0',
    stopWal: seg(startSeg),
    timeline: 1,
    sizeBytes: 300,
    serverVersion: '17.5',
    hasTablespaceMap: false,
  };
  writeFileSync(join(folder, 'backup.json'), JSON.stringify(manifest));
}

const remoteKeys = () =>
  [...s3.objects.keys()]
    .filter((k) => k.startsWith(PREFIX))
    .map((k) => k.slice(PREFIX.length))
    .sort();
const puts = () => s3.seen.filter((r) => r.startsWith('PUT ')).length;
const copy = () => copyOffsite({ backupDir: dir, bucket, studioFilesToPrune: filesToPrune });

beforeAll(async () => {
  s3 = await startS3StandIn();
  bucket = new S3BackupBucket({
    bucket: 'rsm-backups',
    region: 'us-east-1',
    endpoint: s3.endpoint,
    accessKeyId: 'test',
    secretAccessKey: 'test-secret',
    forcePathStyle: true,
    prefix: 'backups/',
  });
});
afterAll(() => s3.close());

beforeEach(() => {
  s3.objects.clear();
  s3.seen.length = 0;
  s3.failWhen = null;
  dir = mkdtempSync(join(tmpdir(), 'rsm-offsite-'));
  const paths = clusterBackupPaths(dir);
  mkdirSync(paths.wal, { recursive: true });
  mkdirSync(paths.base, { recursive: true });
  writeFileSync(join(paths.root, 'system-identifier'), `${SYSTEM_ID}\n`);
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('the off-site copy of BACKUP_DIR', () => {
  it('mirrors WAL, complete base backups and studio backups once, never a partial one, with their exact bytes', async () => {
    for (const n of [1, 2, 3]) writeWal(n);
    writeFileSync(join(clusterBackupPaths(dir).wal, `.${seg(4)}.tmp.123`), 'being written by archive-wal.sh');
    writeBase('2026-11-20T03-00-00Z', 2);
    writeBase('2026-11-21T03-00-00Z', 3, { partial: true });
    mkdirSync(join(dir, studio));
    writeFileSync(join(dir, studio, '2026-11-20.rsmbk'), randomBytes(100));
    writeFileSync(join(dir, studio, '2026-11-21.rsmbk.partial'), randomBytes(10));

    const first = await copy();
    expect(first).toMatchObject({ ok: true, error: null, uploaded: 7, deleted: 0, failed: 0 });
    expect(remoteKeys()).toEqual(
      [
        `${CK}/base/2026-11-20T03-00-00Z/backup.json`,
        `${CK}/base/2026-11-20T03-00-00Z/backup_label`,
        `${CK}/base/2026-11-20T03-00-00Z/base.tar.gz`,
        `${CK}/wal/${seg(1)}`,
        `${CK}/wal/${seg(2)}`,
        `${CK}/wal/${seg(3)}`,
        `studios/${studio}/2026-11-20.rsmbk`,
      ].sort(),
    );
    expect(s3.objects.get(`${PREFIX}${CK}/wal/${seg(2)}`)).toEqual(readFileSync(join(clusterBackupPaths(dir).wal, seg(2))));
    expect(s3.objects.get(`${PREFIX}studios/${studio}/2026-11-20.rsmbk`)).toEqual(readFileSync(join(dir, studio, '2026-11-20.rsmbk')));
    // backup.json, which marks a remote base backup complete, goes up after the rest of its folder.
    const order = s3.seen.filter((r) => r.startsWith('PUT ') && r.includes('/base/'));
    expect(order.at(-1)).toContain('backup.json');
    expect(await readOffsiteStatus(dir)).toMatchObject({ ok: true, lastSuccessAt: first.lastRunAt, where: 's3://rsm-backups/backups/' });

    // Nothing new: nothing goes up again. A new segment: only it does.
    const before = puts();
    expect(await copy()).toMatchObject({ ok: true, uploaded: 0 });
    expect(puts()).toBe(before);
    writeWal(4);
    expect(await copy()).toMatchObject({ ok: true, uploaded: 1 });
    expect(puts()).toBe(before + 1);
    expect(remoteKeys()).toContain(`${CK}/wal/${seg(4)}`);
  });

  it('deletes remotely what retention deleted locally, and keeps what is only remote but still within retention', async () => {
    // 12 daily base backups (Nov 20 … Dec 1), base i starting at WAL segment i; WAL 1…14; 9 daily studio files.
    const days = Array.from({ length: 12 }, (_, i) => `2026-${i < 11 ? '11' : '12'}-${String(i < 11 ? 20 + i : 1).padStart(2, '0')}`);
    days.forEach((day, i) => writeBase(`${day}T03-00-00Z`, i + 1));
    for (let n = 1; n <= 14; n++) writeWal(n);
    mkdirSync(join(dir, studio));
    const studioDays = days.slice(-9);
    for (const day of studioDays) writeFileSync(join(dir, studio, `${day}.rsmbk`), randomBytes(20));
    expect(await copy()).toMatchObject({ ok: true, deleted: 0 });

    // The real retention runs locally…
    const pruned = await pruneClusterBackups(clusterBackupPaths(dir));
    expect(pruned.baseBackups.length).toBeGreaterThan(0);
    expect(pruned.walFiles).toBeGreaterThan(0);
    for (const name of filesToPrune(studioDays.map((d) => `${d}.rsmbk`))) unlinkSync(join(dir, studio, name));
    // …and a file disappears locally that retention keeps (a lost disk): the bucket keeps it.
    unlinkSync(join(dir, studio, `${studioDays.at(-1)}.rsmbk`));
    unlinkSync(join(clusterBackupPaths(dir).wal, seg(14)));

    const status = await copy();
    expect(status.ok).toBe(true);
    for (const name of pruned.baseBackups) expect(remoteKeys().some((k) => k.includes(`/base/${name}/`))).toBe(false);
    // The oldest base backup kept starts at WAL segment `first`: remotely WAL from there on (14 included) remains.
    const first = days.indexOf(readdirSync(clusterBackupPaths(dir).base).sort()[0]!.slice(0, 10)) + 1;
    expect(pruned.walFiles).toBe(first - 1);
    expect(remoteKeys().filter((k) => k.includes('/wal/'))).toEqual(Array.from({ length: 15 - first }, (_, i) => `${CK}/wal/${seg(first + i)}`));
    const studioRemote = remoteKeys().filter((k) => k.startsWith('studios/'));
    expect(studioRemote).toHaveLength(7);
    expect(studioRemote).toContain(`studios/${studio}/${studioDays.at(-1)}.rsmbk`);
    expect(status.deleted).toBe(pruned.baseBackups.length * 3 + pruned.walFiles + 2);
  });

  it('reports a failing store (metrics and status), never marks a half-copied base backup complete, and retries', async () => {
    writeWal(1);
    writeBase('2026-11-20T03-00-00Z', 1);
    const fakePlatform = { config: {}, logger: { warn: () => undefined } } as unknown as Platform;
    const good = await runOffsiteCopy(fakePlatform, { dir, bucket });
    expect(good.ok).toBe(true);
    expect(
      backups
        .latestSuccesses()
        .find((b) => b.kind === OFFSITE_KIND)
        ?.finishedAt.toISOString(),
    ).toBe(good.lastRunAt);

    writeWal(2);
    writeBase('2026-11-21T03-00-00Z', 2);
    s3.failWhen = (method, path) => method === 'PUT' && (path.endsWith(seg(2)) || path.endsWith('base.tar.gz'));
    const failuresBefore = backups.failures().get(OFFSITE_KIND) ?? 0;
    const bad = await runOffsiteCopy(fakePlatform, { dir, bucket });
    expect(bad).toMatchObject({ ok: false, failed: 2, lastSuccessAt: good.lastRunAt });
    expect(bad.error).toContain(`upload of ${CK}/wal/${seg(2)}`);
    expect(backups.failures().get(OFFSITE_KIND)).toBe(failuresBefore + 1);
    expect(remoteKeys()).not.toContain(`${CK}/wal/${seg(2)}`);
    expect(remoteKeys()).not.toContain(`${CK}/base/2026-11-21T03-00-00Z/backup.json`);
    expect(await readOffsiteStatus(dir)).toMatchObject({ ok: false, lastSuccessAt: good.lastRunAt });

    // The store answers again: the next pass copies what was missing.
    s3.failWhen = null;
    const again = await copy();
    expect(again).toMatchObject({ ok: true, error: null, uploaded: 3 }); // the WAL segment, base.tar.gz, then backup.json
    expect(remoteKeys()).toContain(`${CK}/wal/${seg(2)}`);
    expect(remoteKeys()).toContain(`${CK}/base/2026-11-21T03-00-00Z/backup.json`);

    // A store that cannot even be listed is a failure too.
    s3.failWhen = (method) => method === 'GET';
    expect(await copy()).toMatchObject({ ok: false, uploaded: 0 });
  });
});

describe('a restore from the off-site copy', () => {
  it('plans the base backup complete before the target and the WAL from its start, and downloads them byte for byte', async () => {
    for (let n = 1; n <= 6; n++) writeWal(n);
    writeFileSync(join(clusterBackupPaths(dir).wal, '00000002.history'), '1\t0/3000000\tno reason\n');
    writeBase('2026-11-20T03-00-00Z', 2);
    writeBase('2026-11-21T03-00-00Z', 4);
    expect(await copy()).toMatchObject({ ok: true });
    const original = readFileSync(join(clusterBackupPaths(dir).base, '2026-11-20T03-00-00Z', 'base.tar.gz'));
    // The disk is lost.
    rmSync(join(dir, 'cluster'), { recursive: true });

    const into = join(dir, 'from-s3');
    // A target on Nov 20: the Nov 20 base backup and WAL from its first segment (2) on, with the timeline history.
    const plan = await planS3Download(bucket, new Date('2026-11-20T12:00:00Z'), into);
    expect(plan.clusterKey).toBe(CK);
    expect(plan.base.name).toBe('2026-11-20T03-00-00Z');
    expect(plan.files.map((f) => f.key.slice(CK.length + 1)).sort()).toEqual(
      [
        'base/2026-11-20T03-00-00Z/backup.json',
        'base/2026-11-20T03-00-00Z/backup_label',
        'base/2026-11-20T03-00-00Z/base.tar.gz',
        'wal/00000002.history',
        ...[2, 3, 4, 5, 6].map((n) => `wal/${seg(n)}`),
      ].sort(),
    );
    // A later target picks the later base backup and fewer segments.
    const later = await planS3Download(bucket, new Date('2026-11-22T00:00:00Z'), into);
    expect(later.base.name).toBe('2026-11-21T03-00-00Z');
    expect(later.files.filter((f) => f.key.includes('/wal/0000000100')).map((f) => f.key.slice(-24))).toEqual([4, 5, 6].map(seg));
    // Before any base backup: a clear refusal.
    await expect(planS3Download(bucket, new Date('2026-11-19T00:00:00Z'), into)).rejects.toThrow(/No base backup in the bucket was complete/);

    await downloadS3Plan(bucket, plan);
    expect(readFileSync(join(plan.baseDir, '2026-11-20T03-00-00Z', 'base.tar.gz'))).toEqual(original);
    expect(existsSync(join(plan.walDir, seg(6)))).toBe(true);
    expect(existsSync(join(plan.walDir, seg(1)))).toBe(false);
    // The usual restore plan reads the downloaded folder as it would BACKUP_DIR/cluster.
    const restorePlan = await planClusterRestore({
      target: new Date('2026-11-20T12:00:00Z'),
      baseDir: plan.baseDir,
      walDir: plan.walDir,
      pgDir: join(dir, 'pg-restored'),
    });
    expect(restorePlan.base.name).toBe('2026-11-20T03-00-00Z');
    expect(restorePlan.walFiles).toBe(6);

    // A download cut short (a truncated object) fails instead of leaving a wrong file.
    s3.objects.set(`${PREFIX}${CK}/wal/${seg(3)}`, Buffer.from('short'));
    rmSync(join(plan.walDir, seg(3)));
    await expect(downloadS3Plan(bucket, plan)).rejects.toThrow(/bytes downloaded/);
    expect(existsSync(join(plan.walDir, seg(3)))).toBe(false);
  });
});
