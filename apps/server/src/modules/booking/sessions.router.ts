import { z } from 'zod';
import {
  updateSessionInput,
  changeSessionStatusInput,
  checkSeriesInput,
  createSeriesInput,
  createSessionInput,
  listSessionsInput,
  moveSessionInput,
  quoteSessionInput,
  SESSION_STATUSES,
  type seriesRuleSchema,
} from '@rsm/shared/booking-schemas';
import { idInput } from '@rsm/shared/schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { changeSessionStatus, createSession, getSessionDetail, listSessions, moveSession, quoteSession, updateSessionDetails } from './sessions.service.ts';
import { userNames } from '../members/user-names.ts';
import { sessionOutput, toSessionViews } from './sessions.views.ts';
import { announcePromotions } from './booking.jobs.ts';
import { pausePoint } from '../../platform/testing/pause-points.ts';
import { loadAvailabilityInput } from './availability.loader.ts';
import { freeSlots } from './availability.ts';
import { nextFreeSlot } from './next-slot.service.ts';
import { cancelSeriesFrom, checkSeries, createSeries, planOccurrences, type SeriesRule } from './recurring.service.ts';
import type { CreateSessionInput } from './sessions.service.ts';

type SeriesFirst = z.output<typeof checkSeriesInput>['first'];
const seriesBase = (first: SeriesFirst): CreateSessionInput => ({ ...first, startsAt: new Date(first.startsAt), endsAt: new Date(first.endsAt) });
const seriesRule = (rule: z.output<typeof seriesRuleSchema>): SeriesRule => ({
  everyWeeks: rule.everyWeeks,
  count: rule.count,
  until: rule.until ? new Date(rule.until) : undefined,
});
import { assertCanCreateSessions, sessionUsage } from './plan-limits.ts';
import { markDepositReceivedProcedure } from '../public-booking/booking-requests.router.ts';

const priceOutput = z.object({
  totalCents: z.number().int(),
  currency: z.string(),
  lines: z.array(
    z.object({
      kind: z.enum(['room', 'engineer', 'gear']),
      label: z.string(),
      quantity: z.number(),
      unit: z.enum(['minutes', 'days', 'package']),
      totalCents: z.number().int(),
    }),
  ),
});

