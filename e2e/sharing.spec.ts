/**
 * Sharing a track: staff create a password-protected, listen-only link from the track page; a visitor
 * opens it, enters the password, plays (the staff list counts the play) and finds no download button;
 * once staff revoke the link it answers "not valid". A client finds a link made for them in the portal.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { logIn, logOut } from './support/journeys.ts';
import { portalLoginLink } from './support/outbox.ts';
import { sineWav, studioCall, uploadVersion } from './support/studio-api.ts';

const STUDIO = '/s/demo';
const call = <T>(request: APIRequestContext, procedure: string, input: unknown) => studioCall<T>(request, STUDIO, procedure, input);
const query = <T>(request: APIRequestContext, procedure: string, input: unknown) => studioCall<T>(request, STUDIO, procedure, input, 'query');

test('a password-protected listen-only link: open, unlock, play (counted), no download; revoked → not valid', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await logIn(page, 'owner@demo.studio', 'demo-studio-2026');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  const request = page.context().request;
  const project = await call<{ id: string }>(request, 'projects.create', { name: `Share E2E ${Date.now()}` });
  const track = await call<{ id: string }>(request, 'tracks.create', { projectId: project.id, title: 'Sunrise' });
  await uploadVersion(request, STUDIO, track.id, sineWav(4), { filename: 'share-mix.wav' });
  // The audio job computes the waveform: the share page then shows the review player.
  await expect
    .poll(
      async () =>
        (await query<{ versions: { processing: string }[] }>(request, 'versions.list', { trackId: track.id })).versions.map((v) => v.processing).join(','),
      { timeout: 60_000 },
    )
    .toBe('ready');

  // Staff: create the link from the track page.
  await page.goto(`${STUDIO}/projects/${project.id}/tracks/${track.id}`);
  await page.getByTestId('share-track').click();
  await page.getByTestId('share-recipient-name').fill('Mia Listener');
  await page.getByTestId('share-password').fill('listen-2026');
  await expect(page.getByTestId('share-allow-download')).not.toBeChecked();
  await page.getByTestId('share-create').click();
  const url = await page.getByTestId('share-created-url').inputValue();
  expect(url).toMatch(/\/s\/demo\/share\/[A-Za-z0-9_-]{43}$/);
  await page.getByRole('button', { name: 'Done' }).click();
  const row = page.getByTestId('share-row').filter({ hasText: 'Mia Listener' });
  await expect(row.getByTestId('share-status')).toHaveText('Active');
  await expect(row.getByTestId('share-plays')).toHaveText('0');

  // Visitor: another browser, no staff session.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(new URL(url).pathname);
  await expect(visitor.getByRole('heading', { name: 'This link is protected' })).toBeVisible();
  await visitor.getByLabel('Password').fill('wrong-one');
  await visitor.getByRole('button', { name: 'Open' }).click();
  await expect(visitor.getByText('Wrong password.')).toBeVisible();
  await visitor.getByLabel('Password').fill('listen-2026');
  await visitor.getByRole('button', { name: 'Open' }).click();
  await expect(visitor.getByTestId('shared-project-name')).toHaveText(/^Share E2E/);
  await expect(visitor.getByTestId('share-studio-name')).not.toBeEmpty();
  // The studio's review player (waveform), started as a listener would.
  const player = visitor.getByTestId('waveform-player');
  await expect(player).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await visitor.getByTestId('player-toggle').click();
  await expect.poll(async () => Number(await player.getAttribute('data-current-ms')), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(visitor.getByTestId('shared-download')).toHaveCount(0);

  // Staff see the play.
  await page.reload();
  await expect(page.getByTestId('share-row').filter({ hasText: 'Mia Listener' }).getByTestId('share-plays')).toHaveText('1');

  // Revoke: the visitor's page now says the link is not valid.
  await page.getByRole('button', { name: 'Revoke the link of Mia Listener' }).click();
  await page.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(page.getByTestId('share-row').filter({ hasText: 'Mia Listener' }).getByTestId('share-status')).toHaveText('Revoked');
  await visitor.reload();
  await expect(visitor.getByTestId('share-invalid')).toContainText('This link is not valid');
  await visitorContext.close();
});

test('a client finds what was shared with them in the portal, listens and comments as themselves', async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, 'owner@demo.studio', 'demo-studio-2026');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  const request = page.context().request;
  const clientEmail = `shared-client-${Date.now()}@e2e.test`;
  const client = await call<{ id: string }>(request, 'booking.createClient', { name: 'Sam Shared', email: clientEmail });
  const project = await call<{ id: string }>(request, 'projects.create', { name: `Portal Share ${Date.now()}` });
  const track = await call<{ id: string }>(request, 'tracks.create', { projectId: project.id, title: 'Evening' });
  await uploadVersion(request, STUDIO, track.id, sineWav(3), { filename: 'share-mix.wav' });
  await call(request, 'sharing.create', { target: { kind: 'track', id: track.id }, clientId: client.id, allowDownload: true });
  await logOut(page);

  await page.goto(`${STUDIO}/portal/login`);
  await page.getByLabel('E-mail').fill(clientEmail);
  await page.getByRole('button', { name: 'Send me a log-in link' }).click();
  await expect(page.getByText(/a log-in link is on its way/)).toBeVisible();
  const href = await portalLoginLink(page, clientEmail);
  await page.goto(href);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Hello Sam Shared' })).toBeVisible();

  await page.getByRole('link', { name: 'Shared with you' }).click();
  const item = page.getByTestId('portal-shares').getByRole('link').filter({ hasText: 'Evening' });
  await expect(item).toContainText('Portal Share');
  await item.click();
  await expect(page.getByTestId('shared-project-name')).toHaveText(/^Portal Share/);
  await expect(page.getByTestId('shared-download')).toBeVisible();
  await page.getByText(/^0 comments$/).click();
  await page.getByLabel('Your comment (at the current playback position)').fill('Love the chorus');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('share-comments')).toContainText('Sam Shared Love the chorus');
  // The comment is a marker on the waveform (drawn once the server has computed the peaks).
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('comment-marker')).toHaveCount(1, { timeout: 3_000 });
  }).toPass({ timeout: 40_000 });
});
