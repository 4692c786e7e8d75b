import { expect, test } from '@playwright/test';
import { newStudio } from './support/journeys.ts';
import { endTrial, withControlDb } from './support/control-db.ts';

/**
 * A studio whose trial ended unpaid is read-only (issue 12.2): the owner sees the banner with "Choose a plan" and
 * the pages without their change buttons, everything else still shows; the public booking page says booking is
 * paused. Choosing a plan (here set directly, as the operator would) brings everything back.
 */
test('a read-only studio shows the banner, hides its changes, pauses its booking page; a plan lifts it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { studioPath } = await newStudio(page, 'read-only');
  const slug = studioPath.split('/')[2]!;
  const offered = await page.request.post(`${studioPath}/trpc/bookingPage.updateSettings`, {
    data: {
      publicBookingEnabled: true,
      instantBooking: false,
      requireApproval: true,
      holdHours: 48,
      depositPercent: 0,
      depositDueHours: 24,
      transferDetails: '',
      cancellationTiers: [],
      policyText: '',
      portalChangeCutoffHours: 24,
      minNoticeHours: 24,
      bookingWindowDays: 120,
      brandColor: '#0055aa',
      welcomeText: '',
    },
  });
  expect(offered.ok(), await offered.text()).toBe(true);
  const trialBanner = page.getByTestId('standing-banner');
  await expect(trialBanner).toContainText(/days? left/);
  await expect(trialBanner.getByRole('link', { name: 'Choose a plan' })).toBeVisible();

  await endTrial(slug);
  await page.goto(`${studioPath}/projects`);
  const banner = page.getByTestId('standing-banner');
  await expect(banner).toContainText(/read-only/i);
  await expect(banner.getByRole('link', { name: 'Choose a plan' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New project' })).toHaveCount(0);
  await page.goto(`${studioPath}/settings/rooms`);
  await expect(page.getByText('Live Room')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add a room' })).toHaveCount(0);

  // A change that slips through (an old tab) is refused with the reason.
  const refused = await page.request.post(`${studioPath}/trpc/rooms.create`, { data: { name: 'Sneaky', hourlyRateCents: 0, capacity: 1 } });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('read-only');

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/s/${slug}/book`);
  await expect(visitor.getByTestId('booking-paused')).toContainText('Online booking is paused');
  await visitor.context().close();

  await withControlDb((db) => db.query(`UPDATE studios SET billing_status = 'active', plan = 'pro' WHERE slug = $1`, [slug]));
  await expect(async () => {
    await page.goto(`${studioPath}/settings/rooms`);
    await expect(page.getByRole('button', { name: 'Add a room' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('standing-banner')).toHaveCount(0);
});
