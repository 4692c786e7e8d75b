/**
 * `npm run bench:audio [-- --runs 3 --paints 5 --big-gb 2 --skip-big --runtime tsx|compiled]`
 *
 * Prints figures (not a pass/fail test) for audio uploads and processing against a real server process
 * (own embedded PostgreSQL, temporary data folder):
 *  1. upload throughput of a generated 10-minute 44.1 kHz 16-bit stereo WAV (~106 MB) through tus over HTTP;
 *  2. time from upload complete (last PATCH answered) to peaks ready, and to processing done (loudness, preview);
 *  3. server memory (RSS from /proc, V8 heap from /metrics, sampled every 100 ms) during a 2 GB streamed
 *     upload (a generated stream, stored as a stems ZIP so no audio processing follows);
 *  4. first waveform paint in Chromium: navigation → performance.mark('rsm:waveform-painted') on the track page.
 */
import { execSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { chromium } from '@playwright/test';
import { arg, freePort, ms, option, ROOT, rssMb, saveResults, startServer, stopServer, summarize, type ServerRuntime } from './lib.ts';
import { TusClient } from '../test/support/tus.ts';
import { wavStream } from '../test/support/wav.ts';

const RUNS = arg('runs', 3);
const PAINTS = arg('paints', 5);
const BIG_GB = arg('big-gb', 2);
const SKIP_BIG = process.argv.includes('--skip-big');
/** compiled: the server as `npm start` and `npm run start:prod` run it; tsx: its sources through the loader (`npm run dev`). */
const RUNTIME = option('runtime', 'compiled') as ServerRuntime;
if (RUNTIME !== 'tsx' && RUNTIME !== 'compiled') throw new Error('--runtime takes tsx or compiled');
const PORT = 3700 + (process.pid % 200);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const MB = 1024 * 1024;

const dataDir = mkdtempSync(join(tmpdir(), 'rsm-bench-audio-'));
const results: Record<string, unknown> = { date: new Date().toISOString(), runs: RUNS };

async function trpc<T>(
  cookie: string | null,
  path: string,
  input: unknown,
  kind: 'query' | 'mutation',
  slug?: string,
): Promise<{ data: T; cookie: string | null }> {
  const base = slug ? `${ORIGIN}/s/${slug}/trpc/${path}` : `${ORIGIN}/trpc/${path}`;
  const response =
    kind === 'query'
      ? await fetch(`${base}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: cookie ? { cookie } : {} })
      : await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(input) });
  const json = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!json.result) throw new Error(`${path}: ${JSON.stringify(json.error)}`);
  const set = response.headers.get('set-cookie');
  const session = set ? /rsm_session=([^;]+)/.exec(set)?.[1] : undefined;
  return { data: json.result.data, cookie: session ? `rsm_session=${session}` : cookie };
}

function sleep(msec: number) {
  return new Promise((r) => setTimeout(r, msec));
}

/** A ZIP-headed stream of `size` bytes from a repeated 1 MB block: the memory test needs bytes, not audio. */
function bigStream(size: number): Readable {
  const first = Buffer.alloc(MB, 0x5a);
  first.write('PK\x03\x04', 0, 'latin1');
  const rest = Buffer.alloc(MB, 0x5a);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const n = Math.min(MB, size - sent);
      this.push((sent === 0 ? first : rest).subarray(0, n));
      sent += n;
    },
  });
}

async function metricsHeapMb(): Promise<number | null> {
  try {
    const text = await (await fetch(`${ORIGIN}/metrics`)).text();
    const match = /^rsm_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(text);
    return match ? Number(match[1]) / MB : null;
  } catch {
    return null;
  }
}

if (!existsSync(join(ROOT, 'apps/web/dist/index.html'))) {
  console.log('Building the web app (needed for the paint measurement)…');
  execSync('npm run build -w @rsm/web', { cwd: ROOT, stdio: 'inherit' });
}

const { child } = await startServer(
  {
    NODE_ENV: 'development',
    PORT: String(PORT),
    APP_URL: ORIGIN,
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    DEMO_SEED: 'false',
    LOG_LEVEL: 'warn',
    OPERATOR_EMAILS: '',
  },
  RUNTIME,
);
const pid = child.pid!;
results.runtime = RUNTIME;

try {
  // A studio, a project, a track.
  const signUp = await trpc<{ studioSlug: string }>(
    null,
    'auth.signUp',
    { name: 'Bench', email: `bench-${Date.now()}@audio.test`, password: 'bench password 1234', studioName: 'Bench Audio' },
    'mutation',
  );
  const cookie = signUp.cookie!;
  const slug = signUp.data.studioSlug;
  const project = await trpc<{ id: string }>(cookie, 'projects.create', { name: 'Bench album' }, 'mutation', slug);
  const track = await trpc<{ id: string }>(cookie, 'tracks.create', { projectId: project.data.id, title: 'Ten minutes' }, 'mutation', slug);
  const trackId = track.data.id;
  const tus = new TusClient(ORIGIN, cookie);
  const endpoint = `/s/${slug}/uploads/`;

  // 1 + 2. The 10-minute WAV: a 220 Hz tone whose level rises and falls every few seconds.
  const wavPath = join(dataDir, 'ten-minutes.wav');
  const frames = 600 * 44100;
  await pipeline(
    wavStream({ frames, signal: (f) => 0.6 * Math.sin((2 * Math.PI * 220 * f) / 44100) * (0.5 + 0.5 * Math.sin((2 * Math.PI * f) / (44100 * 7))) }),
    createWriteStream(wavPath),
  );
  const wavSize = statSync(wavPath).size;
  console.log(`10-minute WAV: ${(wavSize / MB).toFixed(1)} MiB`);
  const throughput: number[] = [];
  const toPeaks: number[] = [];
  const toReady: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // A track per run: the same content uploaded again to one track returns the version it already is.
    const runTrack =
      run === 0
        ? trackId
        : (await trpc<{ id: string }>(cookie, 'tracks.create', { projectId: project.data.id, title: `Ten minutes ${run + 1}` }, 'mutation', slug)).data.id;
    const t0 = performance.now();
    const created = await tus.create(endpoint, wavSize, { trackId: runTrack, label: 'mix', filename: `bench-${run}.wav` });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${created.body}`);
    const done = await tus.patch(created.location!, 0, createReadStream(wavPath, { highWaterMark: MB }), wavSize);
    const uploaded = performance.now();
    if (done.status !== 204) throw new Error(`patch: ${done.status} ${done.body}`);
    throughput.push(wavSize / MB / ((uploaded - t0) / 1000));
    const versionId = String(done.headers['rsm-version-id']);
    let peaksAt: number | null = null;
    for (;;) {
      const urls = (
        await trpc<{ peaks: string | null; processing: string; processingError: string | null }>(cookie, 'audio.versionUrls', { versionId }, 'query', slug)
      ).data;
      if (urls.peaks && peaksAt === null) peaksAt = performance.now();
      if (urls.processing !== 'pending') {
        if (urls.processing === 'failed') throw new Error(`processing failed: ${urls.processingError}`);
        break;
      }
      if (performance.now() - uploaded > 120_000) throw new Error('processing did not finish in 2 minutes');
      await sleep(20);
    }
    toPeaks.push(peaksAt! - uploaded);
    toReady.push(performance.now() - uploaded);
    console.log(
      `  run ${run + 1}: upload ${((uploaded - t0) / 1000).toFixed(2)} s (${throughput.at(-1)!.toFixed(0)} MiB/s), peaks ready ${ms(toPeaks.at(-1)!)}, processing done ${ms(toReady.at(-1)!)}`,
    );
  }
  const tp = summarize(throughput);
  const peaks = summarize(toPeaks);
  const ready = summarize(toReady);
  console.log(
    `1. Upload throughput (106 MB WAV, tus, loopback): p50 ${tp.p50.toFixed(0)} MiB/s (min ${Math.min(...throughput).toFixed(0)}, max ${tp.max.toFixed(0)})`,
  );
  console.log(`2. Upload complete → peaks ready: p50 ${ms(peaks.p50)}, p95 ${ms(peaks.p95)} (target < 2 s); → loudness + preview done: p50 ${ms(ready.p50)}`);
  results.uploadMiBps = tp;
  results.peaksReadyMs = peaks;
  results.processingDoneMs = ready;

  // 3. Memory during a big streamed upload.
  const free = statfsSync(dataDir).bavail * statfsSync(dataDir).bsize;
  const bigSize = Math.round(BIG_GB * 1000 ** 3);
  if (SKIP_BIG || free < bigSize * 2.2) {
    console.log(`3. Memory during a ${BIG_GB} GB upload: skipped (${SKIP_BIG ? '--skip-big' : `only ${(free / 1e9).toFixed(1)} GB free`})`);
  } else {
    const before = rssMb(pid);
    const samples: { rss: number; heap: number | null }[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples.push({ rss: rssMb(pid).rss, heap: await metricsHeapMb() });
        await sleep(100);
      }
    })();
    const t0 = performance.now();
    const created = await tus.create(endpoint, bigSize, { trackId, label: 'stems', filename: 'big-stems.zip' });
    if (created.status !== 201) throw new Error(`big create: ${created.status} ${created.body}`);
    const done = await tus.patch(created.location!, 0, bigStream(bigSize), bigSize);
    const elapsed = performance.now() - t0;
    sampling = false;
    await sampler;
    if (done.status !== 204) throw new Error(`big patch: ${done.status} ${done.body}`);
    const rss = Math.max(...samples.map((s) => s.rss));
    const heaps = samples.map((s) => s.heap).filter((h): h is number => h !== null);
    console.log(
      `3. Server memory during a ${BIG_GB} GB upload (${samples.length} samples, ${(bigSize / MB / (elapsed / 1000)).toFixed(0)} MiB/s incl. sha256 + move): RSS before ${before.rss.toFixed(0)} MiB, peak ${rss.toFixed(0)} MiB = ${((rss * MB) / 1e6).toFixed(0)} MB (target < 200 MB), server run by ${RUNTIME}; V8 heap peak ${heaps.length ? Math.max(...heaps).toFixed(0) : '?'} MiB`,
    );
    results.bigUpload = {
      bytes: bigSize,
      seconds: elapsed / 1000,
      rssBeforeMiB: before.rss,
      rssPeakMiB: rss,
      heapPeakMiB: heaps.length ? Math.max(...heaps) : null,
      samples: samples.length,
    };
  }

  // 4. First waveform paint on the track page, from peaks.
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'rsm_session', value: cookie.split('=')[1]!, url: ORIGIN }]);
    const paints: number[] = [];
    const peaksInHand: number[] = [];
    const peaksRequest: number[] = [];
    const url = `${ORIGIN}/s/${slug}/projects/${project.data.id}/tracks/${trackId}`;
    for (let i = 0; i < PAINTS + 1; i++) {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(url, { waitUntil: 'commit' });
      const handle = await page
        .waitForFunction(() => performance.getEntriesByName('rsm:waveform-painted')[0]?.startTime ?? false, undefined, { timeout: 30_000, polling: 10 })
        .catch(() => null);
      const value = handle ? Number(await handle.jsonValue()) : null;
      if (value === null) {
        const shot = join(tmpdir(), 'rsm-bench-audio-paint.png');
        await page.screenshot({ path: shot, fullPage: true });
        throw new Error(`no rsm:waveform-painted mark on the track page within 30 s (screenshot ${shot}; ${problems.slice(0, 3).join(' | ')})`);
      }
      if (i === PAINTS) {
        // Where the time goes on the last load: the requests before the first paint, relative to navigation.
        // Browser-side code: the DOM's timing types are not in this (Node) program, hence the casts.
        const waterfall = await page.evaluate(() =>
          (performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number }[])
            .map((e) => ({
              name: new URL(e.name).pathname.replace(/^\/s\/[^/]+/, '').replace(/[0-9a-f-]{36}/g, ':id'),
              start: e.startTime,
              end: e.responseEnd,
            }))
            .filter((e) => /trpc|files|assets\/(index|track-page)/.test(e.name)),
        );
        const dom = await page.evaluate(
          () =>
            (performance.getEntriesByType('navigation' as 'resource')[0] as unknown as { domContentLoadedEventEnd?: number } | undefined)
              ?.domContentLoadedEventEnd ?? 0,
        );
        console.log(`  last load: DOMContentLoaded ${ms(dom)}, mark ${ms(value)}; requests (start → end):`);
        for (const e of waterfall) console.log(`    ${ms(e.start).padStart(10)} → ${ms(e.end).padStart(10)}  ${e.name.slice(0, 90)}`);
      }
      // The paint from peaks alone: peaks decoded in the page → drawn, and the peaks request's start → drawn.
      const fromPeaks = await page.evaluate(() => {
        const painted = performance.getEntriesByName('rsm:waveform-painted')[0]?.startTime ?? 0;
        const ready = performance.getEntriesByName('rsm:waveform-peaks-ready')[0]?.startTime ?? null;
        const request = (performance.getEntriesByType('resource') as unknown as { name: string; startTime: number }[]).find((e) =>
          /\/files\/[^/]+\/peaks/.test(e.name),
        );
        return { inHand: ready === null ? null : painted - ready, fromRequest: request ? painted - request.startTime : null };
      });
      await page.close();
      if (i === 0) console.log(`  cold load (empty cache): ${ms(value)}`);
      else {
        paints.push(value);
        if (fromPeaks.inHand !== null) peaksInHand.push(fromPeaks.inHand);
        if (fromPeaks.fromRequest !== null) peaksRequest.push(fromPeaks.fromRequest);
      }
    }
    const paint = summarize(paints);
    const inHand = summarize(peaksInHand);
    const fromRequest = summarize(peaksRequest);
    console.log(`4. First waveform paint from peaks (warm cache, ${PAINTS} loads; target < 300 ms):`);
    console.log(`   peaks decoded → painted: p50 ${ms(inHand.p50)}, p95 ${ms(inHand.p95)}`);
    console.log(`   peaks requested → painted: p50 ${ms(fromRequest.p50)}, p95 ${ms(fromRequest.p95)}`);
    console.log(`   page navigation → painted (whole page: app, log-in check, track, versions, URLs, peaks): p50 ${ms(paint.p50)}, p95 ${ms(paint.p95)}`);
    results.waveformPaintMs = paint;
    results.waveformPaintFromPeaksMs = inHand;
    results.waveformPaintFromPeaksRequestMs = fromRequest;
  } catch (error) {
    console.log(`4. First waveform paint: not measured (${error instanceof Error ? error.message : String(error)})`);
    results.waveformPaintMs = null;
  } finally {
    await browser.close();
  }

  saveResults('audio', results);
} finally {
  await stopServer(child);
  rmSync(dataDir, { recursive: true, force: true });
}
