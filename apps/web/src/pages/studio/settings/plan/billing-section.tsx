import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TRPCClientError } from '@trpc/client';
import { ExternalLink } from 'lucide-react';
import { PLAN_TABLE, PLANS, type BillingInterval, type Plan } from '@rsm/shared/plans';
import type { BillingOverview } from '@rsm/shared/billing-schemas';
import { formatMinor } from '@rsm/shared/money';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage, readApiError } from '@/lib/trpc/errors.ts';
import { cn } from '@/lib/cn.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { formatBytes } from '../../projects/audio/upload-format.ts';

/** Monthly value of a plan and interval, to tell an upgrade from a downgrade (as the server does). */
const monthlyValue = (plan: Plan, interval: BillingInterval) => (interval === 'yearly' ? PLAN_TABLE[plan].yearlyCents / 12 : PLAN_TABLE[plan].monthlyCents);

/** Settings → Plan's subscription (issue 12.3): status, next invoice, the plan cards, cancel / resume and the portal. */
export function BillingSection() {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const overview = useQuery(trpc.plans.billing.queryOptions());
  if (overview.isError) return <p className="text-sm text-muted-foreground">{t('planSettings.unavailable')}</p>;
  if (!overview.data) return <Skeleton className="h-48" />;
  if (!overview.data.billingAvailable)
    return (
      <Alert data-testid="billing-operator-only">
        <AlertDescription>{t('billing.operatorOnly')}</AlertDescription>
      </Alert>
    );
  return <Subscription data={overview.data} />;
}

function useBillingActions() {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.plans.billing.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.plans.usage.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.studio.get.queryKey() }),
    ]);
  };
  // The server words its refusals (a downgrade over the limits, no subscription) in the studio's language.
  const onError = (e: unknown) => setError(readApiError(e).appCode && e instanceof TRPCClientError ? e.message : apiErrorMessage(t, e));
  const go = ({ url }: { url: string }) => window.location.assign(url);
  return {
    error,
    refresh,
    checkout: useMutation(trpc.plans.checkout.mutationOptions({ onSuccess: go, onError, onMutate: () => setError(null) })),
    confirm: useMutation(trpc.plans.confirmCheckout.mutationOptions({ onError, onSettled: refresh })),
    change: useMutation(
      trpc.plans.changePlan.mutationOptions({
        onMutate: () => setError(null),
        onError,
        onSuccess: async ({ outcome }) => {
          toast(t(`billing.done.${outcome}`));
          await refresh();
        },
      }),
    ),
    cancel: useMutation(
      trpc.plans.cancel.mutationOptions({
        onMutate: () => setError(null),
        onError,
        onSuccess: async () => {
          toast(t('billing.done.canceled'));
          await refresh();
        },
      }),
    ),
    resume: useMutation(
      trpc.plans.resume.mutationOptions({
        onMutate: () => setError(null),
        onError,
        onSuccess: async () => {
          toast(t('billing.done.resumed'));
          await refresh();
        },
      }),
    ),
    portal: async () => {
      setError(null);
      try {
        const { url } = await queryClient.fetchQuery({ ...trpc.plans.portal.queryOptions(), staleTime: 0 });
        if (url) go({ url });
      } catch (e) {
        onError(e);
      }
    },
  };
}

