/**
 * Reviewing a track: two real WAV versions uploaded through the tus endpoint and processed by the
 * audio job (peaks, loudness), then in the browser: comments are markers on the waveform, clicking a
 * marker seeks the player, a comment is added at the playhead, and the A/B switch keeps the position.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { logIn } from './support/journeys.ts';
import { sineWav, studioCall, uploadVersion } from './support/studio-api.ts';

const STUDIO = '/s/demo';
const call = <T>(request: APIRequestContext, procedure: string, input: unknown, kind: 'query' | 'mutation' = 'mutation') =>
  studioCall<T>(request, STUDIO, procedure, input, kind);

type Stack = { versions: { id: string; processing: string; integratedLufs: number | null }[] };

test('comments are markers on the waveform; a marker seeks; a comment lands at the playhead or on a dragged range; A/B keeps the position', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await logIn(page, 'owner@demo.studio', 'demo-studio-2026');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  const request = page.context().request;

  const project = await call<{ id: string }>(request, 'projects.create', { name: `Review E2E ${Date.now()}` });
  const track = await call<{ id: string }>(request, 'tracks.create', { projectId: project.id, title: 'Night Drive' });
  const v1 = await uploadVersion(request, STUDIO, track.id, sineWav(8, { amplitude: 0.5 }), { label: 'mix', filename: 'night-drive-mix.wav' });
  const v2 = await uploadVersion(request, STUDIO, track.id, sineWav(8, { amplitude: 0.2 }), { label: 'master', filename: 'night-drive-master.wav' });

  // The audio job decodes each upload: peaks, duration, loudness.
  await expect
    .poll(async () => (await call<Stack>(request, 'versions.list', { trackId: track.id }, 'query')).versions.map((v) => v.processing).join(','), {
      timeout: 60_000,
    })
    .toBe('ready,ready');
  const stack = await call<Stack>(request, 'versions.list', { trackId: track.id }, 'query');
  expect(stack.versions.every((v) => v.integratedLufs !== null)).toBe(true);
  await call(request, 'versions.setCurrent', { versionId: v1 });
  await call(request, 'comments.create', { versionId: v1, atMs: 2500, body: 'Kick too boomy here' });
  await call(request, 'comments.create', { versionId: v1, atMs: 4000, endMs: 6000, body: 'Vocal buried in this part' });

  const perf = await page.goto(`${STUDIO}/projects/${project.id}/tracks/${track.id}`);
  expect(perf?.ok()).toBe(true);
  const player = page.getByTestId('waveform-player');
  await expect(player).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(player).toHaveAttribute('data-source-id', v1);
  const [peaksReady, painted] = await page.evaluate(() =>
    ['rsm:waveform-peaks-ready', 'rsm:waveform-painted'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? null),
  );
  expect(painted).not.toBeNull();
  expect(painted!).toBeGreaterThanOrEqual(peaksReady!);
  // Figures, not timed assertions: navigation start → first waveform draw, and peaks in hand → drawn.
  test
    .info()
    .annotations.push(
      { type: 'waveform-painted-ms', description: String(Math.round(painted!)) },
      { type: 'peaks-to-paint-ms', description: String(Math.round(painted! - peaksReady!)) },
    );

  // Both comments are markers on the waveform (inside wavesurfer's shadow root).
  const markers = player.getByTestId('comment-marker');
  await expect(markers).toHaveCount(2);
  await expect.poll(() => markerFraction(page, 4000)).toBeCloseTo(0.5, 1);

  // Clicking the range marker seeks to its start.
  await player.locator('[data-testid="comment-marker"][data-at-ms="4000"]').click();
  await expect(player).toHaveAttribute('data-current-ms', '4000');
  await expect(page.getByTestId('player-time')).toContainText('0:04.0');
  await expect(page.getByTestId('comment-thread').filter({ hasText: 'Vocal buried' })).toHaveClass(/border-primary/);

  // Clicking the point marker seeks there; a new comment lands at the playhead.
  await player.locator('[data-testid="comment-marker"][data-at-ms="2500"]').click();
  await expect(player).toHaveAttribute('data-current-ms', '2500');
  await expect(page.getByTestId('comment-composer')).toContainText('Comment at 0:02.5');
  await page.getByLabel('Comment at 0:02.5').fill('Snare could be brighter');
  await page.getByTestId('comment-submit').click();
  const added = page.getByTestId('comment-thread').filter({ hasText: 'Snare could be brighter' });
  await expect(added).toBeVisible();
  await expect(added).toContainText('0:02.5');
  await expect(markers).toHaveCount(3);
  const listed = await call<{ threads: { body: string; atMs: number }[] }>(request, 'comments.list', { versionId: v1 }, 'query');
  expect(listed.threads.find((t) => t.body === 'Snare could be brighter')?.atMs).toBe(2500);
  // A staff comment is internal until shared with the client: a badge says which, a button switches it.
  await expect(added.getByTestId('comment-visibility')).toHaveText('Internal');
  await added.getByRole('button', { name: 'Share with the client' }).click();
  await expect(added.getByTestId('comment-visibility')).toHaveText('Shared with the client');

  // Clicking a comment in the list seeks too.
  await page.getByTestId('comment-thread').filter({ hasText: 'Vocal buried' }).getByTestId('comment-seek').click();
  await expect(player).toHaveAttribute('data-current-ms', '4000');

  // Dragging across the waveform selects a range; the comment covers it.
  await page.getByRole('slider', { name: /Waveform/ }).scrollIntoViewIfNeeded();
  const wave = (await page.getByRole('slider', { name: /Waveform/ }).boundingBox())!;
  await page.mouse.move(wave.x + wave.width * 0.75, wave.y + wave.height / 2);
  await page.mouse.down();
  await page.mouse.move(wave.x + wave.width * 0.875, wave.y + wave.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByTestId('comment-composer')).toContainText(/Comment on 0:0[56]\.\d–0:0[67]\.\d/);
  await page.getByTestId('comment-composer').getByRole('textbox').fill('Outro fade starts too early');
  await page
    .getByTestId('comment-composer')
    .getByRole('checkbox', { name: /Shared with the client/ })
    .check();
  await page.getByTestId('comment-submit').click();
  await expect(page.getByTestId('comment-thread').filter({ hasText: 'Outro fade' })).toBeVisible();
  await expect(page.getByTestId('comment-thread').filter({ hasText: 'Outro fade' }).getByTestId('comment-visibility')).toHaveText('Shared with the client');
  await expect(markers).toHaveCount(4);
  const ranged = (
    await call<{ threads: { body: string; atMs: number; endMs: number | null }[] }>(request, 'comments.list', { versionId: v1 }, 'query')
  ).threads.find((t) => t.body === 'Outro fade starts too early')!;
  expect(ranged.atMs).toBeGreaterThan(5500);
  expect(ranged.atMs).toBeLessThan(6500);
  expect(ranged.endMs! - ranged.atMs).toBeGreaterThan(700);
  await expect(page.getByTestId('comment-composer')).toContainText('Comment at'); // the selection is cleared

  // A/B: compare with v2; switching keeps the playhead, and level matching is offered.
  await page.getByTestId('ab-select-b').selectOption(v2);
  await expect(page.getByTestId('level-match')).toBeChecked();
  await expect(page.getByTestId('ab-b')).toBeEnabled();
  await page.getByTestId('ab-b').click();
  await expect(player).toHaveAttribute('data-source-id', v2);
  await expect(player).toHaveAttribute('data-ready', 'true');
  await expect(player).toHaveAttribute('data-current-ms', '4000');
  await expect(markers).toHaveCount(0); // v2 has no comments of its own
  await page.getByTestId('ab-toggle').click();
  await expect(player).toHaveAttribute('data-source-id', v1);
  await expect(player).toHaveAttribute('data-current-ms', '4000');
  await expect(markers).toHaveCount(4);
  // …each at its place on the timeline (the range's marker at half of the 8 s version).
  await expect.poll(() => markerFraction(page, 4000)).toBeCloseTo(0.5, 1);
  await expect.poll(() => markerFraction(page, 2500)).toBeCloseTo(2500 / 8000, 1);

  // Keyboard on the focused waveform: arrows move 5 s (clamped to the version).
  await page.getByRole('slider', { name: /Waveform/ }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(player).toHaveAttribute('data-current-ms', '0');
  await page.keyboard.press('ArrowRight');
  await expect(player).toHaveAttribute('data-current-ms', '5000');

  // Zooming redraws from finer peaks, keeping the playhead and the markers.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.getByText('×2')).toBeVisible();
  await expect(player).toHaveAttribute('data-current-ms', '5000');
  await expect(markers).toHaveCount(4);
});

/** Where a marker's left edge sits across the waveform, 0..1. */
async function markerFraction(page: Page, atMs: number): Promise<number> {
  const wave = await page.getByRole('slider', { name: /Waveform/ }).boundingBox();
  const marker = await page.getByTestId('waveform-player').locator(`[data-testid="comment-marker"][data-at-ms="${atMs}"]`).first().boundingBox();
  return wave && marker ? (marker.x - wave.x) / wave.width : -1;
}
