/**
 * Fixtures for the public booking page through the HTTP API: a studio on UTC with one public room open every
 * day 09:00–18:00, its booking policy, and a visitor who requests a slot and confirms it from the mailed link.
 */
import { desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { control } from '@rsm/db';
import type { TestServer } from './platform.ts';
import { ApiClient, uniqueEmail } from './api.ts';
import { createStudio, freshIp, type Studio } from './studios.ts';

export const HOUR = 3_600_000;

export const POLICY = {
  publicBookingEnabled: true,
  instantBooking: false,
  requireApproval: true,
  holdHours: 48,
  depositPercent: 0,
  depositDueHours: 24,
  transferDetails: 'IBAN FR76 1234 5678 9012',
  cancellationTiers: [
    { daysBefore: 7, refundPercent: 100 },
    { daysBefore: 3, refundPercent: 50 },
  ],
  policyText: 'No smoking in the live room.',
  portalChangeCutoffHours: 24,
  minNoticeHours: 24,
  bookingWindowDays: 120,
  brandColor: '#0055aa',
  welcomeText: 'Welcome to our studio',
};

/** `days` from today at `hour`:00 UTC (the studio runs on UTC). */
export function at(days: number, hour: number): Date {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  return new Date(d.getTime() + days * 24 * HOUR + hour * HOUR);
}

export const slotIn = (roomId: string, days: number, hour: number, hours = 2) => ({
  roomId,
  startsAt: at(days, hour).toISOString(),
  endsAt: at(days, hour + hours).toISOString(),
});
export type Slot = ReturnType<typeof slotIn>;

export async function setPolicy(target: Studio, changes: Partial<typeof POLICY> = {}) {
  const result = await target.owner.mutate('bookingPage.updateSettings', { ...POLICY, ...changes }, target.slug);
  expect(result.error, JSON.stringify(result.error)).toBeUndefined();
}

export async function prepareStudio(server: TestServer, name: string): Promise<{ studio: Studio; roomId: string }> {
  const created = await createStudio(server, { studioName: name });
  await server.platform.controlDb.update(control.studios).set({ timeZone: 'UTC' }).where(eq(control.studios.id, created.id));
  const room = await created.owner.mutate<{ id: string }>('rooms.create', { name: 'Live Room', hourlyRateCents: 5000, capacity: 6 }, created.slug);
  await created.owner.mutate('bookingPage.updateRoom', { id: room.data!.id, publicBooking: true, description: 'Neve console, 40 m²' }, created.slug);
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '18:00' }));
  const set = await created.owner.mutate('booking.setOpeningHours', { roomId: null, hours }, created.slug);
  expect(set.error, JSON.stringify(set.error)).toBeUndefined();
  return { studio: created, roomId: room.data!.id };
}

export const visitor = (server: TestServer) => new ApiClient(server.app, { ip: freshIp() });

export function details(email: string, extra: Record<string, unknown> = {}) {
  return {
    name: 'Nina Visitor',
    email,
    phone: '+33 6 12 34 56 78',
    message: 'Two singers, one guitar',
    policyAccepted: true,
    website: '',
    locale: 'en',
    ...extra,
  };
}

/** The token of the newest confirmation link mailed to `email`. */
export async function tokenFor(server: TestServer, email: string): Promise<string> {
  const rows = await server.platform.controlDb
    .select()
    .from(control.mailOutbox)
    .where(eq(control.mailOutbox.toAddress, email.toLowerCase()))
    .orderBy(desc(control.mailOutbox.createdAt));
  for (const row of rows) {
    const match = /\/book\/confirm\?token=([A-Za-z0-9_-]+)/.exec(row.textBody);
    if (match) return match[1]!;
  }
  throw new Error(`no confirmation mail to ${email}`);
}

/** The mail sent to `email`, oldest first (a table read without an order returns rows in whatever order they lie on disk). */
export async function mailsTo(server: TestServer, email: string) {
  return server.platform.controlDb
    .select()
    .from(control.mailOutbox)
    .where(eq(control.mailOutbox.toAddress, email.toLowerCase()))
    .orderBy(control.mailOutbox.createdAt);
}

/** Request + confirm as a fresh visitor; returns the confirm answer. */
export async function book(server: TestServer, target: Studio, theSlot: Slot, email = uniqueEmail('visitor'), extra: Record<string, unknown> = {}) {
  const v = visitor(server);
  const requested = await v.mutate('publicBooking.request', { ...theSlot, ...details(email, extra) }, target.slug);
  expect(requested.error, JSON.stringify(requested.error)).toBeUndefined();
  const confirmed = await v.mutate<{ outcome: string; depositCents: number }>('publicBooking.confirm', { token: await tokenFor(server, email) }, target.slug);
  return { confirmed, email };
}
