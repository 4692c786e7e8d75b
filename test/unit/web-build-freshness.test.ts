/**
 * `npm start` builds the web app only when needed (apps/web/build/source-stamp.ts): a missing build or any changed
 * input builds; nothing changed skips the build, and finding that out is fast.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceStamp, STAMP_FILE, webBuildFreshness } from '../../apps/web/build/source-stamp.ts';

let root = '';
const dist = () => join(root, 'apps/web/dist');

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** Runs the Vite plugin's hooks as a build does; `writes: false` is a build that failed before writing. */
async function build({ writes = true } = {}): Promise<void> {
  const plugin = sourceStamp(root) as unknown as {
    configResolved: (config: { root: string; build: { outDir: string } }) => void;
    buildStart: () => void;
    writeBundle: () => void;
    closeBundle: { handler: () => void };
  };
  rmSync(dist(), { recursive: true, force: true });
  plugin.configResolved({ root: join(root, 'apps/web'), build: { outDir: 'dist' } });
  plugin.buildStart();
  if (writes) {
    write('apps/web/dist/index.html', '<!doctype html>');
    plugin.writeBundle();
  }
  plugin.closeBundle.handler();
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rsm-web-stamp-'));
  write('apps/web/index.html', '<div id="root"></div>');
  write('apps/web/vite.config.ts', 'export default {};');
  write('apps/web/src/main.tsx', 'console.log(1);');
  write('apps/web/public/favicon.svg', '<svg/>');
  write('packages/shared/src/money.ts', 'export const a = 1;');
  write('tsconfig.base.json', '{}');
  write('package-lock.json', '{"lockfileVersion":3}');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the web build freshness check', () => {
  it('builds when there is no build, and not after a build of the same sources', async () => {
    expect(webBuildFreshness(root)).toMatchObject({ fresh: false, reason: 'no build in apps/web/dist' });
    await build();
    expect(webBuildFreshness(root).fresh).toBe(true);
  });

  it('builds when a build has no stamp (a build from before the stamp, or a failed one)', async () => {
    await build();
    rmSync(join(dist(), STAMP_FILE));
    expect(webBuildFreshness(root)).toMatchObject({ fresh: false, reason: 'the build has no source stamp' });
    await build({ writes: false });
    expect(webBuildFreshness(root).fresh).toBe(false);
  });

  it.each([
    ['a page', 'apps/web/src/main.tsx', 'console.log(2);'],
    ['a new page', 'apps/web/src/pages/new.tsx', 'export {};'],
    ['index.html', 'apps/web/index.html', '<div id="app"></div>'],
    ['the Vite configuration', 'apps/web/vite.config.ts', 'export default { base: "/" };'],
    ['a public file', 'apps/web/public/favicon.svg', '<svg></svg>'],
    ['an .env file', 'apps/web/.env', 'VITE_X=1'],
    ['@rsm/shared', 'packages/shared/src/money.ts', 'export const a = 2;'],
    ['the lockfile (dependency versions)', 'package-lock.json', '{"lockfileVersion":3,"x":1}'],
  ])('builds when %s changed', async (_what, path, content) => {
    await build();
    write(path, content);
    expect(webBuildFreshness(root)).toMatchObject({ fresh: false, reason: 'sources changed since the last build' });
  });

  it('builds when a source is removed', async () => {
    await build();
    rmSync(join(root, 'apps/web/public/favicon.svg'));
    expect(webBuildFreshness(root).fresh).toBe(false);
  });

  it('does not build for a touched but unchanged file, the build output or dependencies', async () => {
    await build();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'apps/web/src/main.tsx'), later, later);
    write('apps/web/node_modules/x/index.js', 'x');
    write('apps/web/dist/assets/extra.js', 'x');
    expect(webBuildFreshness(root).fresh).toBe(true);
  });

  it('takes well under 200 ms on this repository', () => {
    webBuildFreshness();
    const started = performance.now();
    webBuildFreshness();
    expect(performance.now() - started).toBeLessThan(200);
  });
});
