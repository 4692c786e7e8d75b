/**
 * Steps several journeys share, done through the UI exactly as a person would.
 * Labels are the English strings of apps/web/src/i18n/en.json.
 */
import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'e2e-password-2026';

let counter = 0;
/** An address no other test (or earlier run) uses. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now()}-${counter}@e2e.test`;
}

export type Account = { name: string; email: string; password: string; studioName: string };

export function newAccount(label: string): Account {
  return { name: `E2E ${label}`, email: uniqueEmail(label), password: PASSWORD, studioName: `${label} studio ${Date.now()}` };
}

/** Picks an option of a Radix select (a combobox button, not a native <select>). */
export async function chooseOption(page: Page, field: string | RegExp, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: field }).click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
}

/** Step 1 of onboarding: /signup creates the account and the studio and opens step 2. */
export async function signUp(page: Page, account: Account): Promise<void> {
  // A run signs up more studios from 127.0.0.1 than the per-address limit allows in an hour (test server only).
  expect((await page.request.post('/__test__/rate-limits/forget-sign-ups')).ok()).toBe(true);
  await page.goto('/signup');
  await expect(page.getByRole('heading', { name: 'Create your studio' })).toBeVisible();
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByLabel('Studio name').fill(account.studioName);
  await page.getByRole('button', { name: 'Create my studio' }).click();
  await expect(page).toHaveURL(/\/s\/[a-z0-9-]+\/onboarding$/);
  await expect(page.getByRole('heading', { name: 'Tell us about your studio' })).toBeVisible();
}

/** Steps 2 and 3 with the values the form proposes and a first room; ends on the dashboard. */
export async function finishOnboarding(page: Page, room = { name: 'Live Room', rate: '50', capacity: '4' }): Promise<void> {
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Add your first room' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(room.name);
  await page.getByLabel(/^Hourly rate/).fill(room.rate);
  await page.getByLabel('Capacity (people)').fill(room.capacity);
  await page.getByRole('button', { name: 'Finish and open my studio' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
}

/** A new owner with an onboarded studio, on its dashboard; returns the studio's path (/s/<slug>). */
export async function newStudio(page: Page, label: string): Promise<{ account: Account; studioPath: string }> {
  const account = newAccount(label);
  await signUp(page, account);
  await finishOnboarding(page);
  const studioPath = new URL(page.url()).pathname.replace(/\/$/, '');
  return { account, studioPath };
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  // A run logs in more often from 127.0.0.1 (and as the operator) than the limits allow in 15 minutes (test server only).
  expect((await page.request.post('/__test__/rate-limits/forget-logins')).ok()).toBe(true);
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/**
 * From any logged-in page: the user menu's "Log out" lands on the log-in page.
 * It sometimes lands on `/login?next=<the page left>` instead of `/login` (a race in
 * the web app between its own redirect and the studio guard's), so only the path is checked;
 * `logIn` always starts from a plain /login.
 */
export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open the user menu' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  // exactly /login: the previous user's page must not be remembered for whoever logs in next
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
}
