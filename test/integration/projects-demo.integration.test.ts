/** The demo studio's projects: every board column has work, tracks carry credits, the album is linked to its sessions. */
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

it('seeds a board across the stages, with tracks, credits, team and linked sessions', async () => {
  const owner = new ApiClient(server.app);
  expect((await owner.mutate('auth.logIn', { email: 'owner@demo.studio', password: DEMO_PASSWORD })).error).toBeUndefined();
  const board = (
    await owner.query<{ stage: string; cards: { id: string; name: string; trackCount: number; members: unknown[] }[] }[]>(
      'projects.board',
      undefined,
      DEMO_SLUG,
    )
  ).data!;
  expect(board.filter((column) => column.cards.length > 0).map((c) => c.stage)).toEqual([
    'pre_production',
    'recording',
    'editing',
    'mixing',
    'mastering',
    'delivered',
  ]);
  const album = board.flatMap((c) => c.cards).find((c) => c.name.includes('Debut Album'))!;
  expect(album.trackCount).toBe(5);
  expect(album.members).toHaveLength(2);
  const detail = (await owner.query<{ sessions: unknown[]; clientName: string }>('projects.get', { id: album.id }, DEMO_SLUG)).data!;
  expect(detail.clientName).toBe('Les Nuits Blanches');
  expect(detail.sessions.length).toBeGreaterThan(0);
  const tracks = (await owner.query<{ id: string }[]>('tracks.list', { projectId: album.id }, DEMO_SLUG)).data!;
  const credits = (await owner.query<{ splitPercent: number | null }[]>('credits.list', { trackId: tracks[0]!.id }, DEMO_SLUG)).data!;
  expect(credits.reduce((sum, c) => sum + (c.splitPercent ?? 0), 0)).toBe(100);
  const archived = (await owner.query<{ total: number }>('projects.list', { archived: 'archived' }, DEMO_SLUG)).data!;
  expect(archived.total).toBeGreaterThanOrEqual(1);
});
