/**
 * Issue #13.1, scheduled backups: the daily job backs up every active studio into BACKUP_DIR (one file per studio
 * per day), records each studio's run in the control database, feeds the backup metrics, keeps going past one
 * studio's failure, and keeps 7 daily + 4 Sunday files per studio (dates faked through the platform clock).
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray } from 'drizzle-orm';
import { control } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, expectRefused, freshIp, type Studio } from '../support/studios.ts';
import { ApiClient } from '../support/api.ts';
import { ensureOperatorAccounts } from '../../apps/server/src/platform/operators.ts';
import { backupDirectory, BACKUP_KIND, filesToPrune, loadBackupHistory, runDailyBackups } from '../../apps/server/src/platform/backup/daily-backups.ts';
import { backups } from '../../apps/server/src/platform/observability/backups.ts';
import { openArchive } from '../../apps/server/src/platform/backup/archive-reader.ts';
import { openBundleEntry } from '../../apps/server/src/platform/backup/studio-bundle-restore.ts';
import { DATABASE_ENTRY, MANIFEST_ENTRY } from '../../apps/server/src/platform/backup/studio-bundle.ts';
import { runOffsiteCopy } from '../../apps/server/src/platform/backup/daily-backups.ts';
import { backupBucket, OFFSITE_KIND } from '../../apps/server/src/platform/backup/offsite.ts';
import { listStudioBackups } from '../../apps/server/src/modules/operator/backups.service.ts';
import { startS3StandIn } from '../support/s3-stand-in.ts';

const OPERATOR = 'backup-op@example.test';
const OPERATOR_PASSWORD = 'operator initial password';
let server: TestServer;
let dir: string;
let studios: Studio[];
const realClock = () => ({ now: () => new Date() });
const at = (iso: string) => {
  server.platform.clock = { now: () => new Date(iso) };
};
const ids = () => studios.map((s) => s.id);
const rowsOf = (studioId: string) =>
  server.platform.controlDb
    .select()
    .from(control.studioBackups)
    .where(eq(control.studioBackups.studioId, studioId))
    .orderBy(asc(control.studioBackups.finishedAt));

beforeAll(async () => {
  server = await createTestServer({ OPERATOR_EMAILS: OPERATOR, OPERATOR_INITIAL_PASSWORD: OPERATOR_PASSWORD });
  await ensureOperatorAccounts(server.platform);
  await server.outbox.stop();
  studios = [
    await createStudio(server, { studioName: 'Backup A' }),
    await createStudio(server, { studioName: 'Backup B' }),
    await createStudio(server, { studioName: 'Backup C' }),
  ];
  dir = await mkdtemp(join(tmpdir(), 'rsm-daily-backups-'));
}, 120_000);
afterEach(() => {
  server.platform.clock = realClock();
});
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('backup directory and retention rule', () => {
  it('defaults to DATA_DIR/backups and is off with BACKUP_DIR=off', () => {
    expect(backupDirectory({ DATA_DIR: '/var/rsm', BACKUP_DIR: undefined })).toBe('/var/rsm/backups');
    expect(backupDirectory({ DATA_DIR: '/var/rsm', BACKUP_DIR: '/mnt/b' })).toBe('/mnt/b');
    expect(backupDirectory({ DATA_DIR: '/var/rsm', BACKUP_DIR: 'off' })).toBeNull();
  });

  it('keeps the 7 newest files and the 4 newest Sundays', () => {
    const names = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2026, 10, 1) + i * 86_400_000).toISOString().slice(0, 10) + '.rsmbk');
    names.push('notes.txt', '2026-12-10.rsmbk.partial');
    const pruned = filesToPrune(names);
    const kept = names.filter((n) => n.endsWith('.rsmbk') && !pruned.includes(n));
    // 2026-11-01 … 2026-12-10: newest 7 are 12-04 … 12-10; Sundays 12-06, 11-29, 11-22, 11-15.
    expect(kept.sort()).toEqual(
      ['2026-11-15', '2026-11-22', '2026-11-29', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'].map(
        (d) => `${d}.rsmbk`,
      ),
    );
    expect(pruned).not.toContain('notes.txt');
  });
});

describe('the daily job', () => {
  it('backs up every studio, records each run, survives one failure, and prunes old files', async () => {
    backups.clear();
    const [a, b, c] = studios as [Studio, Studio, Studio];
    // Studio A has backups from earlier days (Oct 1 → Dec 6); studio B cannot be written today (its partial file's
    // name is taken by a directory), so its backup fails for real.
    await mkdir(join(dir, a.id), { recursive: true });
    for (let t = Date.UTC(2026, 9, 1); t <= Date.UTC(2026, 11, 6); t += 86_400_000)
      await writeFile(join(dir, a.id, `${new Date(t).toISOString().slice(0, 10)}.rsmbk`), 'old');
    await mkdir(join(dir, b.id, '2026-12-07.rsmbk.partial'), { recursive: true });

    // A run recorded more than 90 days ago is forgotten by the next run.
    const old = new Date('2026-09-01T02:00:00Z');
    await server.platform.controlDb
      .insert(control.studioBackups)
      .values({ studioId: c.id, day: '2026-09-01', startedAt: old, finishedAt: old, ok: true, sizeBytes: 1 });

    at('2026-12-07T02:00:00Z'); // a Monday
    const results = await runDailyBackups(server.platform, { dir, studioIds: ids() });
    expect(results.map((r) => [r.studioId, r.ok, r.skipped])).toEqual(
      [
        [a.id, true, false],
        [b.id, false, false],
        [c.id, true, false],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    // A real, readable bundle of studio C: its database archive, and its files held (the store is local disk).
    const archive = await openArchive(await openBundleEntry(join(dir, c.id, '2026-12-07.rsmbk'), DATABASE_ENTRY), undefined);
    expect(archive.header.studio.id).toBe(c.id);
    archive.close();
    const manifestChunks: Buffer[] = [];
    for await (const chunk of await openBundleEntry(join(dir, c.id, '2026-12-07.rsmbk'), MANIFEST_ENTRY)) manifestChunks.push(chunk as Buffer);
    expect(JSON.parse(Buffer.concat(manifestChunks).toString('utf8'))).toMatchObject({ format: 2, studio: { id: c.id }, filesIncluded: true });

    const [rowA] = await rowsOf(a.id);
    expect(rowA).toMatchObject({ day: '2026-12-07', ok: true, error: null, encrypted: false, file: join(dir, a.id, '2026-12-07.rsmbk') });
    expect(rowA!.sizeBytes).toBeGreaterThan(100);
    expect(rowA!.finishedAt.getTime()).toBeGreaterThanOrEqual(rowA!.startedAt.getTime());
    expect((await rowsOf(c.id)).map((r) => r.day)).toEqual(['2026-12-07']);
    const [rowB] = await rowsOf(b.id);
    expect(rowB).toMatchObject({ day: '2026-12-07', ok: false, file: null, sizeBytes: null });
    expect(rowB!.error).toMatch(/EISDIR|directory/i);

    // Retention on A: the 7 newest days and the 4 newest Sundays stay.
    expect((await readdir(join(dir, a.id))).sort()).toEqual(
      ['2026-11-15', '2026-11-22', '2026-11-29', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'].map(
        (d) => `${d}.rsmbk`,
      ),
    );
    // Metrics: a success and a failure of the scheduled kind.
    expect(backups.latestSuccesses().find((r) => r.kind === BACKUP_KIND)).toBeDefined();
    expect(backups.failures().get(BACKUP_KIND)).toBe(1);

    // The same day again: A and C are not backed up twice; B (still failing) is tried again.
    const again = await runDailyBackups(server.platform, { dir, studioIds: ids() });
    expect(
      again
        .filter((r) => r.skipped)
        .map((r) => r.studioId)
        .sort(),
    ).toEqual([a.id, c.id].sort());
    expect(await rowsOf(a.id)).toHaveLength(1);
    expect(await rowsOf(b.id)).toHaveLength(2);
    expect(backups.failures().get(BACKUP_KIND)).toBe(2);

    // The next day B works again; one file per studio per day.
    await rm(join(dir, b.id, '2026-12-07.rsmbk.partial'), { recursive: true });
    at('2026-12-08T02:00:00Z');
    const next = await runDailyBackups(server.platform, { dir, studioIds: ids() });
    expect(next.every((r) => r.ok && !r.skipped)).toBe(true);
    expect((await readdir(join(dir, b.id))).sort()).toEqual(['2026-12-08.rsmbk']);
    expect((await readdir(join(dir, c.id))).sort()).toEqual(['2026-12-07.rsmbk', '2026-12-08.rsmbk']);
    // A drops Dec 1 (no longer among the 7 newest, not a Sunday).
    expect(await readdir(join(dir, a.id))).not.toContain('2026-12-01.rsmbk');
    expect(await readdir(join(dir, a.id))).toContain('2026-11-15.rsmbk');
  }, 120_000);

  it('feeds the backup age from the control table after a restart', async () => {
    backups.clear();
    await loadBackupHistory(server.platform);
    const rows = await server.platform.controlDb.select().from(control.studioBackups).where(inArray(control.studioBackups.studioId, ids()));
    const newest = Math.max(...rows.filter((r) => r.ok).map((r) => r.finishedAt.getTime()));
    expect(
      backups
        .latestSuccesses()
        .find((r) => r.kind === BACKUP_KIND)
        ?.finishedAt.getTime(),
    ).toBe(newest);
  });

  it("shows the operator each studio's latest backup, with a warning for a failed or stale one (operators only)", async () => {
    type Status = {
      studioId: string;
      lastOk: boolean | null;
      lastSizeBytes: number | null;
      lastGoodAt: string | null;
      lastError: string | null;
      warning: string;
    };
    const [a, b, c] = studios as [Studio, Studio, Studio];
    const op = new ApiClient(server.app, { ip: freshIp() });
    expect((await op.mutate('auth.logIn', { email: OPERATOR, password: OPERATOR_PASSWORD })).error).toBeUndefined();
    const list = async () => {
      const res = await op.query<{ enabled: boolean; studios: Status[] }>('operator.backups');
      expect(res.error).toBeUndefined();
      return new Map(res.data!.studios.map((s) => [s.studioId, s]));
    };
    // B fails on Dec 9; the others are fine that day.
    await mkdir(join(dir, b.id, '2026-12-09.rsmbk.partial'), { recursive: true });
    at('2026-12-09T02:00:00Z');
    await runDailyBackups(server.platform, { dir, studioIds: ids() });
    at('2026-12-09T12:00:00Z');
    let byStudio = await list();
    expect(byStudio.get(a.id)).toMatchObject({ lastOk: true, warning: 'none', lastError: null });
    expect(byStudio.get(a.id)!.lastSizeBytes).toBeGreaterThan(100);
    expect(byStudio.get(b.id)).toMatchObject({ lastOk: false, warning: 'failed' });
    expect(byStudio.get(b.id)!.lastError).toMatch(/EISDIR|directory/i);
    // B's last good backup is still the one of Dec 8.
    expect(byStudio.get(b.id)!.lastGoodAt! < '2026-12-09').toBe(true);
    // Two days later with no run: every studio's last good backup is older than 36 hours.
    at('2026-12-11T12:00:00Z');
    byStudio = await list();
    expect(byStudio.get(c.id)).toMatchObject({ lastOk: true, warning: 'stale' });
    expect(byStudio.get(b.id)!.warning).toBe('failed');
    // A studio never backed up is flagged too.
    const fresh = await createStudio(server, { studioName: 'Never backed up' });
    expect((await list()).get(fresh.id)).toMatchObject({ lastOk: null, lastGoodAt: null, warning: 'never' });

    expectRefused(await a.owner.query('operator.backups'), 'FORBIDDEN', 403);
    expectRefused(await new ApiClient(server.app, { ip: freshIp() }).query('operator.backups'), 'UNAUTHORIZED', 401);
  }, 60_000);

  it('shows the operator the off-site copy: not configured, failing with its error and retried, then done, then stale', async () => {
    const s3 = await startS3StandIn();
    try {
      const view = (extra: Record<string, unknown>) => ({ ...server.platform, config: { ...server.platform.config, BACKUP_DIR: dir, ...extra } });
      expect((await listStudioBackups(view({ S3_BUCKET: undefined }))).offsite).toMatchObject({ configured: false, where: null, warning: 'none' });
      const withS3 = view({
        S3_BUCKET: 'rsm-backups',
        S3_ENDPOINT: s3.endpoint,
        S3_FORCE_PATH_STYLE: true,
        S3_ACCESS_KEY_ID: 'test',
        S3_SECRET_ACCESS_KEY: 'test-secret',
      });
      expect((await listStudioBackups(withS3)).offsite).toMatchObject({
        configured: true,
        where: 's3://rsm-backups/backups/',
        lastOk: null,
        lastSuccessAt: null,
        warning: 'never',
      });
      const bucket = backupBucket(withS3.config)!;
      // The store answers 500: reported with the file that failed, and counted as a failed backup.
      s3.failWhen = (method) => method === 'PUT';
      const failures = backups.failures().get(OFFSITE_KIND) ?? 0;
      await runOffsiteCopy(withS3, { dir, bucket });
      const failed = (await listStudioBackups(withS3)).offsite;
      expect(failed).toMatchObject({ lastOk: false, lastSuccessAt: null, warning: 'failed' });
      expect(failed.lastError).toMatch(/upload of studios\//);
      expect(backups.failures().get(OFFSITE_KIND)).toBe(failures + 1);
      // It answers again: the next pass copies every studio's backups.
      s3.failWhen = null;
      await runOffsiteCopy(withS3, { dir, bucket });
      const done = (await listStudioBackups(withS3)).offsite;
      expect(done).toMatchObject({ lastOk: true, lastError: null, warning: 'none' });
      expect(done.lastSuccessAt).not.toBeNull();
      for (const studio of studios) expect([...s3.objects.keys()].some((k) => k.startsWith(`/rsm-backups/backups/studios/${studio.id}/`))).toBe(true);
      // No good copy for 20 minutes (the job stopped): stale.
      const later = { now: () => new Date(Date.now() + 20 * 60_000) };
      expect((await listStudioBackups({ ...withS3, clock: later })).offsite.warning).toBe('stale');
    } finally {
      await s3.close();
    }
  });

  it('does nothing when BACKUP_DIR is off', async () => {
    const off = { ...server.platform, config: { ...server.platform.config, BACKUP_DIR: 'off' } };
    expect(await runDailyBackups(off)).toEqual([]);
  });
});
