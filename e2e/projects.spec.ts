/**
 * Projects journey through the real UI: create a project, drag its card from pre-production to
 * recording (still there after a reload) and on with its menu, add tracks and reorder them, then
 * credit a track — a split past 100 % is refused by the form, and by the database when the form's
 * view of the track was stale.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { newStudio } from './support/journeys.ts';

/** Resolves when the server has answered `count` calls of `procedure`: a reload before would drop a save in flight. */
function answered(page: Page, procedure: string, count = 1) {
  let seen = 0;
  return page.waitForResponse((response) => response.url().includes(procedure) && ++seen === count);
}

/** Press, move in small steps (so the drag starts and follows), release. */
async function dragTo(page: Page, from: Locator, to: Locator, target: 'center' | 'top' = 'center') {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  const endX = b.x + b.width / 2;
  const endY = target === 'top' ? b.y + 4 : b.y + b.height / 2;
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 3 });
  await page.mouse.move(endX, endY, { steps: 12 });
  await page.mouse.up();
}

test('a project moves across the board, its tracks are reordered and its credits stay within 100 %', async ({ page }) => {
  const { studioPath } = await newStudio(page, 'projects');

  await page.getByRole('navigation', { name: /./ }).getByRole('link', { name: 'Projects' }).first().click();
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await page.goto(`${studioPath}/projects?view=board`);

  // create
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Drag Me EP');
  await dialog.getByLabel('Due date').fill('2030-06-30');
  await dialog.getByLabel(/^Budget/).fill('1500');
  await dialog.getByLabel('E2E projects', { exact: true }).check();
  await dialog.getByLabel('Role of E2E projects').fill('Producer');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog).toBeHidden();
  const preProduction = page.getByTestId('board-column-pre_production');
  const recording = page.getByTestId('board-column-recording');
  const card = page.getByTestId('project-card').filter({ hasText: 'Drag Me EP' });
  await expect(preProduction.getByTestId('project-card').filter({ hasText: 'Drag Me EP' })).toBeVisible();

  // drag to recording, persisted
  let moved = answered(page, 'projects.move');
  await dragTo(page, card, recording);
  await expect(recording.getByTestId('project-card').filter({ hasText: 'Drag Me EP' })).toBeVisible();
  await expect(preProduction.getByTestId('project-card')).toHaveCount(0);
  await moved;
  await page.reload();
  await expect(page.getByTestId('board-column-recording').getByTestId('project-card').filter({ hasText: 'Drag Me EP' })).toBeVisible();
  await expect(page.getByTestId('board-column-pre_production').getByTestId('project-card')).toHaveCount(0);

  // the keyboard way: the card's menu
  moved = answered(page, 'projects.move');
  await page.getByRole('button', { name: 'Move Drag Me EP' }).click();
  await page.getByRole('menuitem', { name: 'Mixing' }).click();
  await expect(page.getByTestId('board-column-mixing').getByTestId('project-card').filter({ hasText: 'Drag Me EP' })).toBeVisible();
  await moved;
  await page.reload();
  await expect(page.getByTestId('board-column-mixing').getByTestId('project-card').filter({ hasText: 'Drag Me EP' })).toBeVisible();

  // tracks
  await page.getByRole('link', { name: 'Drag Me EP' }).click();
  await expect(page.getByTestId('project-title')).toHaveText('Drag Me EP');
  await expect(page.getByText('E2E projects — Producer')).toBeVisible();
  for (const title of ['Alpha', 'Beta', 'Gamma']) {
    await page.getByLabel('New track title').fill(title);
    await page.getByRole('button', { name: 'Add track' }).click();
    await expect(page.getByTestId('track-row').filter({ hasText: title })).toBeVisible();
  }
  const rows = page.getByTestId('track-row');
  await expect(rows).toHaveText([/Alpha/, /Beta/, /Gamma/]);
  // Two moves in quick succession, the first save slow on the network: the second is sent only once the first is
  // answered, so it is the order kept (sent side by side, the slow first save would land last and win).
  let slowed = false;
  const slowFirstSave = (url: URL) => url.pathname.includes('tracks.reorder');
  await page.route(slowFirstSave, async (route) => {
    if (!slowed) {
      slowed = true;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
    await route.continue();
  });
  const bothSaved = answered(page, 'tracks.reorder', 2);
  await dragTo(page, page.getByRole('button', { name: 'Drag Gamma to reorder' }), rows.first(), 'top');
  await expect(rows).toHaveText([/Gamma/, /Alpha/, /Beta/]);
  await page.getByRole('button', { name: 'Move Beta up' }).click();
  await expect(rows).toHaveText([/Gamma/, /Beta/, /Alpha/]);
  await bothSaved;
  await page.unroute(slowFirstSave);
  await page.reload();
  await expect(page.getByTestId('track-row')).toHaveText([/1\s*Gamma/, /2\s*Beta/, /3\s*Alpha/]);

  // credits on Alpha
  await page.getByRole('link', { name: 'Alpha' }).click();
  await expect(page.getByTestId('track-title')).toHaveText('Alpha');
  await page.getByRole('button', { name: 'Add credit' }).click();
  await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('Ana Producer');
  await page.getByRole('dialog').getByLabel('Producer', { exact: true }).check();
  await page.getByRole('dialog').getByLabel('Split (%)').fill('60');
  await page.getByRole('dialog').getByRole('button', { name: 'Add credit' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('credit-row').filter({ hasText: 'Ana Producer' })).toBeVisible();
  await expect(page.getByTestId('split-total')).toHaveText('Splits: 60 % of 100 %');

  await page.getByRole('button', { name: 'Add credit' }).click();
  await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('Ben Bass');
  await page.getByRole('dialog').getByLabel('Musician', { exact: true }).check();
  await page.getByRole('dialog').getByLabel('Instruments').fill('Bass, Moog');
  await page.getByRole('dialog').getByLabel('Split (%)').fill('50');
  await page.getByRole('dialog').getByRole('button', { name: 'Add credit' }).click();
  await expect(page.getByRole('dialog').getByText("This share would take the track's splits over 100 %.")).toBeVisible();

  // Meanwhile someone else credits 30 % on the same track: the dialog still believes 40 % are free,
  // so the 40 % reaches the server — and the database refuses it.
  const trackId = new URL(page.url()).pathname.split('/').pop()!;
  const other = await page.request.post(`${studioPath}/trpc/credits.create`, {
    data: { trackId, personName: 'Cleo Keys', roles: ['musician'], splitPercent: 30 },
  });
  expect(other.ok()).toBe(true);
  await page.getByRole('dialog').getByLabel('Split (%)').fill('40');
  await page.getByRole('dialog').getByRole('button', { name: 'Add credit' }).click();
  await expect(page.getByRole('dialog').getByText('The splits of this track would total 130 %: more than 100 %.')).toBeVisible();
  await expect(page.getByRole('dialog').getByText('10 % left to share on this track.')).toBeVisible();
  await page.getByRole('dialog').getByLabel('Split (%)').fill('10');
  await page.getByRole('dialog').getByRole('button', { name: 'Add credit' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('credit-row')).toHaveText([/Ana Producer/, /Cleo Keys/, /Ben Bass/]);
  await expect(page.getByTestId('split-total')).toHaveText('Splits: 100 % of 100 %');
  await expect(page.getByTestId('versions-panel')).toBeVisible();
});
