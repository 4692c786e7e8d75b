/** Input and output schemas of the operator console's procedures (issue 12.5). */
import { z } from 'zod';
import { PLANS } from '@rsm/shared/plans';
import { STANDINGS } from '@rsm/shared/standing';

const iso = z.string();
const studioId = z.string().uuid('Choose a studio');
const reason = z.string().trim().min(3, 'Give a reason of at least 3 characters').max(500, 'A reason has at most 500 characters');

export const studiosInput = z
  .object({
    search: z.string().trim().max(200, 'A search has at most 200 characters').optional(),
    standing: z.enum(STANDINGS).optional(),
    plan: z.enum(PLANS).optional(),
    page: z.number().int().min(1).max(100_000).default(1),
  })
  .optional();

const studioSummary = {
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  plan: z.enum(PLANS),
  standing: z.enum(STANDINGS),
  billingStatus: z.enum(['trial', 'active', 'past_due', 'canceled']),
  billingInterval: z.enum(['monthly', 'yearly']).nullable(),
  trialEndsAt: iso.nullable(),
  graceEndsAt: iso.nullable(),
  suspendedAt: iso.nullable(),
  suspendedReason: z.string().nullable(),
  paysThroughStripe: z.boolean(),
  isDemo: z.boolean(),
  createdAt: iso,
  ownerEmail: z.string().nullable(),
  clusterId: z.string().nullable(),
  schemaVersion: z.number().nullable(),
  tenantState: z.string().nullable(),
  lastActivityAt: iso.nullable(),
};

export const studiosOutput = z.object({
  items: z.array(
    z.object({
      ...studioSummary,
      seats: z.number(),
      seatsLimit: z.number().nullable(),
      aiCreditsUsed: z.number(),
      aiCreditsLimit: z.number(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const studioInput = z.object({ studioId });

export const studioOutput = z.object({
  ...studioSummary,
  databaseName: z.string().nullable(),
  monthlyCents: z.number(),
  usage: z.object({
    seats: z.number(),
    seatsLimit: z.number().nullable(),
    aiCreditsUsed: z.number(),
    aiCreditsLimit: z.number(),
    /** Null when the studio's database is not active (provisioning, failed). */
    sessionsThisMonth: z.number().nullable(),
    sessionsLimit: z.number().nullable(),
    storageBytes: z.number().nullable(),
    storageLimitBytes: z.number(),
  }),
});

const monthFigures = z.object({
  month: z.string(),
  mrrCents: z.number(),
  arrCents: z.number(),
  activePaying: z.number(),
  trialsEnded: z.number(),
  trialsConverted: z.number(),
  conversionRate: z.number().nullable(),
  payingAtStart: z.number(),
  churned: z.number(),
  churnRate: z.number().nullable(),
});
export const metricsOutput = z.object({ months: z.array(monthFigures), current: monthFigures });

export const suspendInput = z.object({ studioId, reason });
export const resumeInput = z.object({ studioId, reason: reason.optional() });
export const extendTrialInput = z.object({
  studioId,
  days: z.number({ error: 'Give a number of days' }).int('Give a whole number of days').min(1, 'Extend by at least 1 day').max(90, 'Extend by at most 90 days'),
  reason: reason.optional(),
});
export const setPlanInput = z.object({ studioId, plan: z.enum(PLANS, { error: 'Choose Starter, Pro or Enterprise' }), reason });
export const actionOutput = z.object({ ok: z.literal(true) });

export const auditLogInput = z
  .object({
    action: z.string().trim().max(100).optional(),
    studioId: studioId.optional(),
    actorEmail: z.string().trim().max(320).optional(),
    from: z.string().datetime({ message: 'Give the start as a date and time' }).optional(),
    to: z.string().datetime({ message: 'Give the end as a date and time' }).optional(),
    cursor: z
      .string()
      .regex(/^[0-9T:.-]+Z\|[0-9a-f-]{36}$/, 'Invalid page cursor')
      .optional(),
  })
  .optional();

export const auditLogOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: iso,
      action: z.string(),
      studioId: z.string().nullable(),
      studioSlug: z.string().nullable(),
      studioName: z.string().nullable(),
      actorEmail: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
      ip: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export const auditActionsOutput = z.array(z.string());