function Subscription({ data }: { data: BillingOverview }) {
  const { t, i18n } = useTranslation();
  const { can } = useCurrentStudio();
  const canManage = can('billing:manage');
  const actions = useBillingActions();
  const [params, setParams] = useSearchParams();
  const [interval, setBillingInterval] = useState<BillingInterval>(data.interval ?? 'monthly');
  const [confirmCancel, setConfirmCancel] = useState(false);
  const returned = useRef<string | null>(null);
  const checkoutParam = params.get('checkout');
  useEffect(() => {
    if (!checkoutParam || returned.current) return;
    returned.current = checkoutParam;
    if (checkoutParam !== 'canceled' && canManage) actions.confirm.mutate({ sessionId: checkoutParam });
    setParams(
      (current) => {
        current.delete('checkout');
        return current;
      },
      { replace: true },
    );
  }, [checkoutParam, actions, setParams, canManage]);
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(iso)) : '');
  const planLabel = (plan: Plan) => t(`plans.${plan}`);
  const status =
    data.billingStatus === 'trial'
      ? t('billing.status.trial', { date: date(data.trialEndsAt) })
      : data.subscribed
        ? data.billingStatus === 'past_due'
          ? t('billing.status.past_due', { plan: planLabel(data.plan) })
          : t('billing.status.active', { plan: planLabel(data.plan), interval: t(`billing.interval.${data.interval ?? 'monthly'}`) })
        : data.billingStatus === 'canceled'
          ? t('billing.status.canceled')
          : t('billing.status.operator', { plan: planLabel(data.plan) });
  const busy = actions.checkout.isPending || actions.change.isPending || actions.cancel.isPending || actions.resume.isPending;
  return (
    <div className="grid gap-4">
      {returned.current && returned.current !== 'canceled' ? (
        <Alert>
          <AlertDescription>{t('billing.checkoutReturned')}</AlertDescription>
        </Alert>
      ) : null}
      {returned.current === 'canceled' ? (
        <Alert>
          <AlertDescription>{t('billing.checkoutCanceled')}</AlertDescription>
        </Alert>
      ) : null}
      {actions.error ? (
        <Alert variant="destructive" data-testid="billing-error">
          <AlertDescription>{actions.error}</AlertDescription>
        </Alert>
      ) : null}
      <Card>
        <CardHeader>
          <CardDescription>{t('billing.subscription')}</CardDescription>
          <CardTitle as="div" className="text-lg" data-testid="billing-status" data-status={data.billingStatus}>
            {status}
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3 text-sm">
          {data.billingStatus === 'past_due' && data.graceEndsAt ? (
            <p className="text-destructive">{t('billing.pastDue', { date: date(data.graceEndsAt) })}</p>
          ) : null}
          {data.nextInvoice ? (
            <p data-testid="next-invoice">
              {t('billing.nextInvoice', {
                amount: formatMinor(data.nextInvoice.amountCents, data.nextInvoice.currency, i18n.language),
                date: date(data.nextInvoice.at),
              })}
            </p>
          ) : null}
          {data.subscribed && data.cancelAtPeriodEnd ? <p>{t('billing.endsOn', { date: date(data.currentPeriodEnd) })}</p> : null}
          {data.scheduledPlan ? (
            <p data-testid="scheduled-plan">{t('billing.scheduled', { plan: planLabel(data.scheduledPlan), date: date(data.currentPeriodEnd) })}</p>
          ) : null}
          {!canManage ? <p className="text-muted-foreground">{t('billing.ownersOnly')}</p> : null}
          {canManage && data.subscribed ? (
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" onClick={() => void actions.portal()}>
                <ExternalLink aria-hidden="true" />
                {t('billing.portal')}
              </Button>
              {data.scheduledPlan ? (
                <Button variant="outline" disabled={busy} onClick={() => actions.change.mutate({ plan: data.plan, interval: data.interval ?? 'monthly' })}>
                  {t('billing.keepPlan', { plan: planLabel(data.plan) })}
                </Button>
              ) : null}
              {data.cancelAtPeriodEnd ? (
                <Button disabled={busy} onClick={() => actions.resume.mutate()}>
                  {t('billing.resume')}
                </Button>
              ) : confirmCancel ? null : (
                <Button variant="ghost" disabled={busy} onClick={() => setConfirmCancel(true)}>
                  {t('billing.cancel')}
                </Button>
              )}
            </div>
          ) : null}
          {confirmCancel && !data.cancelAtPeriodEnd ? (
            <div className="grid gap-2 rounded-md border p-3" role="alertdialog" aria-label={t('billing.cancel')}>
              <p>{t('billing.cancelConfirm', { date: date(data.currentPeriodEnd) })}</p>
              <div className="flex gap-2">
                <Button variant="destructive" disabled={busy} onClick={() => actions.cancel.mutate(undefined, { onSettled: () => setConfirmCancel(false) })}>
                  {t('billing.cancelYes')}
                </Button>
                <Button variant="outline" onClick={() => setConfirmCancel(false)}>
                  {t('billing.cancelNo')}
                </Button>
              </div>
            </div>
          ) : null}
        </CardContent>
      </Card>
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{t('billing.plans')}</h2>
        <div className="inline-flex rounded-md border p-0.5" role="group" aria-label={t('billing.plans')}>
          {(['monthly', 'yearly'] as const).map((value) => (
            <Button
              key={value}
              size="sm"
              variant={interval === value ? 'default' : 'ghost'}
              aria-pressed={interval === value}
              onClick={() => setBillingInterval(value)}
            >
              {t(`billing.toggle.${value}`)}
            </Button>
          ))}
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        {PLANS.map((plan) => (
          <PlanCard key={plan} plan={plan} interval={interval} data={data} canManage={canManage} busy={busy} actions={actions} />
        ))}
      </div>
    </div>
  );
}

