/** The studio's plan and its usage against the plan's limits (owners and managers). */
import { planUsageOutput } from '@rsm/shared/plan-schemas';
import { router, studioProcedure } from '../../trpc/init.ts';
import { planUsage } from './plan-usage.service.ts';

export const plansRouter = router({
  usage: studioProcedure
    .requires('plan:read')
    .output(planUsageOutput)
    .query(async ({ ctx }) => planUsage(ctx.platform, ctx.studio, ctx.actor)),
});
