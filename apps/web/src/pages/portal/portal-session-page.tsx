import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArrowLeft, CreditCard } from 'lucide-react';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage, hasAppCode } from '@/lib/trpc/errors.ts';
import { useCurrentPortal, type PortalSessionDetail } from './portal-context.ts';
import { PortalGate } from './portal-gate.tsx';
import { StatusBadge } from './portal-home-page.tsx';
import { formatSpan, money } from './portal-format.ts';
import { PortalCancelDialog } from './portal-cancel-dialog.tsx';
import { PortalReschedule } from './portal-reschedule.tsx';

export function PortalSessionPage() {
  return <PortalGate>{() => <SessionDetail />}</PortalGate>;
}

function SessionDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const trpc = useStudioTRPC();
  const { studio, pathTo } = useCurrentPortal();
  // Back from Stripe Checkout before the webhook: look again every two seconds until the deposit shows as paid.
  const backFromPayment = new URLSearchParams(window.location.search).get('payment') === 'paid';
  const session = useQuery(
    trpc.portal.session.queryOptions(
      { id },
      {
        retry: false,
        refetchInterval: (query) =>
          backFromPayment && query.state.data && query.state.data.depositCents > 0 && !query.state.data.depositReceived ? 2000 : false,
      },
    ),
  );
  const back = (
    <Link to={pathTo()} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft aria-hidden="true" className="size-4" />
      {t('portal.session.back')}
    </Link>
  );
  if (session.isPending) return <Skeleton className="h-48 w-full" />;
  if (session.isError) {
    return (
      <div className="grid gap-4">
        {back}
        <Alert variant="destructive">
          <AlertDescription>{hasAppCode(session.error, 'NOT_FOUND') ? t('portal.session.notFound') : apiErrorMessage(t, session.error)}</AlertDescription>
        </Alert>
      </div>
    );
  }
  const s = session.data;
  return (
    <div className="grid gap-4">
      {back}
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="flex flex-wrap items-center gap-2 text-xl">
            {s.title} <StatusBadge status={s.status} />
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm">
          <p>{formatSpan(s.startsAt, s.endsAt, i18n.language, studio.timeZone)}</p>
          <p className="text-muted-foreground">{s.roomName}</p>
          {s.companyName ? <p>{t('portal.session.forCompany', { company: s.companyName })}</p> : null}
          <p>{t('portal.session.price', { amount: money(s.priceCents, s.currency, i18n.language) })}</p>
          {s.depositCents > 0 ? (
            <p data-testid="portal-session-deposit">
              {t(s.depositReceived ? 'portal.session.depositReceived' : 'portal.session.depositDue', {
                amount: money(s.depositCents, s.currency, i18n.language),
              })}
            </p>
          ) : null}
          <PayDeposit session={s} />
          {s.status === 'cancelled' && s.refundableCents !== null && s.keptCents !== null ? (
            <Alert>
              <AlertDescription>
                {t('portal.session.cancelledOutcome', {
                  refundable: money(s.refundableCents, s.currency, i18n.language),
                  kept: money(s.keptCents, s.currency, i18n.language),
                })}
              </AlertDescription>
            </Alert>
          ) : null}
        </CardContent>
      </Card>
      <Changes session={s} />
      <Policy session={s} />
    </div>
  );
}

/** "Pay deposit" on Stripe Checkout, when the deposit is due and the studio takes card payments; what came back from it. */
function PayDeposit({ session }: { session: PortalSessionDetail }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const pay = useMutation(trpc.portal.payDeposit.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  const returned = new URLSearchParams(window.location.search).get('payment');
  const confirming = returned === 'paid' && !session.depositReceived && session.depositCents > 0;
  if (confirming) return <p role="status">{t('portal.session.depositConfirming')}</p>;
  if (!session.payDepositOnline) return null;
  return (
    <div className="grid gap-2">
      {returned === 'cancelled' ? <p role="status">{t('portal.session.depositCancelled')}</p> : null}
      {pay.error ? (
        <Alert variant="destructive">
          <AlertDescription>{apiErrorMessage(t, pay.error)}</AlertDescription>
        </Alert>
      ) : null}
      <Button className="sm:w-fit" loading={pay.isPending} onClick={() => pay.mutate({ id: session.id })} data-testid="portal-pay-deposit">
        <CreditCard aria-hidden="true" />
        {t('portal.session.payDeposit')}
      </Button>
    </div>
  );
}

function Changes({ session }: { session: PortalSessionDetail }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.portal.pathKey() });
  if (session.status !== 'hold' && session.status !== 'confirmed') return null;
  if (!session.canChange) {
    return (
      <Alert>
        <AlertDescription>{t('portal.session.tooLate', { hours: session.cutoffHours })}</AlertDescription>
      </Alert>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('portal.session.changeTitle')}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <p className="text-sm text-muted-foreground">{t('portal.session.changeHint', { hours: session.cutoffHours })}</p>
        {rescheduling ? (
          <PortalReschedule
            session={session}
            onDone={async () => {
              setRescheduling(false);
              await refresh();
              toast(t('portal.reschedule.done'));
            }}
            onCancel={() => setRescheduling(false)}
          />
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" onClick={() => setRescheduling(true)}>
              {t('portal.session.reschedule')}
            </Button>
            <Button variant="destructive" onClick={() => setCancelOpen(true)}>
              {t('portal.session.cancel')}
            </Button>
          </div>
        )}
        <PortalCancelDialog
          session={session}
          open={cancelOpen}
          onOpenChange={setCancelOpen}
          onCancelled={async () => {
            await refresh();
            toast(t('portal.cancel.done'));
          }}
        />
      </CardContent>
    </Card>
  );
}

function Policy({ session }: { session: PortalSessionDetail }) {
  const { t } = useTranslation();
  if (session.tiers.length === 0 && !session.policyText) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('portal.policy.title')}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-2 text-sm">
        {session.tiers.length ? (
          <ul className="list-disc pl-5">
            {[...session.tiers]
              .sort((a, b) => b.daysBefore - a.daysBefore)
              .map((tier) => (
                <li key={tier.daysBefore}>{t('portal.policy.tier', { count: tier.daysBefore, percent: tier.refundPercent })}</li>
              ))}
          </ul>
        ) : null}
        {session.tiers.length ? <p className="text-muted-foreground">{t('portal.policy.daysExplained')}</p> : null}
        {session.policyText ? <p className="whitespace-pre-line">{session.policyText}</p> : null}
      </CardContent>
    </Card>
  );
}
