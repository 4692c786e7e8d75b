/**
 * `npm run smoke:prod` (CI, after `npm run build`): starts the compiled server exactly as `npm run start:prod` does —
 * plain node, no TypeScript loader — on a fresh embedded PostgreSQL in a temporary data folder, and checks that it
 * migrates and gets ready (`/readyz`), serves the web app (index.html and a script it names) and stops cleanly on
 * SIGTERM. Exits 1 with the server's output otherwise.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/support/free-port.ts';
import { ROOT, serverNodeArgs } from './server-command.ts';

const READY_TIMEOUT_MS = 120_000;

const args = serverNodeArgs('start:prod');
const entry = join(ROOT, args.at(-1)!);
if (!existsSync(entry)) {
  console.error(`${entry} is missing: run \`npm run build\` first.`);
  process.exit(1);
}
const dataDir = mkdtempSync(join(tmpdir(), 'rsm-smoke-prod-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, args, {
  cwd: ROOT,
  env: {
    ...process.env,
    NODE_ENV: 'production',
    TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await freePort()),
    APP_URL: `http://localhost:${port}`,
    DEMO_SEED: 'false',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (c: Buffer) => (output += c.toString()));
child.stderr.on('data', (c: Buffer) => (output += c.toString()));
const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

async function check(): Promise<string> {
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was ready`);
    if (performance.now() - started > READY_TIMEOUT_MS) throw new Error(`not ready after ${READY_TIMEOUT_MS / 1000} s`);
    const ready = await fetch(`${base}/readyz`).catch(() => null);
    if (ready?.ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const readyMs = performance.now() - started;
  const page = await fetch(`${base}/`);
  const html = await page.text();
  if (!page.ok || !html.includes('<div id="root">')) throw new Error(`GET / answered ${page.status} without the web app's page`);
  const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!script) throw new Error('the page names no script under /assets/');
  const asset = await fetch(`${base}${script}`);
  if (!asset.ok || !(asset.headers.get('content-type') ?? '').includes('javascript'))
    throw new Error(`GET ${script} answered ${asset.status} ${asset.headers.get('content-type')}`);
  return `ready in ${(readyMs / 1000).toFixed(1)} s, web app and ${script} served`;
}

let failure: unknown = null;
let summary = '';
try {
  summary = await check();
} catch (error) {
  failure = error;
}
const stopping = performance.now();
child.kill('SIGTERM');
const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000).unref())]);
if (code === 'timeout') {
  child.kill('SIGKILL');
  failure ??= new Error('the server did not stop within 30 s of SIGTERM');
} else if (code !== 0 && !failure) {
  failure = new Error(`the server stopped with exit code ${code}`);
}
const stoppedMs = performance.now() - stopping;
rmSync(dataDir, { recursive: true, force: true });
if (failure) {
  console.error(`start:prod smoke test failed: ${failure instanceof Error ? failure.message : String(failure)}\n--- server output ---\n${output}`);
  process.exit(1);
}
console.log(`start:prod (node ${args.join(' ')}): ${summary}, stopped cleanly in ${(stoppedMs / 1000).toFixed(1)} s.`);
