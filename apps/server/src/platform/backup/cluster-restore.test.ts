import { describe, expect, it } from 'vitest';
import type { BaseBackup } from './cluster-backup.ts';
import { chooseBaseBackup, ClusterRestoreError, parseTargetTime } from './cluster-restore.ts';

describe('the target time of a point-in-time restore', () => {
  it('is UTC unless a zone is given', () => {
    expect(parseTargetTime('2026-12-01 14:00').toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(parseTargetTime('2026-12-01 14:00:30.25').toISOString()).toBe('2026-12-01T14:00:30.250Z');
    expect(parseTargetTime('2026-12-01T14:00:00Z').toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(parseTargetTime('2026-12-01 14:00 UTC').toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });

  it('takes an offset or an IANA zone (daylight saving time included)', () => {
    expect(parseTargetTime('2026-12-01 14:00+01:00').toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(parseTargetTime('2026-12-01 14:00 -0530').toISOString()).toBe('2026-12-01T19:30:00.000Z');
    expect(parseTargetTime('2026-12-01 14:00 Europe/Paris').toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(parseTargetTime('2026-07-01 14:00:05 Europe/Paris').toISOString()).toBe('2026-07-01T12:00:05.000Z');
  });

  it('refuses what is not a time', () => {
    expect(() => parseTargetTime('yesterday')).toThrow(ClusterRestoreError);
    expect(() => parseTargetTime('2026-02-30 10:00')).toThrow(/not a valid date/);
    expect(() => parseTargetTime('2026-12-01 25:00')).toThrow(/not a valid date/);
    expect(() => parseTargetTime('2026-12-01 14:00 Mars/Olympus')).toThrow(/Unknown time zone/);
  });
});

describe('the base backup a restore starts from', () => {
  const base = (name: string, startedAt: string, stoppedAt: string) => ({ name, dir: `/b/${name}`, manifest: { startedAt, stoppedAt } }) as BaseBackup;
  const backups = [
    base('one', '2026-12-05T03:00:00Z', '2026-12-05T03:00:20Z'),
    base('two', '2026-12-06T03:00:00Z', '2026-12-06T03:00:20Z'),
    base('three', '2026-12-07T03:00:00Z', '2026-12-07T03:00:20Z'),
  ];
  it('is the newest one complete by the target time', () => {
    expect(chooseBaseBackup(backups, new Date('2026-12-06T14:00:00Z'))?.name).toBe('two');
    expect(chooseBaseBackup(backups, new Date('2026-12-07T03:00:20Z'))?.name).toBe('three');
    // Still being taken at the target time: the one before.
    expect(chooseBaseBackup(backups, new Date('2026-12-07T03:00:10Z'))?.name).toBe('two');
    expect(chooseBaseBackup(backups, new Date('2026-12-05T03:00:00Z'))).toBeNull();
  });
});