function PlanCard({
  plan,
  interval,
  data,
  canManage,
  busy,
  actions,
}: {
  plan: Plan;
  interval: BillingInterval;
  data: BillingOverview;
  canManage: boolean;
  busy: boolean;
  actions: ReturnType<typeof useBillingActions>;
}) {
  const { t, i18n } = useTranslation();
  const p = PLAN_TABLE[plan];
  const name = t(`plans.${plan}`);
  const price = formatMinor(interval === 'monthly' ? p.monthlyCents : p.yearlyCents, 'EUR', i18n.language);
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const isCurrent = data.subscribed && data.plan === plan && data.interval === interval;
  let action: { label: string; run: () => void } | null = null;
  if (!data.subscribed) action = { label: t('billing.subscribe', { plan: name }), run: () => actions.checkout.mutate({ plan, interval }) };
  else if (!isCurrent) {
    const label =
      plan === data.plan
        ? t('billing.switchInterval', { interval: t(`billing.interval.${interval}`) })
        : monthlyValue(plan, interval) >= monthlyValue(data.plan, data.interval ?? 'monthly')
          ? t('billing.upgrade', { plan: name })
          : t('billing.downgrade', { plan: name });
    action = { label, run: () => actions.change.mutate({ plan, interval }) };
  }
  return (
    <Card className={cn(isCurrent && 'border-primary')} data-testid={`plan-card-${plan}`}>
      <CardHeader>
        <CardTitle as="h3" className="text-lg">
          {name}
        </CardTitle>
        <CardDescription>{interval === 'monthly' ? t('billing.perMonth', { amount: price }) : t('billing.perYear', { amount: price })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <ul className="grid gap-1 text-muted-foreground">
          <li>{p.sessionsPerMonth === null ? t('billing.features.sessionsUnlimited') : t('billing.features.sessions', { n: number(p.sessionsPerMonth) })}</li>
          <li>{t('billing.features.storage', { size: formatBytes(p.storageBytes, i18n.language) })}</li>
          <li>{p.seats === null ? t('billing.features.seatsUnlimited') : t('billing.features.seats', { n: number(p.seats) })}</li>
          <li>{t('billing.features.aiCredits', { n: number(p.aiCreditsPerMonth) })}</li>
          {p.prioritySupport ? <li>{t('billing.features.priority')}</li> : null}
        </ul>
        {isCurrent ? (
          <p className="font-medium">{t('billing.current')}</p>
        ) : canManage && action ? (
          <Button disabled={busy} onClick={action.run}>
            {action.label}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
