import { useEffect, useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CreditCard, ExternalLink, RefreshCw } from 'lucide-react';
import { PageHeader } from '@/components/page-header.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { usePaymentsStatus } from './use-online-payment.ts';

type Status = RouterOutputs['payments']['status'];

/**
 * Settings → Payments: online card payment through the studio's own Stripe account. Stripe sends the owner
 * back here after onboarding (`?stripe=return`, the status is read again) or when its link expired
 * (`?stripe=refresh`, a new link is made and followed).
 */
export function PaymentsSettingsPage() {
  const { t } = useTranslation();
  const status = usePaymentsStatus();
  return (
    <>
      <PageHeader title={t('payments.title')} description={t('payments.description')} />
      <div className="grid max-w-3xl gap-4">
        {status.isPending ? (
          <Skeleton className="h-40 w-full" />
        ) : status.isError ? (
          <FormError message={apiErrorMessage(t, status.error)} />
        ) : !status.data.configured ? (
          <Alert data-testid="payments-not-configured">
            <AlertTitle>{t('payments.notConfiguredTitle')}</AlertTitle>
            <AlertDescription>{t('payments.notConfigured')}</AlertDescription>
          </Alert>
        ) : (
          <StripeAccountCard status={status.data} />
        )}
      </div>
    </>
  );
}

function StripeAccountCard({ status }: { status: Status }) {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  const canManage = can('money:manage');
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const connect = useMutation(trpc.payments.connect.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  const refresh = useMutation(trpc.payments.refresh.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(trpc.payments.status.queryKey(), data) }));
  const account = status.account;

  // Back from Stripe: read the account again once, then drop the marker so a reload does not repeat it.
  const handled = useRef(false);
  const outcome = params.get('stripe');
  useEffect(() => {
    if (handled.current || !outcome || !canManage) return;
    handled.current = true;
    if (outcome === 'refresh') connect.mutate();
    else if (account) refresh.mutate();
    setParams(
      (current) => {
        current.delete('stripe');
        return current;
      },
      { replace: true },
    );
  }, [outcome, canManage, account, connect, refresh, setParams]);

  const error = connect.error ?? refresh.error;
  return (
    <Card>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-center gap-3">
          <CreditCard className="size-5 text-muted-foreground" aria-hidden="true" />
          <h2 className="font-medium">{t('payments.stripe')}</h2>
          {account ? (
            <Badge variant={status.acceptsOnlinePayment ? 'success' : 'outline'} data-testid="payments-state">
              {status.acceptsOnlinePayment ? t('payments.ready') : t('payments.incomplete')}
            </Badge>
          ) : (
            <Badge variant="outline" data-testid="payments-state">
              {t('payments.notConnected')}
            </Badge>
          )}
        </div>
        {account ? <AccountDetails status={status} /> : <p className="text-sm text-muted-foreground">{t('payments.intro')}</p>}
        {error ? <FormError message={apiErrorMessage(t, error)} /> : null}
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            {!status.acceptsOnlinePayment ? (
              <Button onClick={() => connect.mutate()} disabled={connect.isPending}>
                <ExternalLink aria-hidden="true" />
                {account ? t('payments.continue') : t('payments.connect')}
              </Button>
            ) : null}
            {account ? (
              <Button variant="outline" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
                <RefreshCw aria-hidden="true" />
                {t('payments.check')}
              </Button>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">{t('payments.readOnly')}</p>
        )}
      </CardContent>
    </Card>
  );
}

function AccountDetails({ status }: { status: Status }) {
  const { t } = useTranslation();
  const account = status.account!;
  if (status.acceptsOnlinePayment) {
    return (
      <p className="text-sm" data-testid="payments-summary">
        {t('payments.readyDetails', { account: account.accountId })}
        {account.payoutsEnabled ? null : ` ${t('payments.payoutsPending')}`}
      </p>
    );
  }
  const missing = [
    !account.detailsSubmitted ? t('payments.missing.details') : null,
    !account.chargesEnabled ? t('payments.missing.charges') : null,
    account.requirementsDue.length > 0
      ? t('payments.missing.requirements', { count: account.requirementsDue.length, fields: account.requirementsDue.join(', ') })
      : null,
    account.disabledReason ? t('payments.missing.disabled', { reason: account.disabledReason }) : null,
  ].filter((item): item is string => item !== null);
  return (
    <div className="grid gap-2 text-sm" data-testid="payments-summary">
      <p>{t('payments.incompleteDetails', { account: account.accountId })}</p>
      <ul className="list-disc pl-5 text-muted-foreground">
        {missing.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