export const sessionsRouter = router({
  /** The studio received a booking's deposit: recorded, and a hold becomes confirmed (public-booking module). */
  markDepositReceived: markDepositReceivedProcedure,

  list: studioProcedure
    .requires('sessions:read')
    .input(listSessionsInput)
    .output(z.array(sessionOutput))
    .query(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const rows = await listSessions(db, {
        from: new Date(input.from),
        to: new Date(input.to),
        roomIds: input.roomIds,
        includeCancelled: input.includeCancelled,
      });
      return toSessionViews(db, rows);
    }),

  get: studioProcedure
    .requires('sessions:read')
    .input(idInput)
    .output(
      sessionOutput.extend({
        price: priceOutput,
        history: z.array(
          z.object({
            fromStatus: z.enum(SESSION_STATUSES).nullable(),
            toStatus: z.enum(SESSION_STATUSES),
            changedBy: z.string().nullable(),
            changedByName: z.string().nullable(),
            changedAt: z.string(),
            note: z.string(),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const detail = await getSessionDetail(db, input.id);
      const [view] = await toSessionViews(db, [detail.session]);
      const names = await userNames(
        ctx.platform,
        detail.history.map((h) => h.changedBy),
      );
      return {
        ...view!,
        price: {
          totalCents: detail.session.priceCents,
          currency: detail.session.currency,
          lines: detail.session.priceBreakdown as z.infer<typeof priceOutput>['lines'],
        },
        history: detail.history.map((h) => ({
          fromStatus: h.fromStatus,
          toStatus: h.toStatus,
          changedBy: h.changedBy,
          changedByName: h.changedBy ? (names.get(h.changedBy) ?? null) : null,
          changedAt: h.changedAt.toISOString(),
          note: h.note,
        })),
      };
    }),

  quote: studioProcedure
    .requires('sessions:read')
    .input(quoteSessionInput)
    .output(priceOutput)
    .query(async ({ ctx, input }) =>
      quoteSession(await ctx.tenant(), ctx.studio, { ...input, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) }),
    ),

  create: studioProcedure
    .requires('sessions:write')
    .input(createSessionInput)
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const now = ctx.platform.clock.now();
      const { session } = await createSession(db, ctx.studio, ctx.actor, {
        ...input,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        now,
        guard: (tx) => assertCanCreateSessions(tx, ctx.studio, now, 1, ctx.platform),
      });
      await pausePoint('booking.session-committed'); // crash tests: the session is committed, nothing else has happened yet
      const [view] = await toSessionViews(db, [session]);
      return view!;
    }),

  move: studioProcedure
    .requires('sessions:write')
    .input(moveSessionInput)
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const session = await moveSession(db, ctx.studio, ctx.actor, input.id, {
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        roomId: input.roomId,
        version: input.version,
      });
      await announcePromotions(ctx.platform, ctx.studio, session.promoted);
      const [view] = await toSessionViews(db, [session]);
      return view!;
    }),

  /** Free slots of a room (and optionally an engineer), the same function the public booking page will use. */
  availability: studioProcedure
    .requires('sessions:read')
    .input(
      z
        .object({
          roomId: z.string().uuid(),
          engineerId: z.string().uuid().optional(),
          from: z.string().datetime({ offset: true }),
          to: z.string().datetime({ offset: true }),
          durationMinutes: z
            .number()
            .int()
            .min(5)
            .max(24 * 60)
            .optional(),
        })
        .refine((v) => Date.parse(v.to) > Date.parse(v.from) && Date.parse(v.to) - Date.parse(v.from) <= 62 * 86_400_000, {
          message: 'errors.range_invalid',
          path: ['to'],
        }),
    )
    .output(z.array(z.object({ startsAt: z.string(), endsAt: z.string() })))
    .query(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const now = ctx.platform.clock.now();
      const availability = await loadAvailabilityInput(db, {
        roomId: input.roomId,
        engineerId: input.engineerId,
        from: new Date(input.from),
        to: new Date(input.to),
        timeZone: ctx.studio.timeZone,
        now,
        durationMinutes: input.durationMinutes,
        minimumNoticeMinutes: 0, // staff may book right away; the public page will apply the studio's notice
        bookingWindowDays: 3650, // staff plan far ahead; the public page will apply the studio's window
      });
      return freeSlots(availability).map((slot) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() }));
    }),

  /** What "New session" proposes: the room's first free slot from `from` (or now, when later); null when none in two weeks. */
  nextSlot: studioProcedure
    .requires('sessions:read')
    .input(z.object({ roomId: z.string().uuid(), from: z.string().datetime({ offset: true }) }))
    .output(z.object({ startsAt: z.string(), endsAt: z.string() }).nullable())
    .query(async ({ ctx, input }) => {
      const slot = await nextFreeSlot(await ctx.tenant(), ctx.studio, { roomId: input.roomId, from: new Date(input.from), now: ctx.platform.clock.now() });
      return slot ? { startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() } : null;
    }),

  /** Each occurrence of a planned series with the conflict it would meet, before anything is written. */
  checkSeries: studioProcedure
    .requires('sessions:read')
    .input(checkSeriesInput)
    .output(z.array(z.object({ index: z.number().int(), startsAt: z.string(), endsAt: z.string(), conflict: z.string().nullable() })))
    .query(async ({ ctx, input }) => {
      const checks = await checkSeries(await ctx.tenant(), ctx.studio, seriesBase(input.first), seriesRule(input.rule));
      return checks.map((c) => ({ ...c, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() }));
    }),

  createSeries: studioProcedure
    .requires('sessions:write')
    .input(createSeriesInput)
    .output(z.object({ seriesId: z.string(), sessions: z.array(sessionOutput) }))
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const rule = seriesRule(input.rule);
      const count = planOccurrences(seriesBase(input.first), rule, ctx.studio.timeZone).length - new Set(input.skip).size;
      const now = ctx.platform.clock.now();
      const result = await createSeries(
        db,
        ctx.studio,
        ctx.actor,
        { ...seriesBase(input.first), guard: (tx) => assertCanCreateSessions(tx, ctx.studio, now, count, ctx.platform) },
        rule,
        input.skip,
      );
      return { seriesId: result.seriesId, sessions: await toSessionViews(db, result.sessions) };
    }),

  cancelSeriesFrom: studioProcedure
    .requires('sessions:write')
    .input(idInput)
    .output(z.array(sessionOutput))
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const cancelled = await cancelSeriesFrom(db, ctx.studio, ctx.actor, input.id, ctx.platform.clock.now());
      for (const session of cancelled) {
        await announcePromotions(ctx.platform, ctx.studio, session.promoted);
      }
      return toSessionViews(db, cancelled);
    }),

  usage: studioProcedure
    .requires('sessions:read')
    .output(z.object({ used: z.number().int(), limit: z.number().int().nullable(), warning: z.boolean() }))
    .query(async ({ ctx }) => sessionUsage(await ctx.tenant(), ctx.studio, ctx.platform.clock.now())),

  update: studioProcedure
    .requires('sessions:write')
    .input(updateSessionInput)
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const { id, ...details } = input;
      const session = await updateSessionDetails(db, ctx.studio, ctx.actor, id, details);
      await announcePromotions(ctx.platform, ctx.studio, session.promoted);
      const [view] = await toSessionViews(db, [session]);
      return view!;
    }),

  changeStatus: studioProcedure
    .requires('sessions:write')
    .input(changeSessionStatusInput)
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const session = await changeSessionStatus(db, ctx.studio, ctx.actor, input.id, input.status, input.note, {
        byKind: 'staff',
        reason: input.note,
        now: ctx.platform.clock.now(),
      });
      await announcePromotions(ctx.platform, ctx.studio, session.promoted);
      const [view] = await toSessionViews(db, [session]);
      return view!;
    }),
});
