/**
 * AI credits metering (issue 12.4): consumeAiCredits records use per studio per calendar month in the control
 * database and refuses past the plan's monthly credits — atomically (concurrent uses never pass the limit),
 * nothing recorded for a refusal, a new month (in the studio's time zone) starting again at zero, studios apart.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { PLAN_TABLE } from '@rsm/shared/plans';
import { aiCreditsUsage, consumeAiCredits, creditMonth } from '../../apps/server/src/modules/plans/ai-credits.service.ts';
import { AppError } from '../../apps/server/src/platform/errors.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { asStarterStudio, createStudio } from '../support/studios.ts';

let server: TestServer;
let realNow: () => Date;
beforeAll(async () => {
  server = await createTestServer();
  realNow = server.platform.clock.now;
});
afterEach(() => {
  server.platform.clock.now = realNow;
});
afterAll(async () => server?.close());

async function starter(name: string) {
  return asStarterStudio(await createStudio(server, { studioName: name }), 'Credit Sound');
}

it('20 concurrent uses never pass the monthly credits, and a refusal records nothing', async () => {
  const studio = await starter('Credit Race');
  const limit = PLAN_TABLE.starter.aiCreditsPerMonth;
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => consumeAiCredits(server.platform, studio, 3)));
  const granted = results.filter((r) => r.status === 'fulfilled');
  expect(granted).toHaveLength(Math.floor(limit / 3));
  for (const r of results) {
    if (r.status === 'rejected') {
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as AppError).code).toBe('LIMIT_REACHED');
      expect((r.reason as AppError).params).toMatchObject({ kind: 'aiCredits', limit, plan: 'starter' });
    }
  }
  const usage = await aiCreditsUsage(server.platform, studio);
  expect(usage).toMatchObject({ used: Math.floor(limit / 3) * 3, limit });
  // What is left can still be used, exactly to the limit and not one more.
  const left = limit - usage.used;
  expect((await consumeAiCredits(server.platform, studio, left)).used).toBe(limit);
  await expect(consumeAiCredits(server.platform, studio, 1)).rejects.toThrow(/Starter plan includes 50 AI assistant credits a month/);
  expect((await aiCreditsUsage(server.platform, studio)).used).toBe(limit);
});

it('refuses a single use larger than the month allows, and bad amounts', async () => {
  const studio = await starter('Credit Size');
  await expect(consumeAiCredits(server.platform, studio, PLAN_TABLE.starter.aiCreditsPerMonth + 1)).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
  await expect(consumeAiCredits(server.platform, studio, 0)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  await expect(consumeAiCredits(server.platform, studio, 1.5)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  expect((await aiCreditsUsage(server.platform, studio)).used).toBe(0);
});

it('starts again at zero each calendar month of the studio’s time zone, and follows the plan', async () => {
  const studio = await starter('Credit Months');
  // 31 January 23:30 UTC is already February in Paris.
  server.platform.clock.now = () => new Date('2031-01-31T22:30:00Z');
  expect(creditMonth(server.platform.clock.now(), 'Europe/Paris')).toBe('2031-01');
  await consumeAiCredits(server.platform, studio, 50);
  await expect(consumeAiCredits(server.platform, studio, 1)).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
  server.platform.clock.now = () => new Date('2031-01-31T23:30:00Z');
  expect(creditMonth(server.platform.clock.now(), 'Europe/Paris')).toBe('2031-02');
  expect(await aiCreditsUsage(server.platform, studio)).toEqual({ used: 0, limit: 50, month: '2031-02' });
  expect((await consumeAiCredits(server.platform, studio, 10)).used).toBe(10);
  // On Pro the same month has Pro's credits.
  expect(await consumeAiCredits(server.platform, { ...studio, plan: 'pro' }, 400)).toEqual({ used: 410, limit: PLAN_TABLE.pro.aiCreditsPerMonth });
  const rows = await server.platform.controlDb.select().from(control.aiCreditUsage).where(eq(control.aiCreditUsage.studioId, studio.id));
  expect(rows.map((r) => [r.month, r.used]).sort()).toEqual([
    ['2031-01', 50],
    ['2031-02', 410],
  ]);
});

it('keeps each studio’s credits apart', async () => {
  const [a, b] = [await starter('Credit A'), await starter('Credit B')];
  await consumeAiCredits(server.platform, a, 50);
  expect((await aiCreditsUsage(server.platform, b)).used).toBe(0);
  expect((await consumeAiCredits(server.platform, b, 5)).used).toBe(5);
});
