import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TriangleAlert } from 'lucide-react';
import type { LimitUsage, PlanUsage } from '@rsm/shared/plan-schemas';
import { formatMinor } from '@rsm/shared/money';
import { PageHeader } from '@/components/page-header.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { formatBytes } from '../../projects/audio/upload-format.ts';
import { BillingSection } from './billing-section.tsx';

/** Settings → Plan: the studio's plan and its usage against each limit, warned at 80 / 90 % and refused at 100 %. */
export function PlanPage() {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  return (
    <>
      <PageHeader title={t('planSettings.title')} description={t('planSettings.description')} />
      {can('plan:read') ? (
        <PlanUsageView />
      ) : (
        <Alert>
          <AlertDescription>{t('planSettings.notAllowed')}</AlertDescription>
        </Alert>
      )}
    </>
  );
}

function PlanUsageView() {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const usage = useQuery(trpc.plans.usage.queryOptions());
  if (usage.isError) return <p className="text-sm text-muted-foreground">{t('planSettings.unavailable')}</p>;
  if (!usage.data) return <Skeleton className="h-64" />;
  const data = usage.data;
  return (
    <div className="grid gap-4">
      <Card>
        <CardHeader>
          <CardDescription>{t('planSettings.current')}</CardDescription>
          <CardTitle as="div" className="flex items-center gap-2 text-2xl" data-testid="current-plan">
            {t(`plans.${data.plan}`)}
            {data.trialEndsAt && new Date(data.trialEndsAt) > new Date() ? <Badge variant="secondary">{t('planSettings.trial')}</Badge> : null}
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm">
          <p>
            {t('planSettings.price', {
              monthly: formatMinor(data.monthlyCents, 'EUR', i18n.language),
              yearly: formatMinor(data.yearlyCents, 'EUR', i18n.language),
            })}
          </p>
        </CardContent>
      </Card>
      <BillingSection />
      <Card>
        <CardHeader>
          <CardTitle as="h2" className="text-lg">
            {t('planSettings.usage')}
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-5">
          {data.limits.map((limit) => (
            <LimitRow key={limit.kind} limit={limit} plan={data} />
          ))}
        </CardContent>
      </Card>
    </div>
  );
}

const BAR: Record<LimitUsage['level'], string> = { ok: 'bg-primary', warn80: 'bg-amber-500', warn90: 'bg-orange-600', reached: 'bg-destructive' };

function LimitRow({ limit, plan }: { limit: LimitUsage; plan: PlanUsage }) {
  const { t, i18n } = useTranslation();
  const label = t(`planSettings.limits.${limit.kind}`);
  const amount = (n: number) => (limit.kind === 'storage' ? formatBytes(n, i18n.language) : new Intl.NumberFormat(i18n.language).format(n));
  const percent = limit.limit === null ? 0 : limit.limit === 0 ? 100 : Math.min(100, Math.floor((limit.used * 100) / limit.limit));
  return (
    <div className="grid gap-1.5" data-testid={`limit-${limit.kind}`} data-level={limit.level}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="tabular-nums text-muted-foreground">
          {limit.limit === null
            ? t('planSettings.unlimitedUsed', { used: amount(limit.used) })
            : t('planSettings.usedOf', { used: amount(limit.used), limit: amount(limit.limit) })}
          {limit.kind === 'aiCredits' && plan.aiFairUse ? ` · ${t('planSettings.fairUse')}` : ''}
        </span>
      </div>
      {limit.limit !== null ? (
        <div
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={t('planSettings.percent', { percent })}
          className="h-2 overflow-hidden rounded-full bg-muted"
        >
          <div className={cn('h-full rounded-full transition-[width]', BAR[limit.level])} style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      {limit.level !== 'ok' ? (
        <p className={cn('flex gap-1.5 text-xs', limit.level === 'reached' ? 'text-destructive' : 'text-amber-800')} role="status">
          <TriangleAlert className="mt-px size-3.5 shrink-0" aria-hidden="true" />
          {limit.level === 'reached'
            ? t(`planSettings.reached.${limit.kind}`, { plan: t(`plans.${plan.plan}`), limit: amount(limit.limit ?? 0) })
            : t('planSettings.warning', { percent: limit.level === 'warn90' ? 90 : 80 })}
        </p>
      ) : null}
    </div>
  );
}
