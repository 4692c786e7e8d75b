import { expect, test } from '@playwright/test';
import { newStudio } from './support/journeys.ts';

/**
 * A hold that lapses and the hold queued behind it promoted, seen on the calendar. The holds are set up
 * through the API with the browser's own session; the business clock is moved forward through the
 * test-only hook (NODE_ENV=test), which then runs the expiries that are due, as the job runner would.
 */
test('a lapsed hold is released and the next hold in line takes the slot', async ({ page }) => {
  const { studioPath } = await newStudio(page, 'holds');
  const slug = studioPath.split('/')[2]!;
  const api = async <T>(procedure: string, input?: unknown): Promise<T> => {
    const response =
      input === undefined
        ? await page.request.get(`${studioPath}/trpc/${procedure}`)
        : await page.request.post(`${studioPath}/trpc/${procedure}`, { data: input });
    expect(response.ok(), `${procedure}: ${await response.text()}`).toBe(true);
    return ((await response.json()) as { result: { data: T } }).result.data;
  };
  const [room] = await api<{ id: string }[]>('rooms.list');
  const slot = { roomId: room!.id, startsAt: '2030-05-15T08:00:00Z', endsAt: '2030-05-15T10:00:00Z', status: 'hold', holdHours: 48 };
  await api('sessions.create', { ...slot, title: 'Hold A' });
  await api('sessions.create', { ...slot, title: 'Hold B', queueBehindHolds: true });

  await page.goto(`${studioPath}/calendar?view=day&date=2030-05-15`);
  const holdA = page.locator('[data-session-id]', { hasText: 'Hold A' });
  const holdB = page.locator('[data-session-id]', { hasText: 'Hold B' });
  await expect(holdA).toHaveAttribute('data-status', 'hold');
  await expect(holdA).not.toHaveAttribute('data-queued', /.*/);
  await expect(holdB).toHaveAttribute('data-queued', 'true');

  // 49 hours later, Hold A has lapsed.
  expect((await page.request.post('/__test__/clock', { data: { offsetMs: 49 * 3_600_000 } })).ok()).toBe(true);
  const run = await page.request.post(`/__test__/studios/${slug}/expire-due-holds`);
  expect(await run.json()).toMatchObject({ expired: 1 });
  await page.request.post('/__test__/clock', { data: { offsetMs: 0 } });

  await page.reload();
  await expect(holdB).toHaveAttribute('data-status', 'hold');
  await expect(holdB).not.toHaveAttribute('data-queued', /.*/);
  await expect(holdA).toHaveCount(0); // released (cancelled sessions are hidden)
  await holdB.click();
  await expect(page.getByRole('dialog')).toContainText('Hold B');
});

test('booking outside the studio hours warns, booking inside does not', async ({ page }) => {
  const { studioPath } = await newStudio(page, 'hours-notice');
  const post = (procedure: string, input: unknown) => page.request.post(`${studioPath}/trpc/${procedure}`, { data: input });
  // Open every day 10:00–18:00
  expect(
    (
      await post('booking.setOpeningHours', { roomId: null, hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '10:00', closesAt: '18:00' })) })
    ).ok(),
  ).toBe(true);
  await page.goto(`${studioPath}/calendar?view=day&date=2030-05-15`);
  await page
    .getByRole('button', { name: /New session/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  const notice = dialog.getByTestId('availability-notice');
  const startTime = dialog.locator('input[type="time"]').first();
  const endTime = dialog.locator('input[type="time"]').nth(1);
  await startTime.fill('07:00');
  await endTime.fill('09:00');
  await expect(notice).toBeVisible();
  await startTime.fill('11:00');
  await endTime.fill('13:00');
  await expect(notice).toBeHidden();
});
