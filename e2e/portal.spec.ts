import { expect, test, type Page } from '@playwright/test';
import { logIn, logOut, newStudio, uniqueEmail } from './support/journeys.ts';
import { portalLoginLink } from './support/outbox.ts';
import { studioCall } from './support/studio-api.ts';

/** Staff set-up through the studio's own API (the journey under test is the client's). */
function studioApi<T>(page: Page, studioPath: string, procedure: string, input: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> {
  return studioCall<T>(page.request, studioPath, procedure, input, kind);
}

test('a client asks for a log-in link, confirms it from the mailed page, sees their sessions and cancels one after seeing the outcome; staff see the outcome before cancelling too', async ({
  page,
}) => {
  const { account, studioPath } = await newStudio(page, 'portal');
  const clientEmail = uniqueEmail('portal-client');
  const rooms = await studioApi<{ id: string }[]>(page, studioPath, 'rooms.list', { includeArchived: false }, 'query');
  const client = await studioApi<{ id: string }>(page, studioPath, 'booking.createClient', { name: 'Paula Portal', email: clientEmail });
  const day = new Date(Math.floor(Date.now() / 86_400_000 + 10) * 86_400_000);
  const startsAt = new Date(day.getTime() + 9 * 3_600_000);
  await studioApi(page, studioPath, 'sessions.create', {
    roomId: rooms[0]!.id,
    clientId: client.id,
    title: 'Vocal tracking',
    status: 'confirmed',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
  });
  const laterStart = new Date(startsAt.getTime() + 86_400_000);
  const later = await studioApi<{ id: string }>(page, studioPath, 'sessions.create', {
    roomId: rooms[0]!.id,
    clientId: client.id,
    title: 'Overdubs',
    status: 'confirmed',
    startsAt: laterStart.toISOString(),
    endsAt: new Date(laterStart.getTime() + 2 * 3_600_000).toISOString(),
  });
  await logOut(page);

  // The client asks for a link: the answer says nothing about whether the address is known.
  await page.goto(`${studioPath}/portal`);
  await expect(page).toHaveURL(new RegExp(`${studioPath}/portal/login$`));
  await expect(page.getByRole('heading', { name: /^Log in to / })).toBeVisible();
  await page.getByLabel('E-mail').fill(clientEmail);
  await page.getByRole('button', { name: 'Send me a log-in link' }).click();
  await expect(page.getByText(/a log-in link is on its way/)).toBeVisible();

  const href = await portalLoginLink(page, clientEmail);
  // A mail scanner fetching the link first neither logs in nor uses it up.
  expect((await page.request.get(href)).ok()).toBe(true);

  await page.goto(href);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Hello Paula Portal' })).toBeVisible();
  const row = page.getByTestId('portal-session-row').filter({ hasText: 'Vocal tracking' });
  await expect(row).toContainText('Confirmed');
  await row.click();

  await expect(page.getByRole('heading', { name: /Vocal tracking/, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel this session' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByTestId('cancellation-outcome')).toContainText('Refundable');
  await expect(dialog.getByTestId('cancellation-outcome')).toContainText('Nothing was paid');
  await dialog.getByLabel('Message to the studio (optional)').fill('Our singer is ill');
  await dialog.getByRole('button', { name: 'Cancel the session' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: /Vocal tracking/, level: 1 })).toContainText('Cancelled');

  // The used link no longer works; the page offers a new one.
  await page.goto(href);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('This link was already used.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send me a new link' })).toBeVisible();

  // Logging out ends the portal session.
  await page.goto(`${studioPath}/portal`);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(new RegExp(`${studioPath}/portal/login$`));

  // Staff cancel the other session from the calendar: the outcome shows first; waiving needs a reason.
  await logIn(page, account.email, account.password);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await page.goto(`${studioPath}/calendar?view=agenda&date=${laterStart.toISOString().slice(0, 10)}`);
  await page.locator(`[data-session-id="${later.id}"]`).click();
  const panel = page.getByTestId('session-panel');
  await panel.getByRole('button', { name: 'Cancel the session' }).click();
  const staffDialog = page.getByRole('alertdialog', { name: 'Cancel “Overdubs”?' });
  await expect(staffDialog.getByTestId('cancellation-outcome')).toContainText('Nothing was paid');
  await staffDialog.getByLabel('Waive the policy (full refund)').check();
  await expect(staffDialog.getByTestId('cancellation-outcome')).toContainText('The policy is waived');
  await expect(staffDialog.getByRole('button', { name: 'Cancel the session' })).toBeDisabled();
  await staffDialog.getByLabel('Why the policy is waived (required)').fill('Studio maintenance');
  await staffDialog.getByRole('button', { name: 'Cancel the session' }).click();
  await expect(staffDialog).toBeHidden();
  // The recorded outcome shows on the cancelled session.
  await page.getByRole('button', { name: 'Show cancelled' }).click();
  await page.locator(`[data-session-id="${later.id}"]`).click();
  await expect(panel.getByRole('heading', { name: 'Cancellation' })).toBeVisible();
  await expect(panel.getByTestId('cancellation-outcome')).toContainText('The policy is waived');
  await expect(panel).toContainText('Cancelled by the studio · Studio maintenance');
  const recorded = await studioApi<{ recorded: boolean; basis: string; reason: string }>(page, studioPath, 'cancellations.preview', { id: later.id }, 'query');
  expect(recorded).toMatchObject({ recorded: true, basis: 'waived', reason: 'Studio maintenance' });
});
