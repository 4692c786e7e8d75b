/**
 * Nothing generated or private is committed: no PostgreSQL data folder (a `data-try/` of 63 MB once was),
 * no uploads, no secrets, no benchmark results.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);

describe('the repository', () => {
  it('has files under version control (this test runs in a git checkout)', () => {
    expect(tracked.length).toBeGreaterThan(100);
  });

  it('holds no PostgreSQL data directory', () => {
    const markers = tracked.filter((f) => /(^|\/)(PG_VERSION|postmaster\.(pid|opts)|pg_hba\.conf|pg_control)$/.test(f) || /(^|\/)(base|global|pg_wal)\/\d/.test(f));
    expect(markers).toEqual([]);
  });

  it('holds no data folders, uploads, secrets or results', () => {
    const forbidden = tracked.filter((f) => /^(data|data-try|\.data[^/]*|bench\/results|test-results|uploads)\//.test(f) || /(^|\/)\.env$/.test(f) || /(^|\/)(file-url-secret|pg-credentials\.json|dev-operator\.json)$/.test(f));
    expect(forbidden).toEqual([]);
  });
});
