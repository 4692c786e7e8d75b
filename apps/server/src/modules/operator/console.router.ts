/**
 * The operator console's procedures (issue 12.5), spread into the operator router: every one is an
 * `operatorProcedure` (OPERATOR_EMAILS only), and every action is audited by its service.
 */
import { operatorProcedure } from '../../trpc/init.ts';
import * as T from './console.types.ts';
import { listStudios, studioDetail } from './studios-console.service.ts';
import { operatorMetrics } from './saas-metrics.service.ts';
import { extendTrial, resumeStudio, setStudioPlan, suspendStudio } from './operator-actions.service.ts';
import { listPlatformAudit, platformAuditActions } from './platform-audit.service.ts';

const ok = { ok: true as const };

export const consoleProcedures = {
  studios: operatorProcedure
    .input(T.studiosInput)
    .output(T.studiosOutput)
    .query(({ ctx, input }) => listStudios(ctx.platform, { search: input?.search, standing: input?.standing, plan: input?.plan, page: input?.page ?? 1 })),
  studio: operatorProcedure
    .input(T.studioInput)
    .output(T.studioOutput)
    .query(({ ctx, input }) => studioDetail(ctx.platform, input.studioId)),
  metrics: operatorProcedure.output(T.metricsOutput).query(({ ctx }) => operatorMetrics(ctx.platform)),
  suspend: operatorProcedure
    .input(T.suspendInput)
    .output(T.actionOutput)
    .mutation(async ({ ctx, input }) => {
      await suspendStudio(ctx.platform, { userId: ctx.user.id, ip: ctx.ip }, input);
      return ok;
    }),
  resume: operatorProcedure
    .input(T.resumeInput)
    .output(T.actionOutput)
    .mutation(async ({ ctx, input }) => {
      await resumeStudio(ctx.platform, { userId: ctx.user.id, ip: ctx.ip }, input);
      return ok;
    }),
  extendTrial: operatorProcedure
    .input(T.extendTrialInput)
    .output(T.actionOutput)
    .mutation(async ({ ctx, input }) => {
      await extendTrial(ctx.platform, { userId: ctx.user.id, ip: ctx.ip }, input);
      return ok;
    }),
  setPlan: operatorProcedure
    .input(T.setPlanInput)
    .output(T.actionOutput)
    .mutation(async ({ ctx, input }) => {
      await setStudioPlan(ctx.platform, { userId: ctx.user.id, ip: ctx.ip }, input);
      return ok;
    }),
  auditLog: operatorProcedure
    .input(T.auditLogInput)
    .output(T.auditLogOutput)
    .query(({ ctx, input }) => listPlatformAudit(ctx.platform, input ?? {})),
  auditActions: operatorProcedure.output(T.auditActionsOutput).query(({ ctx }) => platformAuditActions(ctx.platform)),
};
