import { expect, test } from '@playwright/test';
import { finishOnboarding, newAccount, signUp } from './support/journeys.ts';
import { studioCall } from './support/studio-api.ts';

/**
 * What a new studio owner meets first: opening hours proposed in onboarding, "New session" proposing an open
 * slot (not 04:00 on a closed day), next steps on the dashboard; and a vocal booth linked to the live room
 * shaded while the live room is booked, with the refusal shown beside the button that was pressed.
 */

// Sunday 19 May 2030 (closed by default) and the Monday after; the studio's zone is the browser's.
const SUNDAY = '2030-05-19';
const MONDAY = '2030-05-20';

test('a new studio: hours in onboarding, next steps, the next open slot, and a linked room shaded and refused in place', async ({ page }) => {
  test.setTimeout(150_000); // a whole first day: sign-up, onboarding, dashboard, two calendar visits
  await signUp(page, newAccount('getting-started'));

  // Onboarding proposes Monday–Saturday 10:00–22:00, Sunday closed.
  const hours = page.getByRole('region', { name: 'Opening hours' });
  const monday = hours.getByRole('group', { name: 'Monday' });
  await expect(monday.getByLabel('Opens', { exact: true })).toHaveValue('10:00');
  await expect(monday.getByLabel('Closes', { exact: true })).toHaveValue('22:00');
  await expect(hours.getByRole('group', { name: 'Sunday' }).getByLabel('Opens', { exact: true })).toHaveCount(0);
  await finishOnboarding(page, { name: 'Live Room', rate: '50', capacity: '4' });
  const studioPath = new URL(page.url()).pathname.replace(/\/$/, '');

  // The dashboard's next steps: hours done, the rest as links.
  const steps = page.getByTestId('next-steps');
  await expect(steps.getByRole('link', { name: 'Book your first session' })).toBeVisible();
  await expect(steps.getByRole('link', { name: 'Turn on your public booking page' })).toBeVisible();
  await expect(steps.getByRole('link', { name: 'Invite your team' })).toBeVisible();
  await expect(steps).toContainText('Set your opening hours (done)');

  // "New session" on a closed Sunday proposes Monday at opening.
  await page.goto(`${studioPath}/calendar?view=day&date=${SUNDAY}`);
  await page.getByRole('button', { name: 'New session' }).click();
  const dialog = page.getByRole('dialog', { name: 'New session' });
  await expect(dialog.getByLabel('Start date')).toHaveValue(MONDAY);
  await expect(dialog.getByLabel('Start time')).toHaveValue('10:00');
  await expect(dialog.getByLabel('End time')).toHaveValue('11:00');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // A vocal booth linked to the live room; the live room booked Monday 14:00–16:00.
  const rooms = await studioCall<{ id: string; name: string }[]>(page.request, studioPath, 'rooms.list', {}, 'query');
  const live = rooms.find((room) => room.name === 'Live Room')!;
  const booth = await studioCall<{ id: string }>(page.request, studioPath, 'rooms.create', { name: 'Vocal Booth', hourlyRateCents: 3000, capacity: 2 });
  await studioCall(page.request, studioPath, 'booking.updateRoomRules', {
    id: live.id,
    halfDayRateCents: null,
    dayRateCents: null,
    hourlyRateWithEngineerCents: null,
    setupBufferMinutes: 0,
    teardownBufferMinutes: 0,
    minDurationMinutes: 60,
    incrementMinutes: 30,
    overtimeBlockMinutes: 30,
    linkedRoomIds: [booth.id],
  });
  const times = await page.evaluate(
    (day) => ({ startsAt: new Date(`${day}T14:00:00`).toISOString(), endsAt: new Date(`${day}T16:00:00`).toISOString() }),
    MONDAY,
  );
  await studioCall(page.request, studioPath, 'sessions.create', { roomId: live.id, engineerIds: [], ...times, title: 'Band tracking' });

  // The booth's column is shaded for that time, labelled with the room that blocks it.
  await page.goto(`${studioPath}/calendar?view=day&date=${MONDAY}`);
  const boothColumn = page.getByRole('group', { name: 'Vocal Booth' });
  const shaded = boothColumn.getByTestId('linked-block');
  await expect(shaded).toHaveText('Blocked by Live Room session');
  await expect(page.getByRole('group', { name: 'Live Room' }).getByTestId('linked-block')).toHaveCount(0);

  // Booking the booth then is refused, and the reason is next to the submit button, in view.
  await page.getByRole('button', { name: 'New session' }).click();
  await dialog.getByLabel('Title').fill('Vocals');
  await dialog.getByRole('combobox', { name: 'Room' }).click();
  await page.getByRole('option', { name: 'Vocal Booth' }).click();
  await dialog.getByLabel('Start date').fill(MONDAY);
  await dialog.getByLabel('Start time').fill('15:00');
  await dialog.getByLabel('End date').fill(MONDAY);
  await dialog.getByLabel('End time').fill('16:00');
  const submit = dialog.getByRole('button', { name: 'Book the session' });
  await submit.click();
  const refusal = dialog.getByRole('alert').filter({ hasText: 'Band tracking' });
  await expect(refusal).toBeInViewport();
  const [alertBox, submitBox] = [(await refusal.boundingBox())!, (await submit.boundingBox())!];
  expect(submitBox.y - (alertBox.y + alertBox.height)).toBeLessThan(120);
  expect(submitBox.y).toBeGreaterThan(alertBox.y);
  await expect(dialog.getByTestId('availability-notice')).toHaveCount(0);
});
