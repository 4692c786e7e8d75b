/** The demo studio's money settings: billing details filled in and a catalogue on the standard rate. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../support/api.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { DEMO_PASSWORD, DEMO_SLUG, ensureDemoStudio } from '../../apps/server/src/demo/seed.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
  await ensureDemoStudio(server.platform);
});
afterAll(async () => server?.close());

it('shows billing details and a priced catalogue', async () => {
  const owner = new ApiClient(server.app);
  expect((await owner.mutate('auth.logIn', { email: 'owner@demo.studio', password: DEMO_PASSWORD })).error).toBeUndefined();
  const details = (await owner.query<Record<string, unknown>>('money.billingDetails.get', undefined, DEMO_SLUG)).data!;
  expect(details).toMatchObject({ legalName: 'Studio Lumière SARL', legalForm: 'SARL', iban: 'FR7630006000011234567890189', invoicePrefix: 'F' });
  const items = (await owner.query<{ name: string; unitPriceCents: number; vatRate: { basisPoints: number } }[]>('money.catalogue.list', {}, DEMO_SLUG)).data!;
  expect(items).toHaveLength(5);
  expect(items.every((i) => i.vatRate.basisPoints === 2000 && i.unitPriceCents > 0)).toBe(true);
});
