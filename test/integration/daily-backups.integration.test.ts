/**
 * Issue #13.1, scheduled backups: the daily job backs up every active studio into BACKUP_DIR (one file per studio
 * per day), records each studio's run in the control database, feeds the backup metrics, keeps going past one
 * studio's failure, and keeps 7 daily + 4 Sunday files per studio (dates faked through the platform clock).
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray } from 'drizzle-orm';
import { control } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, type Studio } from '../support/studios.ts';
import { backupDirectory, BACKUP_KIND, filesToPrune, loadBackupHistory, runDailyBackups } from '../../apps/server/src/platform/backup/daily-backups.ts';
import { backups } from '../../apps/server/src/platform/observability/backups.ts';
import { openArchive } from '../../apps/server/src/platform/backup/archive-reader.ts';

let server: TestServer;
let dir: string;
let studios: Studio[];
const realClock = () => ({ now: () => new Date() });
const at = (iso: string) => {
  server.platform.clock = { now: () => new Date(iso) };
};
const ids = () => studios.map((s) => s.id);
const rowsOf = (studioId: string) =>
  server.platform.controlDb.select().from(control.studioBackups).where(eq(control.studioBackups.studioId, studioId)).orderBy(asc(control.studioBackups.finishedAt));

beforeAll(async () => {
  server = await createTestServer();
  await server.outbox.stop();
  studios = [await createStudio(server, { studioName: 'Backup A' }), await createStudio(server, { studioName: 'Backup B' }), await createStudio(server, { studioName: 'Backup C' })];
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
    expect(kept.sort()).toEqual(['2026-11-15', '2026-11-22', '2026-11-29', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'].map((d) => `${d}.rsmbk`));
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
    for (let t = Date.UTC(2026, 9, 1); t <= Date.UTC(2026, 11, 6); t += 86_400_000) await writeFile(join(dir, a.id, `${new Date(t).toISOString().slice(0, 10)}.rsmbk`), 'old');
    await mkdir(join(dir, b.id, '2026-12-07.rsmbk.partial'), { recursive: true });

    at('2026-12-07T02:00:00Z'); // a Monday
    const results = await runDailyBackups(server.platform, { dir, studioIds: ids() });
    expect(results.map((r) => [r.studioId, r.ok, r.skipped])).toEqual(
      [
        [a.id, true, false],
        [b.id, false, false],
        [c.id, true, false],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    // A real, readable archive of studio C.
    const archive = await openArchive(createReadStream(join(dir, c.id, '2026-12-07.rsmbk')), undefined);
    expect(archive.header.studio.id).toBe(c.id);
    archive.close();

    const [rowA] = await rowsOf(a.id);
    expect(rowA).toMatchObject({ day: '2026-12-07', ok: true, error: null, encrypted: false, file: join(dir, a.id, '2026-12-07.rsmbk') });
    expect(rowA!.sizeBytes).toBeGreaterThan(100);
    expect(rowA!.finishedAt.getTime()).toBeGreaterThanOrEqual(rowA!.startedAt.getTime());
    const [rowB] = await rowsOf(b.id);
    expect(rowB).toMatchObject({ day: '2026-12-07', ok: false, file: null, sizeBytes: null });
    expect(rowB!.error).toMatch(/EISDIR|directory/i);

    // Retention on A: the 7 newest days and the 4 newest Sundays stay.
    expect((await readdir(join(dir, a.id))).sort()).toEqual(
      ['2026-11-15', '2026-11-22', '2026-11-29', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'].map((d) => `${d}.rsmbk`),
    );
    // Metrics: a success and a failure of the scheduled kind.
    expect(backups.latestSuccesses().find((r) => r.kind === BACKUP_KIND)).toBeDefined();
    expect(backups.failures().get(BACKUP_KIND)).toBe(1);

    // The same day again: A and C are not backed up twice; B (still failing) is tried again.
    const again = await runDailyBackups(server.platform, { dir, studioIds: ids() });
    expect(again.filter((r) => r.skipped).map((r) => r.studioId).sort()).toEqual([a.id, c.id].sort());
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
    expect(backups.latestSuccesses().find((r) => r.kind === BACKUP_KIND)?.finishedAt.getTime()).toBe(newest);
  });

  it('does nothing when BACKUP_DIR is off', async () => {
    const off = { ...server.platform, config: { ...server.platform.config, BACKUP_DIR: 'off' } };
    expect(await runDailyBackups(off)).toEqual([]);
  });
});
