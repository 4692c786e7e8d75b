import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CalendarCheck, TriangleAlert } from 'lucide-react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { cn } from '@/lib/cn.ts';
import { usageLevel, type SessionUsage, type UsageLevel } from './usage-level.ts';

/** This month's sessions against the plan's allowance (the server counts in the studio's zone). */
export function useSessionUsage() {
  const trpc = useStudioTRPC();
  return useQuery(trpc.sessions.usage.queryOptions());
}

const BAR_COLOUR: Record<Exclude<UsageLevel['kind'], 'unlimited'>, string> = { ok: 'bg-primary', warning: 'bg-amber-500', full: 'bg-destructive' };

/** The dashboard card: "Sessions this month 42 / 50", a bar, and from 80 % a warning with the way out. */
export function SessionUsageCard() {
  const { t } = useTranslation();
  const usage = useSessionUsage();
  return (
    <Card className="gap-2" data-testid="session-usage">
      <CardHeader className="flex-row items-center justify-between gap-2">
        <CardDescription>{t('usage.sessionsThisMonth')}</CardDescription>
        <CalendarCheck className="size-4 text-muted-foreground" aria-hidden="true" />
      </CardHeader>
      <CardContent className="grid gap-2">
        {usage.data ? (
          <UsageBody usage={usage.data} />
        ) : usage.isError ? (
          <p className="text-sm text-muted-foreground">{t('usage.unavailable')}</p>
        ) : (
          <Skeleton className="h-10" />
        )}
      </CardContent>
    </Card>
  );
}

function UsageBody({ usage }: { usage: SessionUsage }) {
  const { t } = useTranslation();
  const level = usageLevel(usage);
  if (level.kind === 'unlimited') {
    return (
      <>
        <CardTitle as="div" className="text-2xl tabular-nums">
          {usage.used}
        </CardTitle>
        <p className="text-xs text-muted-foreground">{t('usage.unlimited')}</p>
      </>
    );
  }
  return (
    <>
      <CardTitle as="div" className="text-2xl tabular-nums">
        {t('usage.count', { used: usage.used, limit: usage.limit })}
      </CardTitle>
      <div
        role="progressbar"
        aria-label={t('usage.sessionsThisMonth')}
        aria-valuemin={0}
        aria-valuemax={usage.limit ?? 0}
        aria-valuenow={Math.min(usage.used, usage.limit ?? 0)}
        aria-valuetext={t('usage.valueText', { used: usage.used, limit: usage.limit })}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div className={cn('h-full rounded-full transition-[width]', BAR_COLOUR[level.kind])} style={{ width: `${level.percent}%` }} />
      </div>
      {level.kind === 'ok' ? (
        <p className="text-xs text-muted-foreground">{t('usage.left', { count: level.left })}</p>
      ) : (
        <p className={cn('flex gap-1.5 text-xs', level.kind === 'full' ? 'text-destructive' : 'text-amber-800')} data-testid="session-usage-warning">
          <TriangleAlert className="mt-px size-3.5 shrink-0" aria-hidden="true" />
          {level.kind === 'full' ? t('usage.fullHint', { limit: usage.limit }) : t('usage.warningHint', { count: level.left })}
        </p>
      )}
    </>
  );
}

/** A line in the calendar toolbar once the month's allowance is nearly used (the server's `warning`). */
export function SessionUsageNotice() {
  const { t } = useTranslation();
  const usage = useSessionUsage();
  if (!usage.data?.warning || usage.data.limit === null) return null;
  const { used, limit } = usage.data;
  return (
    <p
      role="status"
      className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      data-testid="session-usage-notice"
    >
      <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <span>{used >= limit ? t('usage.noticeFull', { limit }) : t('usage.notice', { used, limit })}</span>
    </p>
  );
}
