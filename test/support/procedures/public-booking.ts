/**
 * Staff procedures of the public booking page: its settings, the booking requests and the deposit received.
 * Targets: a pending request (a public hold awaiting approval) and an approved hold whose deposit is due.
 * The public procedures (`publicBooking.*`) are not studio procedures: see GLOBAL_PREFIXES.
 */
import { tenant } from '@rsm/db';
import type { StudioProcedure, Targets } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import { withStudioDb, type Studio } from '../studios.ts';

// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const settings = {
  publicBookingEnabled: true,
  instantBooking: false,
  requireApproval: true,
  holdHours: 48,
  depositPercent: 30,
  depositDueHours: 24,
  transferDetails: 'IBAN FR76 0000 0000 0000',
  cancellationTiers: [
    { daysBefore: 7, refundPercent: 100 },
    { daysBefore: 2, refundPercent: 50 },
  ],
  policyText: 'House rules',
  portalChangeCutoffHours: 24,
  minNoticeHours: 24,
  bookingWindowDays: 90,
  brandColor: '#112233',
  welcomeText: 'Welcome',
};

export const procedures: StudioProcedure[] = [
  { path: 'bookingPage.settings', kind: 'query', permission: 'studio:read', input: () => undefined },
  { path: 'bookingPage.updateSettings', kind: 'mutation', permission: 'studio:write', input: () => settings },
  { path: 'bookingPage.uploadLogo', kind: 'mutation', permission: 'studio:write', input: () => ({ dataBase64: PNG }) },
  { path: 'bookingPage.removeLogo', kind: 'mutation', permission: 'studio:write', input: () => undefined },
  {
    path: 'bookingPage.updateRoom',
    kind: 'mutation',
    permission: 'studio:write',
    input: (t) => ({ id: t.roomId, publicBooking: true, description: 'Big live room' }),
  },
  { path: 'bookingRequests.list', kind: 'query', permission: 'sessions:write', input: () => ({ offset: 0 }) },
  {
    path: 'bookingRequests.approve',
    kind: 'mutation',
    permission: 'sessions:write',
    input: (t) => ({ id: t.extra.pendingRequestId, message: 'See you then' }),
  },
  {
    path: 'bookingRequests.decline',
    kind: 'mutation',
    permission: 'sessions:write',
    input: (t) => ({ id: t.extra.pendingRequestId, message: 'Fully booked' }),
  },
  { path: 'sessions.markDepositReceived', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.depositDueSessionId }) },
];

export async function createTargets(server: TestServer, studio: Studio, base: Targets): Promise<Record<string, string>> {
  return withStudioDb(server, studio.id, async (db) => {
    const holdExpiresAt = new Date(Date.now() + 48 * 3_600_000);
    const common = {
      roomId: base.roomId,
      currency: 'EUR',
      clientId: base.clientId,
      status: 'hold' as const,
      holdExpiresAt,
      source: 'public',
      priceCents: 10000,
    };
    const [pending] = await db
      .insert(tenant.sessions)
      .values({
        ...common,
        title: 'Pending request',
        startsAt: new Date('2030-04-01T09:00:00Z'),
        endsAt: new Date('2030-04-01T11:00:00Z'),
        approvalStatus: 'pending',
        requestMessage: 'Hello',
      })
      .returning({ id: tenant.sessions.id });
    const [due] = await db
      .insert(tenant.sessions)
      .values({
        ...common,
        title: 'Deposit due',
        startsAt: new Date('2030-04-08T09:00:00Z'),
        endsAt: new Date('2030-04-08T11:00:00Z'),
        approvalStatus: 'approved',
        depositCents: 3000,
        depositDueAt: holdExpiresAt,
      })
      .returning({ id: tenant.sessions.id });
    return { pendingRequestId: pending!.id, depositDueSessionId: due!.id };
  });
}
