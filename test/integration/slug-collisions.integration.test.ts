/**
 * Studios with the same name get distinct addresses, and every address the
 * server picks is one the studio settings form accepts (slugSchema): an owner
 * must be able to save their profile without being forced to rename.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { slugSchema } from '@rsm/shared/schemas';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, uniqueEmail } from '../support/api.ts';
import { createStudio, freshIp } from '../support/studios.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => server?.close());

it('gives ten studios with the same long name ten distinct, valid, savable addresses', async () => {
  const name = 'The Extraordinarily Long Named Recording Studio';
  const studios = [];
  for (let i = 0; i < 10; i++) studios.push(await createStudio(server, { studioName: name }));
  const slugs = studios.map((s) => s.slug);
  expect(new Set(slugs).size).toBe(10);
  for (const studio of studios) {
    expect(slugSchema.safeParse(studio.slug).success, `${studio.slug} (${studio.slug.length} characters) is refused by slugSchema`).toBe(true);
    const saved = await studio.owner.mutate('studio.update', { name, slug: studio.slug, timeZone: 'Europe/Paris', currency: 'EUR', locale: 'en' }, studio.slug);
    expect(saved.error, `saving the profile of ${studio.slug}: ${JSON.stringify(saved.error?.data.fieldErrors)}`).toBeUndefined();
  }
});

it('lets simultaneous sign-ups of studios with the same name all succeed, each at its own address', async () => {
  // A race between generated addresses is timing-dependent: several rounds make a lost race very likely to show.
  for (const round of [1, 2, 3, 4]) {
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () =>
        new ApiClient(server.app, { ip: freshIp() }).mutate<{ studioSlug: string }>('auth.signUp', {
          name: 'Same Name',
          email: uniqueEmail('same'),
          password: 'correct horse battery',
          studioName: `Simultaneous Sound ${round}`,
        }),
      ),
    );
    // Nobody chose an address: a collision between generated ones is the server's to resolve, not a sign-up failure.
    expect(attempts.map((a) => a.error?.data.appCode ?? 'ok')).toEqual(Array(10).fill('ok'));
    const slugs = attempts.map((a) => a.data!.studioSlug);
    expect(new Set(slugs).size).toBe(10);
    for (const slug of slugs) expect(slugSchema.safeParse(slug).success).toBe(true);
  }
});
