/**
 * Mail a studio's owners get once about its plan (issue 12.2, 12.4): trial reminders 7, 3 and 1 days before the
 * end and the "read-only" mail after it; a limit at 80 % and at 90 % — each once, whatever the number of passes,
 * bookings or servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, insertRoom, setPlan, withStudioDb, type Studio } from '../support/studios.ts';
import { mailsTo } from '../support/public-booking.ts';
import { sendTrialNotices } from '../../apps/server/src/modules/plans/plan-notices.service.ts';
import { settleAfterResponse } from '../../apps/server/src/platform/after-response.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => server?.close());

const DAY = 86_400_000;
const templatesTo = async (studio: Studio) => (await mailsTo(server, studio.ownerEmail)).map((m) => `${m.template}:${m.subject}`);
const endTrialIn = (studio: Studio, ms: number) =>
  server.platform.controlDb
    .update(control.studios)
    .set({ trialEndsAt: new Date(Date.now() + ms) })
    .where(eq(control.studios.id, studio.id));

describe('trial reminders', () => {
  it('7, 3 and 1 days before the end, then the read-only mail, each once', async () => {
    const studio = await createStudio(server, { studioName: 'Trial Notice Sound' });
    const welcome = (await templatesTo(studio)).length;
    const fresh = async () => (await templatesTo(studio)).slice(welcome);

    await endTrialIn(studio, 10 * DAY);
    await sendTrialNotices(server.platform);
    expect(await fresh()).toEqual([]);

    await endTrialIn(studio, 6.5 * DAY);
    await sendTrialNotices(server.platform);
    await sendTrialNotices(server.platform);
    expect(await fresh()).toEqual(['trial-ending:Your Pro trial of Trial Notice Sound ends in 7 days']);

    await endTrialIn(studio, 2.5 * DAY);
    await sendTrialNotices(server.platform);
    await endTrialIn(studio, 0.5 * DAY);
    await sendTrialNotices(server.platform);
    await sendTrialNotices(server.platform);
    await endTrialIn(studio, -60_000);
    await sendTrialNotices(server.platform);
    await sendTrialNotices(server.platform);
    const all = await fresh();
    expect(all).toEqual([
      'trial-ending:Your Pro trial of Trial Notice Sound ends in 7 days',
      'trial-ending:Your Pro trial of Trial Notice Sound ends in 3 days',
      'trial-ending:Your Pro trial of Trial Notice Sound ends tomorrow',
      'trial-ended:Trial Notice Sound is now read-only: choose a plan to continue',
    ]);
    const [ended] = (await mailsTo(server, studio.ownerEmail)).filter((m) => m.template === 'trial-ended');
    expect(ended!.textBody).toContain(`/s/${studio.slug}/settings/plan`);
  });

  it('a studio that chose a plan, or a late first look, gets no stale reminder', async () => {
    const paid = await createStudio(server, { studioName: 'Paid Notice Sound' });
    await setPlan(server, paid.id, 'pro');
    await endTrialIn(paid, 2 * DAY);
    const late = await createStudio(server, { studioName: 'Late Notice Sound' });
    await endTrialIn(late, 0.5 * DAY); // first seen one day before the end: only the 1-day reminder
    await sendTrialNotices(server.platform);
    expect((await templatesTo(paid)).filter((t) => t.startsWith('trial'))).toEqual([]);
    expect((await templatesTo(late)).filter((t) => t.startsWith('trial'))).toEqual(['trial-ending:Your Pro trial of Late Notice Sound ends tomorrow']);
  });

  it('in French for a French studio', async () => {
    const studio = await createStudio(server, { studioName: 'Studio Avis' });
    await server.platform.controlDb.update(control.studios).set({ locale: 'fr' }).where(eq(control.studios.id, studio.id));
    await endTrialIn(studio, 2 * DAY);
    await sendTrialNotices(server.platform);
    expect((await templatesTo(studio)).filter((t) => t.startsWith('trial'))).toEqual(['trial-ending:Votre essai Pro de Studio Avis se termine dans 3 jours']);
  });
});

describe('grace period', () => {
  it('a grace period that ended unpaid: the read-only mail, once', async () => {
    const studio = await createStudio(server, { studioName: 'Grace Notice Sound' });
    await server.platform.controlDb
      .update(control.studios)
      .set({ plan: 'pro', billingStatus: 'past_due', graceEndsAt: new Date(Date.now() + DAY) })
      .where(eq(control.studios.id, studio.id));
    await sendTrialNotices(server.platform);
    expect((await templatesTo(studio)).filter((t) => t.startsWith('grace'))).toEqual([]);
    await server.platform.controlDb
      .update(control.studios)
      .set({ graceEndsAt: new Date(Date.now() - 60_000) })
      .where(eq(control.studios.id, studio.id));
    await sendTrialNotices(server.platform);
    await sendTrialNotices(server.platform);
    expect((await templatesTo(studio)).filter((t) => t.startsWith('grace'))).toEqual([
      'grace-ended:Grace Notice Sound is now read-only: the subscription is unpaid',
    ]);
  });
});

describe('usage warnings', () => {
  it('the month’s sessions at 80 % and at 90 %: one mail each to the owners', async () => {
    const studio = await createStudio(server, { studioName: 'Usage Notice Sound' });
    await setPlan(server, studio.id, 'starter');
    const roomId = await insertRoom(server, studio.id, { name: 'Live' });
    const preload = (from: number, n: number) =>
      withStudioDb(server, studio.id, (db) =>
        db.insert(tenant.sessions).values(
          Array.from({ length: n }, (_, i) => ({
            title: `Pre ${from + i}`,
            roomId,
            startsAt: new Date(Date.UTC(2032, 0, 1 + from + i, 9)),
            endsAt: new Date(Date.UTC(2032, 0, 1 + from + i, 10)),
            status: 'confirmed' as const,
            currency: 'EUR',
          })),
        ),
      );
    const book = async (day: number) => {
      const r = await studio.owner.mutate(
        'sessions.create',
        {
          roomId,
          title: `Booked ${day}`,
          startsAt: new Date(Date.UTC(2033, 0, day, 9)).toISOString(),
          endsAt: new Date(Date.UTC(2033, 0, day, 10)).toISOString(),
        },
        studio.slug,
      );
      expect(r.error, JSON.stringify(r.error)).toBeUndefined();
      await settleAfterResponse();
    };
    const warnings = async () => (await templatesTo(studio)).filter((t) => t.startsWith('usage-warning'));
    await preload(0, 38);
    await book(1); // 39 of 50: 78 %
    expect(await warnings()).toEqual([]);
    await book(2); // 40: 80 %
    await book(3); // 41
    expect(await warnings()).toEqual(['usage-warning:Usage Notice Sound has used 80 % of its sessions this month']);
    await preload(100, 3); // 44
    await book(4); // 45: 90 %
    await book(5); // 46
    expect(await warnings()).toEqual([
      'usage-warning:Usage Notice Sound has used 80 % of its sessions this month',
      'usage-warning:Usage Notice Sound has used 90 % of its sessions this month',
    ]);
  });
});
