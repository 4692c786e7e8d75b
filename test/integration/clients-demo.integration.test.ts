/** The demo studio's CRM: companies with their people and roles, tags, notes by the team, accent-less search. */
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

it('shows companies, contacts with roles, tags and notes', async () => {
  const owner = new ApiClient(server.app);
  expect((await owner.mutate('auth.logIn', { email: 'owner@demo.studio', password: DEMO_PASSWORD })).error).toBeUndefined();
  const companies = (await owner.query<{ items: { name: string }[] }>('clients.list', { kind: 'company' }, DEMO_SLUG)).data!;
  expect(companies.items.map((c) => c.name)).toEqual(['Disques Méridien', 'Les Nuits Blanches', 'Northbound Management']);
  const found = (await owner.query<{ items: { id: string; name: string }[] }>('clients.list', { q: 'disques meridien' }, DEMO_SLUG)).data!;
  expect(found.items.map((c) => c.name)).toEqual(['Disques Méridien']);
  const label = (await owner.query<{ contacts: { name: string; roles: string[] }[] }>('clients.get', { id: found.items[0]!.id }, DEMO_SLUG)).data!;
  expect(label.contacts).toMatchObject([{ name: 'Chloé Dubois', roles: ['label_contact', 'payer'] }]);
  const notes = (await owner.query<{ items: { authorName: string }[] }>('clients.notes.list', { clientId: found.items[0]!.id }, DEMO_SLUG)).data!;
  expect(notes.items.map((n) => n.authorName)).toEqual(['Inès Moreau']);
  const tags = (await owner.query<{ tag: string }[]>('clients.tags', undefined, DEMO_SLUG)).data!;
  expect(tags.map((t) => t.tag)).toEqual(expect.arrayContaining(['vip', 'label', 'rock']));
});
