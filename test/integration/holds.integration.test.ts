/**
 * Holds expire by themselves and promote the next hold: through the API (create), the durable job
 * runner (pg-boss on the control database) and a controlled clock; both clients are told by e-mail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { runHoldExpiry, warnHoldExpiring } from '../../apps/server/src/modules/booking/booking.jobs.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';
import { pendingWork, withStudioDb } from '../support/studios.ts';
import { mailsTo } from '../support/public-booking.ts';

let server: TestServer;
let owner: ApiClient;
let slug: string;
let studioId: string;
let roomId: string;
let ownerEmail: string;
const clients: Record<string, string> = {};

beforeAll(async () => {
  server = await createTestServer();
  owner = new ApiClient(server.app);
  const studio = await signUpStudio(owner, { studioName: 'Holding Pattern' });
  slug = studio.slug;
  ownerEmail = studio.email;
  const [row] = await server.platform.controlDb.select({ id: control.studios.id }).from(control.studios).where(eq(control.studios.slug, slug));
  studioId = row!.id;
  roomId = (await owner.mutate<{ id: string }>('rooms.create', { name: 'Studio A', hourlyRateCents: 5000, capacity: 5 }, slug)).data!.id;
  for (const name of ['First Band', 'Second Band']) {
    const created = await owner.mutate<{ id: string }>('booking.createClient', { name, email: `${name.toLowerCase().replace(' ', '.')}@example.test` }, slug);
    clients[name] = created.data!.id;
  }
});
afterAll(async () => server?.close());

const slot = { startsAt: '2030-05-06T09:00:00Z', endsAt: '2030-05-06T12:00:00Z' };

async function status(id: string) {
  return withStudioDb(server, studioId, async (db) => {
    const [s] = await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, id));
    const blocking = await db
      .select()
      .from(tenant.sessionResources)
      .where(and(eq(tenant.sessionResources.sessionId, id), eq(tenant.sessionResources.blocking, true)));
    return { status: s!.status, blocking: blocking.length > 0, holdExpiresAt: s!.holdExpiresAt };
  });
}

describe('hold expiry and promotion', () => {
  it('warns the client 12 hours before the hold ends, only while it is still that hold', async () => {
    const hold = await owner.mutate<{ id: string; holdExpiresAt: string }>(
      'sessions.create',
      {
        roomId,
        startsAt: '2030-05-20T09:00:00Z',
        endsAt: '2030-05-20T11:00:00Z',
        title: 'Warned hold',
        status: 'hold',
        holdHours: 48,
        clientId: clients['First Band'],
      },
      slug,
    );
    const expiresAt = hold.data!.holdExpiresAt;
    expect((await pendingWork(server, studioId, 'hold-expiring', hold.data!.id)).map((d) => d.getTime())).toEqual([Date.parse(expiresAt) - 12 * 3_600_000]);
    expect(await warnHoldExpiring(server.platform, studioId, hold.data!.id, expiresAt)).toBe(true);
    expect((await mailsTo(server, 'first.band@example.test')).map((m) => m.template)).toContain('hold-expiring');
    await owner.mutate('sessions.changeStatus', { id: hold.data!.id, status: 'confirmed' }, slug);
    expect(await warnHoldExpiring(server.platform, studioId, hold.data!.id, expiresAt)).toBe(false); // confirmed meanwhile: no warning
  });

  it('releases a lapsed hold, promotes the queued one, and tells both clients', async () => {
    const first = await owner.mutate<{ id: string; queued: boolean; holdExpiresAt: string }>(
      'sessions.create',
      { roomId, ...slot, title: 'Album demos', status: 'hold', holdHours: 48, clientId: clients['First Band'] },
      slug,
    );
    expect(first.data).toMatchObject({ queued: false });
    const second = await owner.mutate<{ id: string; queued: boolean }>(
      'sessions.create',
      { roomId, ...slot, title: 'EP tracking', status: 'hold', holdHours: 48, queueBehindHolds: true, clientId: clients['Second Band'] },
      slug,
    );
    expect(second.data).toMatchObject({ queued: true });

    // Before expiry nothing happens.
    expect((await runHoldExpiry(server.platform, studioId, first.data!.id))?.expired).toBeNull();
    expect(await status(first.data!.id)).toMatchObject({ status: 'hold', blocking: true });

    // 49 hours later the first hold lapses.
    const later = new Date(Date.now() + 49 * 3600_000);
    server.platform.clock = { now: () => later };
    const result = await runHoldExpiry(server.platform, studioId, first.data!.id);
    expect(result?.expired?.id).toBe(first.data!.id);
    expect(result?.promoted.map((p) => p.id)).toEqual([second.data!.id]);
    expect(await status(first.data!.id)).toMatchObject({ status: 'cancelled', blocking: false });
    const promoted = await status(second.data!.id);
    expect(promoted).toMatchObject({ status: 'hold', blocking: true });
    expect(promoted.holdExpiresAt!.getTime()).toBeGreaterThan(later.getTime()); // a fresh hold period from now

    expect((await mailsTo(server, 'first.band@example.test')).map((m) => m.template)).toContain('hold-released');
    expect((await mailsTo(server, 'second.band@example.test')).map((m) => m.template)).toContain('hold-promoted');
    // the studio is told too, with who is next in line
    const [studioNotice] = (await mailsTo(server, ownerEmail)).filter((m) => m.template === 'studio-hold-released');
    expect(studioNotice?.textBody).toContain('"EP tracking" (Second Band)');
    // The slot is now held by the second band: a confirmed booking is refused and names them.
    const refused = await owner.mutate('sessions.create', { roomId, ...slot, title: 'Walk-in' }, slug);
    expect(refused.error?.message).toContain("'EP tracking'");
    server.platform.clock = { now: () => new Date() };
  });

  it('does nothing to a hold confirmed in time', async () => {
    const hold = await owner.mutate<{ id: string }>(
      'sessions.create',
      { roomId, startsAt: '2030-05-07T09:00:00Z', endsAt: '2030-05-07T11:00:00Z', title: 'Confirmed in time', status: 'hold' },
      slug,
    );
    await owner.mutate('sessions.changeStatus', { id: hold.data!.id, status: 'confirmed' }, slug);
    server.platform.clock = { now: () => new Date(Date.now() + 100 * 3600_000) };
    expect((await runHoldExpiry(server.platform, studioId, hold.data!.id))?.expired).toBeNull();
    expect(await status(hold.data!.id)).toMatchObject({ status: 'confirmed', blocking: true });
    server.platform.clock = { now: () => new Date() };
  });

  it('runs the expiry recorded with the hold through the outbox worker when the hold lapses', async () => {
    // A hold of 1 hour, with the business clock 2 hours ahead: the expiry recorded at creation is due now.
    const hold = await owner.mutate<{ id: string; holdExpiresAt: string }>(
      'sessions.create',
      { roomId, startsAt: '2030-05-08T09:00:00Z', endsAt: '2030-05-08T11:00:00Z', title: 'Short hold', status: 'hold', holdHours: 1 },
      slug,
    );
    expect(hold.status).toBe(200);
    server.platform.clock = { now: () => new Date(Date.now() + 2 * 3600_000) };
    const deadline = Date.now() + 15_000;
    while ((await status(hold.data!.id)).status === 'hold' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await status(hold.data!.id)).toMatchObject({ status: 'cancelled', blocking: false });
    server.platform.clock = { now: () => new Date() };
  });
});
