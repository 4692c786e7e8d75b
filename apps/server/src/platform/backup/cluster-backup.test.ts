import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ARCHIVE_SCRIPT,
  archiveCommand,
  clusterBackupPaths,
  prepareWalArchive,
  baseBackupsToPrune,
  isoWeek,
  restoreCommand,
  stampOf,
  walFilesToPrune,
} from './cluster-backup.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'rsm-archive-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function archive(source: string, target: string): Promise<{ code: number; stderr: string }> {
  try {
    await run('/bin/sh', [ARCHIVE_SCRIPT, source, target]);
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('archive-wal.sh (archive_command)', () => {
  it('copies a segment, accepts the same segment again, and refuses to overwrite a different file', async () => {
    const segment = join(dir, 'segment');
    writeFileSync(segment, 'first content');
    const target = join(dir, "it's 100% archived", '000000010000000000000001');
    await run('mkdir', ['-p', join(dir, "it's 100% archived")]);
    expect(await archive(segment, target)).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(target, 'utf8')).toBe('first content');
    // PostgreSQL may archive a segment again after a crash: the identical file is accepted.
    expect((await archive(segment, target)).code).toBe(0);
    writeFileSync(segment, 'other content');
    const refused = await archive(segment, target);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/refusing to overwrite/);
    expect(readFileSync(target, 'utf8')).toBe('first content');
    expect(readdirSync(join(dir, "it's 100% archived"))).toEqual(['000000010000000000000001']); // no temporary file left
  });

  it('fails (so PostgreSQL retries) when the copy cannot be made', async () => {
    expect((await archive(join(dir, 'missing'), join(dir, 'x'))).code).not.toBe(0);
    expect((await archive(join(dir, 'segment'), join(dir, 'no-such-folder', 'x'))).code).not.toBe(0);
  });

  it('quotes paths for the shell and escapes % for PostgreSQL', () => {
    expect(archiveCommand("/b/it's 100%", '/app/archive-wal.sh')).toBe(`/bin/sh '/app/archive-wal.sh' %p '/b/it'\\''s 100%%/'%f`);
    expect(restoreCommand('/b/wal')).toBe(`cp '/b/wal/'%f %p`);
  });

  it('archives through the shell as PostgreSQL runs it (%p and %f substituted)', async () => {
    const wal = join(dir, "wal 'dir'");
    await run('mkdir', ['-p', wal]);
    writeFileSync(join(dir, 'seg2'), 'segment two');
    const command = archiveCommand(wal).replace('%p', join(dir, 'seg2')).replace('%f', '000000010000000000000002').replace(/%%/g, '%');
    await run('/bin/sh', ['-c', command]);
    expect(readFileSync(join(wal, '000000010000000000000002'), 'utf8')).toBe('segment two');
  });
});

describe('the WAL archive folder', () => {
  it('belongs to one cluster: an archive of another (DATA_DIR/pg created again) is moved aside whole, never mixed', () => {
    const backupDir = mkdtempSync(join(tmpdir(), 'rsm-wal-owner-'));
    try {
      const { wal, root } = clusterBackupPaths(backupDir);
      expect(prepareWalArchive(wal, null, '7400000000000000001')).toEqual({ movedAside: null });
      expect(readFileSync(join(root, 'system-identifier'), 'utf8').trim()).toBe('7400000000000000001');
      writeFileSync(join(wal, '000000010000000000000001'), 'old cluster');
      expect(prepareWalArchive(wal, null, '7400000000000000001')).toEqual({ movedAside: null });
      expect(readdirSync(wal)).toEqual(['000000010000000000000001']);
      expect(prepareWalArchive(wal, null, '7400000000000000002')).toEqual({ movedAside: `${root}-7400000000000000001` });
      expect(readdirSync(wal)).toEqual([]);
      expect(readFileSync(join(`${root}-7400000000000000001`, 'wal', '000000010000000000000001'), 'utf8')).toBe('old cluster');
      expect(readFileSync(join(root, 'system-identifier'), 'utf8').trim()).toBe('7400000000000000002');
    } finally {
      rmSync(backupDir, { recursive: true, force: true });
    }
  });
});

describe('retention', () => {
  const stamps = (from: string, days: number) => Array.from({ length: days }, (_, i) => stampOf(new Date(Date.parse(from) + i * 86_400_000)));

  it('keeps the newest base backup of each of the 7 newest days and of the 4 newest ISO weeks', () => {
    // 2026-10-01 (Thursday) … 2026-12-07 (Monday): 68 days, one backup a day at 03:00.
    const names = stamps('2026-10-01T03:00:00Z', 68);
    const kept = names.filter((n) => !baseBackupsToPrune(names).includes(n)).sort();
    expect(kept).toEqual([
      // weekly: the newest of the weeks 2026-W47, W48 (Sundays) — W49 and W50 are covered by the dailies
      '2026-11-22T03-00-00Z',
      '2026-11-29T03-00-00Z',
      // daily: the 7 newest days
      '2026-12-01T03-00-00Z',
      '2026-12-02T03-00-00Z',
      '2026-12-03T03-00-00Z',
      '2026-12-04T03-00-00Z',
      '2026-12-05T03-00-00Z',
      '2026-12-06T03-00-00Z',
      '2026-12-07T03-00-00Z',
    ]);
  });

  it('counts backups, not calendar days: after a long gap the last good ones stay', () => {
    const names = ['2026-01-05T03-00-00Z', '2026-03-10T03-00-00Z', '2026-06-01T03-00-00Z'];
    expect(baseBackupsToPrune(names)).toEqual([]);
  });

  it('keeps only the newest of two backups of one day; ignores names that are not backups', () => {
    expect(baseBackupsToPrune(['2026-12-07T03-00-00Z', '2026-12-07T15-00-00Z', '2026-12-07T16-00-00Z.partial', 'notes.txt'])).toEqual(['2026-12-07T03-00-00Z']);
  });

  it('ISO weeks', () => {
    expect(isoWeek(new Date('2026-12-07T00:00:00Z'))).toBe('2026-W50');
    expect(isoWeek(new Date('2026-12-06T23:59:59Z'))).toBe('2026-W49');
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2025-12-29T12:00:00Z'))).toBe('2026-W01');
  });

  it('deletes archived WAL before the oldest kept base backup, on any timeline, and keeps history files', () => {
    const names = [
      '00000001000000000000000A',
      '00000001000000000000000B',
      '00000001000000000000000B.00000028.backup',
      '00000001000000000000000C',
      '00000002000000000000000B.partial',
      '00000002000000000000000D',
      '00000002.history',
      '.00000001000000000000000E.tmp.123',
    ];
    expect(walFilesToPrune(names, '00000001000000000000000C')).toEqual([
      '00000001000000000000000A',
      '00000001000000000000000B',
      '00000001000000000000000B.00000028.backup',
      '00000002000000000000000B.partial',
    ]);
    expect(() => walFilesToPrune(names, 'nonsense')).toThrow(/WAL segment/);
  });
});
