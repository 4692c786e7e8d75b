/**
 * `npm run audit:deps` (run by CI): `npm audit --omit=dev --audit-level=high` with an allow-list. Fails on any high or
 * critical advisory against a production dependency unless audit-allowlist.json lists it with a reason and a review
 * date that has not passed. Fails loudly when the audit could not be done (registry's audit endpoint unreachable or
 * refusing, an answer that is not an audit report): an audit that did not run has not passed.
 *
 * audit-allowlist.json: { "advisories": [{ "id": "GHSA-xxxx-xxxx-xxxx", "package": "name", "reason": "why it does not
 * reach us / what we wait for", "reviewBy": "YYYY-MM-DD" }] }. `id` is the advisory's GHSA id (the end of its URL)
 * or npm's numeric advisory id.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FAILING_SEVERITIES = new Set(['high', 'critical']);

export interface AllowEntry {
  id: string;
  package: string;
  reason: string;
  reviewBy: string;
}

export interface Advisory {
  id: string;
  source: number;
  package: string;
  severity: string;
  title: string;
  url: string;
}

export interface AuditVerdict {
  ok: boolean;
  /** Why the audit itself could not be trusted (no report); null when there was a report. */
  error: string | null;
  failing: Advisory[];
  allowed: Advisory[];
  expired: AllowEntry[];
  unused: AllowEntry[];
  audited: number;
}

interface ViaAdvisory {
  source: number;
  name: string;
  title: string;
  url: string;
  severity: string;
}

interface AuditReport {
  auditReportVersion?: number;
  vulnerabilities?: Record<string, { via: (string | ViaAdvisory)[] }>;
  metadata?: { dependencies?: { prod?: number; total?: number } };
  error?: { summary?: string; detail?: string };
  message?: string;
}

export function parseAllowList(text: string): AllowEntry[] {
  const parsed = JSON.parse(text) as { advisories?: unknown };
  if (!Array.isArray(parsed.advisories)) throw new Error('audit-allowlist.json: "advisories" must be an array');
  return parsed.advisories.map((entry: Partial<AllowEntry>, i) => {
    for (const key of ['id', 'package', 'reason', 'reviewBy'] as const) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') throw new Error(`audit-allowlist.json: advisory ${i + 1} needs a non-empty "${key}"`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.reviewBy!) || Number.isNaN(Date.parse(entry.reviewBy!)))
      throw new Error(`audit-allowlist.json: advisory ${i + 1}: "reviewBy" must be a date YYYY-MM-DD`);
    return entry as AllowEntry;
  });
}

function advisoryId(via: ViaAdvisory): string {
  return /\/(GHSA-[\w-]+)$/i.exec(via.url ?? '')?.[1] ?? String(via.source);
}

/** Judges `npm audit --json` output (stdout) against the allow-list, on `today` (YYYY-MM-DD). */
export function judgeAudit(stdout: string, allowList: AllowEntry[], today: string): AuditVerdict {
  const verdict: AuditVerdict = { ok: false, error: null, failing: [], allowed: [], expired: [], unused: [], audited: 0 };
  let report: AuditReport;
  try {
    report = JSON.parse(stdout) as AuditReport;
  } catch {
    return { ...verdict, error: `npm audit did not answer with JSON: ${stdout.slice(0, 300) || '(nothing)'}` };
  }
  if (report.error || !report.vulnerabilities || !report.metadata) {
    const detail = [report.message, report.error?.summary, report.error?.detail].filter(Boolean).join(' — ');
    return { ...verdict, error: `npm audit could not get an audit report from the registry: ${detail || 'no report in its answer'}` };
  }
  verdict.audited = report.metadata.dependencies?.prod ?? report.metadata.dependencies?.total ?? 0;
  const advisories = new Map<number, Advisory>();
  for (const vulnerability of Object.values(report.vulnerabilities)) {
    for (const via of vulnerability.via) {
      if (typeof via === 'string') continue; // points at another package's entry, which holds the advisory
      advisories.set(via.source, { id: advisoryId(via), source: via.source, package: via.name, severity: via.severity, title: via.title, url: via.url });
    }
  }
  const used = new Set<AllowEntry>();
  for (const advisory of advisories.values()) {
    if (!FAILING_SEVERITIES.has(advisory.severity)) continue;
    const entry = allowList.find((e) => e.id === advisory.id || e.id === String(advisory.source));
    if (!entry) {
      verdict.failing.push(advisory);
      continue;
    }
    used.add(entry);
    if (entry.reviewBy < today) {
      verdict.expired.push(entry);
      verdict.failing.push(advisory);
    } else {
      verdict.allowed.push(advisory);
    }
  }
  verdict.unused = allowList.filter((e) => !used.has(e));
  verdict.ok = verdict.failing.length === 0;
  return verdict;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..');
  const allowList = parseAllowList(readFileSync(join(root, 'audit-allowlist.json'), 'utf8'));
  const audit = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const verdict = judgeAudit(audit.stdout ?? '', allowList, new Date().toISOString().slice(0, 10));
  if (verdict.error) {
    console.error(`AUDIT NOT DONE (no report, exit 2): ${verdict.error}\n${(audit.stderr ?? '').trim()}`);
    process.exit(2);
  }
  for (const a of verdict.allowed) console.log(`allowed (audit-allowlist.json): ${a.id} ${a.severity} in ${a.package}: ${a.title}`);
  for (const e of verdict.unused) console.log(`note: audit-allowlist.json lists ${e.id} (${e.package}), which no longer applies: remove it`);
  for (const e of verdict.expired)
    console.error(`audit-allowlist.json: the review of ${e.id} (${e.package}) was due ${e.reviewBy}: review it and update the date, or fix`);
  for (const a of verdict.failing) console.error(`${a.severity.toUpperCase()} ${a.id} in ${a.package}: ${a.title} — ${a.url}`);
  if (!verdict.ok) {
    console.error(`${verdict.failing.length} high or critical advisories against production dependencies (npm audit --omit=dev).`);
    process.exit(1);
  }
  console.log(`npm audit: ${verdict.audited} production dependencies, no high or critical advisory${verdict.allowed.length ? ' outside the allow-list' : ''}.`);
}
