/**
 * Nothing generated or private is committed (scripts/check-tracked-files.ts, run by CI): no PostgreSQL data folder
 * (a `data-try/` of 63 MB once was), no uploads, no dumps, no secrets, no benchmark results. The check is proven on
 * scratch git repositories holding each kind of file, then run on this one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTrackedFiles } from '../../scripts/check-tracked-files.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// Built from parts so that this file itself holds no key.
const PRIVATE_KEY = ['-----BEGIN ', 'PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END ', 'PRIVATE KEY-----\n'].join('');
const STRIPE_KEY = ['sk', 'live', '51H8xYzAbCdEfGhIjKlMnOpQr'].join('_');
const STRIPE_TEST_KEY = ['sk', 'test', '51H8xYzAbCdEfGhIjKlMnOpQr'].join('_');
const AWS_KEY_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');

let repo = '';

function git(...args: string[]): void {
  execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
}

/** Commits `files` (force-added: .gitignore rules do not protect against `git add -f`). */
function commit(files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  git('add', '-f', '--', ...Object.keys(files));
  git('-c', 'user.name=test', '-c', 'user.email=test@example.test', 'commit', '-q', '-m', 'files');
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'rsm-tracked-'));
  git('init', '-q');
  commit({
    'README.md': '# project\n',
    '.env.example': 'STRIPE_SECRET_KEY=\nDATABASE_URL=\n',
    'src/storage/local-storage.ts': 'export {};\n',
    'packages/db/migrations/control/0000_init.sql': 'CREATE TABLE t (id int);\n',
  });
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('the tracked files check', () => {
  it('passes a repository of sources, .env.example and migrations', () => {
    expect(checkTrackedFiles(repo)).toEqual({ tracked: 4, findings: [] });
  });

  it.each([
    [
      'a PostgreSQL data directory',
      { 'data-try/pg/PG_VERSION': '18\n', 'data-try/pg/postgresql.conf': 'port = 5432\n', 'backup/pg/pg_wal/000000010000000000000001': 'x' },
    ],
    ['a PostgreSQL data directory outside data folders', { 'tmp/cluster/PG_VERSION': '18\n', 'tmp/cluster/base/16384/1259': 'x' }],
    ['an uploads folder', { 'uploads/studio-1/take.wav': 'RIFF' }],
    ['a storage folder', { 'storage/studios/1/a.wav': 'RIFF' }],
    ['studio files', { 'var/files/studios/12/versions/3.flac': 'fLaC' }],
    ['a plain-text database dump', { 'backups/control.sql.gz': 'x' }],
    ['a dump named like a migration', { 'notes/latest.sql': '--\n-- PostgreSQL database dump\n--\nSET statement_timeout = 0;\n' }],
    ['a custom-format dump', { 'snapshot.bin': Buffer.from('PGDMP\x01\x0e\x00', 'latin1') }],
    ['a studio backup', { 'backups/lumiere.rsmbk': 'x' }],
    ['an encrypted studio backup under another name', { 'notes/archive.bin': Buffer.from('RSMBKENC\x01\x02', 'latin1') }],
    ['a decompressed studio backup', { 'notes/export.ndjson': '#{"header":{"format":1}}\n' }],
    ['a .env file', { '.env': 'SMTP_URL=smtp://user:pass@mail\n' }],
    ['a .env.production file', { 'apps/server/.env.production': 'X=1\n' }],
    ['a private key file', { 'deploy/server.key': 'x' }],
    ['a private key under an innocent name', { 'docs/notes.txt': `here it is:\n${PRIVATE_KEY}` }],
    ['a Stripe live secret key', { 'apps/server/src/config.ts': `const key = '${STRIPE_KEY}';\n` }],
    ['a Stripe test secret key', { 'test/stripe.ts': `export const key = "${STRIPE_TEST_KEY}";\n` }],
    ['an AWS access key id', { 'infra/s3.json': `{"accessKeyId": "${AWS_KEY_ID}"}\n` }],
    ["the server's generated secrets", { 'config/file-url-secret': 'ab12\n', 'pg-credentials.json': '{}' }],
    ['benchmark results', { 'bench/results/startup-1.json': '{}' }],
  ])('fails on %s', (_what, files) => {
    commit(files);
    const { findings } = checkTrackedFiles(repo);
    for (const path of Object.keys(files))
      expect(
        findings.some((f) => f.path === path),
        path,
      ).toBe(true);
  });

  it('exits 1 from the command line, naming the file and why', () => {
    commit({ 'keys/id_ed25519': PRIVATE_KEY });
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/check-tracked-files.ts'), repo], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('keys/id_ed25519: a private key');
  });

  it('exits 0 from the command line on a clean repository', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/check-tracked-files.ts'), repo], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
  });
});

describe('this repository', () => {
  it('tracks files (this test runs in a git checkout) and none that must not be committed', () => {
    const { tracked, findings } = checkTrackedFiles(ROOT);
    expect(tracked).toBeGreaterThan(100);
    expect(findings).toEqual([]);
  });
});
