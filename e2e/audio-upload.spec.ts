/**
 * Uploading a new version from the track page: a generated ~20 MB WAV goes up over a throttled link,
 * the network is cut mid-way, the upload says so, resumes by itself from the server's offset when the
 * network is back (not from zero), completes, and the version appears.
 */
import { expect, test, type Request } from '@playwright/test';
import { logIn } from './support/journeys.ts';
import { sineWav } from './support/studio-api.ts';

test('an interrupted upload resumes when the network is back and the version appears', async ({ page, context }) => {
  await logIn(page, 'owner@demo.studio', 'demo-studio-2026');
  await expect(page).toHaveURL(/\/s\/demo/);
  const api = async (path: string, input: unknown) => {
    const response = await page.request.post(`/s/demo/trpc/${path}`, { data: input });
    expect(response.ok(), await response.text()).toBe(true);
    return ((await response.json()) as { result: { data: { id: string } } }).result.data;
  };
  const project = await api('projects.create', { name: `Upload e2e ${Date.now()}` });
  const track = await api('tracks.create', { projectId: project.id, title: 'Resumed take' });

  await page.goto(`/s/demo/projects/${project.id}/tracks/${track.id}`);
  const uploader = page.getByTestId('upload-version');
  await expect(uploader).toBeVisible();

  const patches: number[] = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'PATCH' && request.url().includes('/uploads/')) patches.push(Number(request.headers()['upload-offset']));
  });

  // About 4 MB/s up: the 21 MB file takes several seconds, time enough to cut the line.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const throttle = (offline: boolean) =>
    cdp.send('Network.emulateNetworkConditions', { offline, latency: 5, downloadThroughput: -1, uploadThroughput: 4 * 1024 * 1024 });
  await throttle(false);

  const file = sineWav(120, { amplitude: 0.5, frequency: 440, sampleRate: 44_100, channels: 2 }); // 2 minutes of stereo 44.1 kHz 16-bit ≈ 21 MB
  await page.getByTestId('upload-file-input').setInputFiles({ name: 'resumed-take.wav', mimeType: 'audio/wav', buffer: file });
  await uploader.getByRole('button', { name: 'Upload', exact: true }).click();
  const progress = uploader.getByRole('progressbar');
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);

  await throttle(true);
  await expect(uploader.getByTestId('upload-status')).toContainText('Connection lost', { timeout: 15_000 });
  const cutAt = Number(await progress.getAttribute('aria-valuenow'));
  expect(cutAt).toBeLessThan(100);

  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await context.setOffline(false); // fires the page's `online` event too
  await expect(uploader.getByTestId('upload-status')).toContainText('Uploaded', { timeout: 60_000 });

  // It went on from where the server was, not from zero.
  expect(patches[0]).toBe(0);
  expect(patches.slice(1).every((offset) => offset > 0)).toBe(true);
  expect(patches.length).toBeGreaterThan(1);

  // The version is recorded (number 1, the file's name) and listed on the page.
  const versions = await page.request.get(`/s/demo/trpc/versions.list?input=${encodeURIComponent(JSON.stringify({ trackId: track.id }))}`);
  const stack = ((await versions.json()) as { result: { data: { versions: { number: number; originalName: string; sizeBytes: number }[] } } }).result.data;
  expect(stack.versions).toHaveLength(1);
  expect(stack.versions[0]).toMatchObject({ number: 1, originalName: 'resumed-take.wav', sizeBytes: file.length });
  await expect(page.getByTestId('versions-panel')).toContainText('resumed-take.wav', { timeout: 15_000 });

  // Processed: peaks and loudness computed, the player shows its waveform.
  await expect
    .poll(
      async () => {
        const again = await page.request.get(`/s/demo/trpc/versions.list?input=${encodeURIComponent(JSON.stringify({ trackId: track.id }))}`);
        const version = ((await again.json()) as { result: { data: { versions: { processing: string; hasPeaks: boolean; integratedLufs: number | null }[] } } })
          .result.data.versions[0]!;
        return version.processing === 'ready' && version.hasPeaks && version.integratedLufs !== null;
      },
      { timeout: 90_000 },
    )
    .toBe(true);
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('rsm:waveform-painted').length), { timeout: 30_000 }).toBeGreaterThan(0);
});
