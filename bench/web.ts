/**
 * `npm run bench:web [-- --loads 10]`
 *
 * Prints figures (not a pass/fail test) for how fast the web app shows the demo studio's dashboard and calendar,
 * against a real server process (own embedded PostgreSQL, temporary data folder, demo studio seeded), in Chromium:
 *  - first contentful paint (the browser's `first-contentful-paint` entry);
 *  - content visible: `performance.mark('rsm:dashboard-content')` / `'rsm:calendar-content'`, set when the page's
 *    data (not a spinner or skeleton) is on screen;
 *  - bytes transferred (document + scripts + styles + API calls, as sent over the wire: compressed or not).
 * Each page is loaded `--loads` times cold (a fresh browser context: empty cache) and as many times warm (same
 * context, cache filled), after one unmeasured warm-up load.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { arg, freePort, ms, ROOT, saveResults, startServer, stopServer, summarize } from './lib.ts';

const LOADS = arg('loads', 10);
const PORT = 3900 + (process.pid % 100);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DEMO = { email: 'owner@demo.studio', password: 'demo-studio-2026', slug: 'demo' };
const PAGES = [
  { name: 'dashboard', path: `/s/${DEMO.slug}` },
  { name: 'calendar', path: `/s/${DEMO.slug}/calendar?view=week` },
] as const;

interface Load {
  fcp: number;
  content: number;
  bytes: number;
}

async function logIn(): Promise<string> {
  const response = await fetch(`${ORIGIN}/trpc/auth.logIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO.email, password: DEMO.password }),
  });
  const session = /rsm_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!response.ok || !session) throw new Error(`log-in refused: ${response.status} ${await response.text()}`);
  return session;
}

async function newContext(browser: Browser, session: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: 'rsm_session', value: session, url: ORIGIN }]);
  return context;
}

async function load(context: BrowserContext, page: (typeof PAGES)[number]): Promise<Load> {
  const tab = await context.newPage();
  try {
    await tab.goto(`${ORIGIN}${page.path}`, { waitUntil: 'commit' });
    const mark = `rsm:${page.name}-content`;
    const handle = await tab
      .waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime ?? false, mark, { timeout: 30_000, polling: 10 })
      .catch(() => null);
    if (!handle) {
      const shot = join(tmpdir(), `rsm-bench-web-${page.name}.png`);
      await tab.screenshot({ path: shot, fullPage: true });
      throw new Error(`no ${mark} mark within 30 s (screenshot ${shot})`);
    }
    const content = Number(await handle.jsonValue());
    // FCP is reported asynchronously: wait for the entry, then count the bytes of everything loaded so far.
    // Browser-side code: the DOM's timing types are not in this (Node) program, hence the casts.
    const fcp = Number(
      await (
        await tab.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? false, undefined, {
          timeout: 10_000,
          polling: 10,
        })
      ).jsonValue(),
    );
    const bytes = await tab.evaluate(() =>
      (
        performance.getEntriesByType('navigation' as 'resource').concat(performance.getEntriesByType('resource')) as unknown as { transferSize: number }[]
      ).reduce((sum, e) => sum + e.transferSize, 0),
    );
    return { fcp, content, bytes };
  } finally {
    await tab.close();
  }
}

/** Where the time goes on one cold load: the scripts, styles and API calls, relative to navigation. */
async function waterfall(browser: Browser, session: string, page: (typeof PAGES)[number]): Promise<void> {
  const context = await newContext(browser, session);
  const tab = await context.newPage();
  await tab.goto(`${ORIGIN}${page.path}`, { waitUntil: 'commit' });
  await tab.waitForFunction((name) => performance.getEntriesByName(name).length > 0, `rsm:${page.name}-content`, { timeout: 30_000, polling: 10 });
  const entries = await tab.evaluate(() =>
    (performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number; transferSize: number }[]).map((e) => ({
      name: new URL(e.name).pathname.replace(/^\/s\/[^/]+/, ''),
      start: e.startTime,
      end: e.responseEnd,
      kb: e.transferSize / 1024,
    })),
  );
  console.log(`  ${page.name}, one cold load (start → end, transferred):`);
  for (const e of entries)
    console.log(`    ${ms(e.start).padStart(10)} → ${ms(e.end).padStart(10)}  ${e.kb.toFixed(1).padStart(7)} KiB  ${e.name.slice(0, 80)}`);
  await context.close();
}

if (!existsSync(join(ROOT, 'apps/web/dist/index.html')) || process.argv.includes('--build')) {
  console.log('Building the web app…');
  execSync('npm run build -w @rsm/web', { cwd: ROOT, stdio: 'inherit' });
}

const dataDir = mkdtempSync(join(tmpdir(), 'rsm-bench-web-'));
const { child } = await startServer({
  NODE_ENV: 'development',
  PORT: String(PORT),
  APP_URL: ORIGIN,
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: String(await freePort()),
  DEMO_SEED: 'true',
  LOG_LEVEL: 'warn',
  OPERATOR_EMAILS: '',
});
const results: Record<string, unknown> = { date: new Date().toISOString(), loads: LOADS };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const session = await logIn();
  const warm = await newContext(browser, session);
  for (const page of PAGES) {
    await load(warm, page); // warm-up: the server's first studio connection, the browser's first cache fill
    const cold: Load[] = [];
    const cached: Load[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await newContext(browser, session);
      cold.push(await load(context, page));
      await context.close();
      cached.push(await load(warm, page));
    }
    for (const [kind, loads] of [
      ['cold', cold],
      ['warm', cached],
    ] as const) {
      const fcp = summarize(loads.map((l) => l.fcp));
      const content = summarize(loads.map((l) => l.content));
      const kib = summarize(loads.map((l) => l.bytes / 1024));
      console.log(
        `${page.name.padEnd(9)} ${kind}: first contentful paint p50 ${ms(fcp.p50)}, p95 ${ms(fcp.p95)}; content visible p50 ${ms(content.p50)}, p95 ${ms(content.p95)}; transferred p50 ${kib.p50.toFixed(0)} KiB`,
      );
      results[`${page.name}-${kind}`] = { fcpMs: fcp, contentMs: content, transferredKiB: kib };
    }
    await waterfall(browser, session, page);
  }
  await warm.close();
  saveResults('web', results);
} finally {
  await browser.close();
  await stopServer(child);
  rmSync(dataDir, { recursive: true, force: true });
}
