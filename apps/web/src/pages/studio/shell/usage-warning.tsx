import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TriangleAlert } from 'lucide-react';
import type { LimitUsage } from '@rsm/shared/plan-schemas';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentStudio } from '../studio-context.ts';

const RANK: Record<LimitUsage['level'], number> = { ok: 0, warn80: 1, warn90: 2, reached: 3 };

/**
 * Above every page, for those who see the plan (owners, managers): the limit closest to its end once one passes
 * 80 % (issue 12.4), with the way to the plan page. Nothing below 80 %, nothing for the other roles.
 */
export function UsageWarning() {
  const { can, pathTo } = useCurrentStudio();
  const allowed = can('plan:read');
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  // Usage moves slowly; the plan page and the refusals have the exact figures.
  const usage = useQuery({ ...trpc.plans.usage.queryOptions(), enabled: allowed, staleTime: 5 * 60_000 });
  if (!allowed || !usage.data) return null;
  const worst = [...usage.data.limits].sort((a, b) => RANK[b.level] - RANK[a.level])[0];
  if (!worst || worst.level === 'ok' || worst.limit === null) return null;
  const percent = Math.min(100, Math.floor((worst.used * 100) / Math.max(1, worst.limit)));
  const reached = worst.level === 'reached';
  return (
    <div
      role="status"
      data-testid="usage-warning"
      className={cn(
        'mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border px-3 py-2 text-sm',
        reached ? 'border-destructive/40 bg-destructive/5 text-destructive' : 'border-amber-300 bg-amber-50 text-amber-900',
      )}
    >
      <TriangleAlert className="size-4 shrink-0" aria-hidden="true" />
      <span>{t(reached ? 'usageWarning.reached' : 'usageWarning.near', { limit: t(`planSettings.limits.${worst.kind}`), percent })}</span>
      <Link className="font-medium underline underline-offset-4" to={pathTo('settings/plan')}>
        {t('usageWarning.seePlan')}
      </Link>
    </div>
  );
}
