/**
 * The dependency audit (scripts/audit-dependencies.ts, run by CI) fails on high and critical advisories against
 * production dependencies unless allow-listed with a review date still ahead, and fails when no audit was done.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeAudit, parseAllowList, type AllowEntry } from '../../scripts/audit-dependencies.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TODAY = '2026-12-06';

function advisory(source: number, name: string, severity: string, ghsa: string) {
  return {
    source,
    name,
    dependency: name,
    title: `${name} is vulnerable`,
    url: `https://github.com/advisories/${ghsa}`,
    severity,
    cwe: [],
    cvss: { score: 7.5 },
    range: '<9.9.9',
  };
}

/** The shape of `npm audit --json` (auditReportVersion 2). */
function report(vulnerabilities: Record<string, unknown>): string {
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: {}, dependencies: { prod: 240, dev: 0, optional: 12, peer: 0, peerOptional: 0, total: 252 } },
  });
}

const HIGH = report({
  'fast-xml-parser': {
    name: 'fast-xml-parser',
    severity: 'high',
    isDirect: false,
    via: [advisory(1096461, 'fast-xml-parser', 'high', 'GHSA-mpg4-rc92-vx8v')],
    effects: ['@aws-sdk/core'],
    nodes: ['node_modules/fast-xml-parser'],
    fixAvailable: true,
  },
  '@aws-sdk/core': {
    name: '@aws-sdk/core',
    severity: 'high',
    isDirect: false,
    via: ['fast-xml-parser'],
    effects: [],
    nodes: ['node_modules/@aws-sdk/core'],
    fixAvailable: true,
  },
});
const CRITICAL = report({
  'pg-boss': { name: 'pg-boss', severity: 'critical', via: [advisory(1100001, 'pg-boss', 'critical', 'GHSA-aaaa-bbbb-cccc')], effects: [] },
});
const MODERATE = report({
  nodemailer: { name: 'nodemailer', severity: 'moderate', via: [advisory(1099000, 'nodemailer', 'moderate', 'GHSA-dddd-eeee-ffff')], effects: [] },
});

const allow = (id: string, reviewBy = '2027-03-01'): AllowEntry => ({
  id,
  package: 'fast-xml-parser',
  reason: 'reached only through the S3 SDK, which is off by default',
  reviewBy,
});

describe('the dependency audit', () => {
  it('passes a report without advisories, or with moderate ones only', () => {
    expect(judgeAudit(report({}), [], TODAY)).toMatchObject({ ok: true, error: null, failing: [], audited: 240 });
    expect(judgeAudit(MODERATE, [], TODAY).ok).toBe(true);
  });

  it('fails on a high or a critical advisory, once per advisory however many packages it reaches', () => {
    const high = judgeAudit(HIGH, [], TODAY);
    expect(high.ok).toBe(false);
    expect(high.failing).toEqual([expect.objectContaining({ id: 'GHSA-mpg4-rc92-vx8v', package: 'fast-xml-parser', severity: 'high' })]);
    expect(judgeAudit(CRITICAL, [], TODAY).failing).toEqual([expect.objectContaining({ id: 'GHSA-aaaa-bbbb-cccc', severity: 'critical' })]);
  });

  it('passes an allow-listed advisory (by GHSA id or npm advisory number) until its review date', () => {
    expect(judgeAudit(HIGH, [allow('GHSA-mpg4-rc92-vx8v')], TODAY)).toMatchObject({
      ok: true,
      allowed: [expect.objectContaining({ id: 'GHSA-mpg4-rc92-vx8v' })],
    });
    expect(judgeAudit(HIGH, [allow('1096461')], TODAY).ok).toBe(true);
    expect(judgeAudit(HIGH, [allow('GHSA-mpg4-rc92-vx8v', TODAY)], TODAY).ok).toBe(true);
  });

  it('fails again once the review date has passed, and an entry for another advisory allows nothing', () => {
    const expired = judgeAudit(HIGH, [allow('GHSA-mpg4-rc92-vx8v', '2026-12-05')], TODAY);
    expect(expired).toMatchObject({ ok: false, expired: [expect.objectContaining({ id: 'GHSA-mpg4-rc92-vx8v' })] });
    const other = judgeAudit(HIGH, [allow('GHSA-zzzz-zzzz-zzzz')], TODAY);
    expect(other).toMatchObject({ ok: false, unused: [expect.objectContaining({ id: 'GHSA-zzzz-zzzz-zzzz' })] });
  });

  it.each([
    // What this machine's registry answered: it refuses the bulk advisory endpoint.
    [
      'the endpoint refused',
      JSON.stringify({
        message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
        method: 'POST',
        statusCode: 405,
        body: '',
        error: { summary: '', detail: '' },
      }),
    ],
    [
      'the endpoint unreachable',
      JSON.stringify({
        message: 'request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND',
        error: { summary: 'ENOTFOUND', detail: '' },
      }),
    ],
    ['no output', ''],
    ['not JSON', 'npm ERR! something'],
    ['JSON that is not a report', '{}'],
  ])('fails when no audit was done: %s', (_what, stdout) => {
    const verdict = judgeAudit(stdout, [], TODAY);
    expect(verdict.ok).toBe(false);
    expect(verdict.error).toMatch(/npm audit/);
  });

  it('refuses an allow-list entry without a reason or a review date', () => {
    expect(() => parseAllowList('{"advisories":[{"id":"GHSA-x","package":"p","reviewBy":"2027-01-01"}]}')).toThrow(/reason/);
    expect(() => parseAllowList('{"advisories":[{"id":"GHSA-x","package":"p","reason":"r","reviewBy":"soon"}]}')).toThrow(/reviewBy/);
    expect(() => parseAllowList('{}')).toThrow(/advisories/);
  });

  it("accepts the repository's allow-list", () => {
    expect(() => parseAllowList(readFileSync(resolve(ROOT, 'audit-allowlist.json'), 'utf8'))).not.toThrow();
  });

  it('exits non-zero, saying the audit was not done, when the registry cannot be reached', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-dependencies.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('AUDIT NOT DONE');
  });
});
