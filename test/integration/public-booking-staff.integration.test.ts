/**
 * The studio's side of the public page: settings validation, the logo (content-sniffed, served with the
 * right headers only while the page is on), rooms offered, and answering requests — approve (confirmed
 * when no deposit, else a hold until the deposit), decline (slot freed, reason kept), deposit received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, uniqueEmail } from '../support/api.ts';
import { addMember, createStudio, freshIp, withStudioDb, type Studio } from '../support/studios.ts';
import { mailsTo } from '../support/public-booking.ts';

let server: TestServer;
let studio: Studio;
let roomId: string;

const HOUR = 3_600_000;
function at(days: number, hour: number): Date {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  return new Date(d.getTime() + days * 24 * HOUR + hour * HOUR);
}

const POLICY = {
  publicBookingEnabled: true,
  instantBooking: false,
  requireApproval: true,
  holdHours: 48,
  depositPercent: 0,
  depositDueHours: 24,
  transferDetails: 'IBAN DE00 1111 2222',
  cancellationTiers: [{ daysBefore: 7, refundPercent: 100 }],
  policyText: '',
  portalChangeCutoffHours: 24,
  minNoticeHours: 0,
  bookingWindowDays: 90,
  brandColor: '#aa3300',
  welcomeText: '',
};
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function setPolicy(changes: Partial<typeof POLICY> = {}) {
  const result = await studio.owner.mutate('bookingPage.updateSettings', { ...POLICY, ...changes }, studio.slug);
  expect(result.error, JSON.stringify(result.error)).toBeUndefined();
}

async function tokenFor(email: string): Promise<string> {
  const rows = await server.platform.controlDb
    .select()
    .from(control.mailOutbox)
    .where(eq(control.mailOutbox.toAddress, email))
    .orderBy(desc(control.mailOutbox.createdAt));
  const match = rows.map((r) => /\/book\/confirm\?token=([A-Za-z0-9_-]+)/.exec(r.textBody)).find(Boolean);
  if (!match) throw new Error(`no confirmation mail to ${email}`);
  return match[1]!;
}

async function request(days: number, hour: number) {
  const v = new ApiClient(server.app, { ip: freshIp() });
  const email = uniqueEmail('guest');
  const slot = { roomId, startsAt: at(days, hour).toISOString(), endsAt: at(days, hour + 2).toISOString() };
  await v.mutate(
    'publicBooking.request',
    { ...slot, name: 'Guest Band', email, phone: '', message: 'First EP', policyAccepted: true, website: '', locale: 'fr' },
    studio.slug,
  );
  const confirmed = await v.mutate('publicBooking.confirm', { token: await tokenFor(email) }, studio.slug);
  expect(confirmed.error, JSON.stringify(confirmed.error)).toBeUndefined();
  const [session] = await withStudioDb(server, studio.id, (db) =>
    db
      .select()
      .from(tenant.sessions)
      .where(eq(tenant.sessions.startsAt, new Date(slot.startsAt))),
  );
  return { id: session!.id, email, slot };
}

const templatesTo = async (email: string) => (await mailsTo(server, email)).map((m) => m.template);

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Answering Room' });
  await server.platform.controlDb.update(control.studios).set({ timeZone: 'UTC', plan: 'pro' }).where(eq(control.studios.id, studio.id));
  roomId = (await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Room A', hourlyRateCents: 6000, capacity: 4 }, studio.slug)).data!.id;
  await studio.owner.mutate('bookingPage.updateRoom', { id: roomId, publicBooking: true, description: '' }, studio.slug);
  await studio.owner.mutate(
    'booking.setOpeningHours',
    { roomId: null, hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '20:00' })) },
    studio.slug,
  );
});
afterAll(async () => server?.close());

describe('settings', () => {
  it('refuses tiers out of order, refunds that grow, bad colours and percentages', async () => {
    const bad = [
      {
        cancellationTiers: [
          { daysBefore: 2, refundPercent: 50 },
          { daysBefore: 7, refundPercent: 100 },
        ],
      },
      {
        cancellationTiers: [
          { daysBefore: 7, refundPercent: 50 },
          { daysBefore: 7, refundPercent: 50 },
        ],
      },
      {
        cancellationTiers: [
          { daysBefore: 7, refundPercent: 50 },
          { daysBefore: 2, refundPercent: 80 },
        ],
      },
      { brandColor: 'red' },
      { depositPercent: 101 },
      { holdHours: 0 },
      { depositPercent: 30, depositDueHours: 72 }, // due after the 48 h hold lapses
      { welcomeText: 'x'.repeat(1001) },
    ];
    for (const changes of bad) {
      const result = await studio.owner.mutate('bookingPage.updateSettings', { ...POLICY, ...changes }, studio.slug);
      expect(result.error?.data.appCode, JSON.stringify(changes)).toBe('BAD_REQUEST');
    }
    await setPolicy();
    const read = await studio.owner.query<{ brandColor: string; rooms: { id: string; publicBooking: boolean }[]; hasOpeningHours: boolean }>(
      'bookingPage.settings',
      undefined,
      studio.slug,
    );
    expect(read.data).toMatchObject({ brandColor: '#aa3300', hasOpeningHours: true });
    expect(read.data?.rooms.find((r) => r.id === roomId)?.publicBooking).toBe(true);
  });

  it('an engineer may read the settings but not change them', async () => {
    const engineer = await addMember(server, studio, 'engineer');
    expect((await engineer.client.query('bookingPage.settings', undefined, studio.slug)).status).toBe(200);
    expect((await engineer.client.mutate('bookingPage.updateSettings', POLICY, studio.slug)).error?.data.appCode).toBe('FORBIDDEN');
  });

  it('takes a logo by its content, serves it with its type and nosniff, only while the page is on', async () => {
    const disguised = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64');
    expect((await studio.owner.mutate('bookingPage.uploadLogo', { dataBase64: disguised }, studio.slug)).error?.data).toMatchObject({
      appCode: 'BAD_REQUEST',
      params: { reason: 'logoType' },
    });
    const huge = Buffer.concat([PNG, Buffer.alloc(520 * 1024)]).toString('base64');
    expect((await studio.owner.mutate('bookingPage.uploadLogo', { dataBase64: huge }, studio.slug)).error?.data.appCode).toBe('BAD_REQUEST');

    const uploaded = await studio.owner.mutate<{ logoVersion: number }>('bookingPage.uploadLogo', { dataBase64: PNG.toString('base64') }, studio.slug);
    expect(uploaded.data?.logoVersion).toEqual(expect.any(Number));
    const served = await server.app.inject({ method: 'GET', url: `/s/${studio.slug}/public/logo?v=${uploaded.data!.logoVersion}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['cache-control']).toContain('max-age');
    expect(Buffer.compare(served.rawPayload, PNG)).toBe(0);

    await setPolicy({ publicBookingEnabled: false });
    expect((await server.app.inject({ method: 'GET', url: `/s/${studio.slug}/public/logo` })).statusCode).toBe(404);
    await setPolicy();
    await studio.owner.mutate('bookingPage.removeLogo', undefined, studio.slug);
    expect((await server.app.inject({ method: 'GET', url: `/s/${studio.slug}/public/logo` })).statusCode).toBe(404);
  });
});

describe('answering requests', () => {
  beforeAll(async () => setPolicy());

  it('lists pending requests with their client, slot and message', async () => {
    const { id, email } = await request(5, 9);
    const list = await studio.owner.query<{ total: number; items: { id: string; clientEmail: string; message: string; roomName: string }[] }>(
      'bookingRequests.list',
      {},
      studio.slug,
    );
    expect(list.data?.items.find((i) => i.id === id)).toMatchObject({ clientEmail: email, message: 'First EP', roomName: 'Room A' });
    const view = await studio.owner.query<{ source: string; approvalStatus: string; requestMessage: string }>('sessions.get', { id }, studio.slug);
    expect(view.data).toMatchObject({ source: 'public', approvalStatus: 'pending', requestMessage: 'First EP' });
  });

  it('approve without a deposit confirms, with the message mailed to the client', async () => {
    const { id, email } = await request(6, 9);
    const approved = await studio.owner.mutate<{ status: string; approvalStatus: string }>(
      'bookingRequests.approve',
      { id, message: 'Bring your own cables' },
      studio.slug,
    );
    expect(approved.data).toMatchObject({ status: 'confirmed', approvalStatus: 'approved' });
    const mail = (await server.platform.controlDb.select().from(control.mailOutbox).where(eq(control.mailOutbox.toAddress, email))).find(
      (m) => m.template === 'public-booking-approved',
    );
    expect(mail?.textBody).toContain('Bring your own cables');
    expect(mail?.subject).toContain('accepté'); // the visitor asked in French
    const twice = await studio.owner.mutate('bookingRequests.approve', { id, message: '' }, studio.slug);
    expect(twice.error?.data.appCode).toBe('CONFLICT');
  });

  it('approve with a deposit keeps the hold until the deposit is received', async () => {
    await setPolicy({ depositPercent: 50 });
    const { id, email } = await request(7, 9);
    expect((await studio.owner.mutate('sessions.markDepositReceived', { id }, studio.slug)).error?.data.params).toMatchObject({ reason: 'approveFirst' });
    const approved = await studio.owner.mutate<{ status: string; depositCents: number; holdExpiresAt: string; depositDueAt: string }>(
      'bookingRequests.approve',
      { id, message: '' },
      studio.slug,
    );
    expect(approved.data).toMatchObject({ status: 'hold', depositCents: 6000 });
    expect(Date.parse(approved.data!.holdExpiresAt)).toBeGreaterThanOrEqual(Date.parse(approved.data!.depositDueAt));
    expect(await templatesTo(email)).toContain('public-booking-approved');
    const received = await studio.owner.mutate<{ status: string; depositReceivedAt: string }>('sessions.markDepositReceived', { id }, studio.slug);
    expect(received.data).toMatchObject({ status: 'confirmed', depositReceivedAt: expect.any(String) });
    expect(await templatesTo(email)).toContain('public-booking-deposit-received');
    // A second click records nothing more and says so.
    const again = await studio.owner.mutate<{ alreadyRecorded: boolean; depositReceivedAt: string }>('sessions.markDepositReceived', { id }, studio.slug);
    expect(again.data).toMatchObject({ alreadyRecorded: true, depositReceivedAt: received.data!.depositReceivedAt });
    await setPolicy();
  });

  it('decline cancels, frees the slot and mails the reason', async () => {
    // Three days ahead: under the 7-day tier, a client's own cancellation would refund nothing.
    const { id, email, slot } = await request(3, 9);
    // Say the visitor had already paid the deposit: a studio's refusal refunds it in full, whatever the tiers.
    await withStudioDb(server, studio.id, (db) =>
      db.update(tenant.sessions).set({ depositCents: 9000, depositReceivedAt: new Date() }).where(eq(tenant.sessions.id, id)),
    );
    const declined = await studio.owner.mutate<{ status: string; approvalStatus: string }>(
      'bookingRequests.decline',
      { id, message: 'We are closed for a private event' },
      studio.slug,
    );
    expect(declined.data).toMatchObject({ status: 'cancelled', approvalStatus: 'declined' });
    const [row] = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.sessions).where(eq(tenant.sessions.id, id)));
    expect(row).toMatchObject({
      cancelledByKind: 'staff',
      cancellationReason: 'We are closed for a private event',
      decisionMessage: 'We are closed for a private event',
      refundableCents: 9000,
      keptCents: 0,
    });
    const mail = (await server.platform.controlDb.select().from(control.mailOutbox).where(eq(control.mailOutbox.toAddress, email))).find(
      (m) => m.template === 'public-booking-declined',
    );
    expect(mail?.textBody).toContain('We are closed for a private event');
    // The time is free again: the engine offers it.
    const free = await new ApiClient(server.app, { ip: freshIp() }).query<{ startsAt: string }[]>(
      'publicBooking.availability',
      { ...slot, durationMinutes: 120, from: slot.startsAt, to: slot.endsAt },
      studio.slug,
    );
    expect(free.data?.map((s) => s.startsAt)).toEqual([slot.startsAt]);
  });

  it('another studio cannot answer this studio’s requests', async () => {
    const { id } = await request(9, 9);
    const other = await createStudio(server, { studioName: 'Nosy Neighbour' });
    const refused = await other.owner.mutate('bookingRequests.approve', { id, message: '' }, other.slug);
    expect(refused.error?.data.appCode).toBe('NOT_FOUND');
    const [row] = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.sessions).where(eq(tenant.sessions.id, id)));
    expect(row?.approvalStatus).toBe('pending');
  });
});

describe('the sub-domain form', () => {
  it('serves the page and the logo at <slug>.<BASE_DOMAIN>', async () => {
    const hosted = await createTestServer({ BASE_DOMAIN: 'studios.test' });
    try {
      const owner = await createStudio(hosted, { studioName: 'Hosted Sound' });
      const host = `${owner.slug}.studios.test`;
      await owner.owner.mutate('bookingPage.updateSettings', POLICY, owner.slug);
      await owner.owner.mutate('bookingPage.uploadLogo', { dataBase64: PNG.toString('base64') }, owner.slug);
      const visitor = new ApiClient(hosted.app, { ip: freshIp(), host });
      expect((await visitor.query<{ brandColor: string }>('publicBooking.page')).data?.brandColor).toBe('#aa3300');
      const logo = await hosted.app.inject({ method: 'GET', url: '/public/logo', headers: { host } });
      expect(logo.statusCode).toBe(200);
      expect(logo.headers['content-type']).toBe('image/png');
      expect((await hosted.app.inject({ method: 'GET', url: '/public/logo', headers: { host: 'studios.test' } })).statusCode).toBe(404);
    } finally {
      await hosted.close();
    }
  });
});
