/** Where backups go: BACKUP_DIR (default DATA_DIR/backups), or nowhere when `BACKUP_DIR=off`. */
import { join, resolve } from 'node:path';
import type { Config } from '../../config/env.ts';

/** The directory scheduled backups go to, or null when they are turned off (`BACKUP_DIR=off`). */
export function backupDirectory(config: Pick<Config, 'BACKUP_DIR' | 'DATA_DIR'>): string | null {
  const value = config.BACKUP_DIR?.trim();
  if (value === 'off') return null;
  return resolve(value ? value : join(config.DATA_DIR, 'backups'));
}
