/**
 * `npm run check:tracked-files [-- <repository>]` (run by CI): fails when git tracks something that must never be
 * committed — a PostgreSQL data directory, a data, uploads or storage folder, a database dump, a secret (.env files
 * other than .env.example, private keys, Stripe secret keys, AWS keys, the server's generated secrets) or generated
 * results. A data-try/ folder of 63 MB was committed once; .gitignore keeps most of these out, this catches what
 * `git add -f` or a new folder name lets through. Paths are judged by name, and every tracked file by its content
 * (keys and dumps hide under any name).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Finding {
  path: string;
  reason: string;
}

const PATH_RULES: [RegExp, string][] = [
  [/(^|\/)(PG_VERSION|postmaster\.(pid|opts)|postgresql(\.auto)?\.conf|pg_hba\.conf|pg_ident\.conf|pg_control)$/, 'a PostgreSQL data directory file'],
  [/(^|\/)(pg_wal|pg_xact|pg_multixact|pg_tblspc|pg_logical|pg_stat)\//, 'a PostgreSQL data directory file'],
  [/(^|\/)(base|global)\/\d+(\/|$)/, 'a PostgreSQL data directory file'],
  [/^(data|data-try|data-bench-[^/]+|\.data[^/]*)\//, 'a local data folder (embedded PostgreSQL, files, secrets)'],
  [/(^|\/)uploads\/|^(storage|files)\/|(^|\/)files\/studios\//, 'an uploads or storage folder'],
  [/\.(dump|pgdump|pg_dump|backup|bak|rsmbk)$|\.sql\.(gz|bz2|xz|zst|zip)$/i, 'a database dump'],
  [/(^|\/)\.env(\.(?!example$)[^/]+)?$/, 'an environment file with secrets (only .env.example is committed)'],
  [/\.(pem|key|p12|pfx|jks|keystore)$|(^|\/)id_(rsa|dsa|ecdsa|ed25519)$/i, 'a private key or certificate store'],
  [/(^|\/)(file-url-secret|pg-credentials\.json|dev-operator\.json|server\.lock)$/, 'a secret the server generates in its data folder'],
  [/^(bench\/results|test-results|playwright-report|coverage)\//, 'generated results'],
];

// Written so that this file does not match itself.
const CONTENT_RULES: [RegExp, string][] = [
  [/-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/, 'a private key'],
  [/\b[sr]k_(live|test)_[0-9A-Za-z]{16,}/, 'a Stripe secret key'],
  [/\bwhsec_[0-9A-Za-z]{24,}/, 'a Stripe webhook secret'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/aws_secret_access_key\s*[=:]\s*["']?[0-9A-Za-z/+]{40}\b/i, 'an AWS secret access key'],
  [/^-- PostgreSQL database dump/m, 'a database dump'],
];

/** Content is read up to this size: keys and dump headers sit at the start or in small files. */
const MAX_BYTES = 1024 * 1024;

export function checkPath(path: string): Finding[] {
  return PATH_RULES.filter(([rule]) => rule.test(path)).map(([, reason]) => ({ path, reason }));
}

export function checkContent(path: string, content: Buffer): Finding[] {
  if (content.subarray(0, 5).toString('latin1') === 'PGDMP') return [{ path, reason: 'a database dump (pg_dump custom format)' }];
  if (content.subarray(0, 8).toString('latin1') === 'RSMBKENC') return [{ path, reason: 'a studio backup (encrypted)' }];
  if (content.subarray(0, 10).toString('latin1').startsWith('#{"header"')) return [{ path, reason: 'a studio backup' }];
  const text = content.toString('utf8');
  return CONTENT_RULES.filter(([rule]) => rule.test(text)).map(([, reason]) => ({ path, reason }));
}

function head(file: string): Buffer {
  const size = Math.min(statSync(file).size, MAX_BYTES);
  const buffer = Buffer.alloc(size);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, size, 0);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

/** Every tracked file of the repository at `repo` that must not be there, with the reason. */
export function checkTrackedFiles(repo: string): { tracked: number; findings: Finding[] } {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter(Boolean);
  const findings: Finding[] = [];
  for (const path of tracked) {
    findings.push(...checkPath(path));
    const file = join(repo, path);
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch {
      // Tracked but deleted in the working tree: its name was judged, there is no content to read.
    }
    if (isFile) findings.push(...checkContent(path, head(file)));
  }
  return { tracked: tracked.length, findings };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const repo = resolve(process.argv[2] ?? '.');
  const { tracked, findings } = checkTrackedFiles(repo);
  if (findings.length === 0) {
    console.log(`Tracked files: ${tracked} checked, nothing that must not be committed.`);
  } else {
    console.error(`Tracked files that must not be committed (remove them with \`git rm --cached\`, and rotate any secret):`);
    for (const finding of findings) console.error(`  ${finding.path}: ${finding.reason}`);
    process.exit(1);
  }
}
