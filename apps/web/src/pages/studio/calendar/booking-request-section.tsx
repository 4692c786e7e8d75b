import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Check, Globe, X } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { CalendarSession } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { bookingPageErrorMessage } from '@/pages/public-booking/public-booking-errors.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { formatShortDateTime } from './calendar-format.ts';
import { BookingDecisionDialog, type Decision } from './booking-decision-dialog.tsx';

/** Where a session came from, the visitor's message, the studio's answer and the deposit, with what staff can do next. */
export function BookingRequestSection({ session, canWrite }: { session: CalendarSession; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const { studio, can, pathTo } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const markDeposit = useMutation(trpc.sessions.markDepositReceived.mutationOptions());
  const pending = session.approvalStatus === 'pending' && session.status === 'hold';
  const depositOpen = session.depositCents > 0 && !session.depositReceivedAt && (session.status === 'hold' || session.status === 'confirmed');
  const when = (iso: string) => formatShortDateTime(iso, i18n.language, studio.timeZone);

  const received = async () => {
    setError(null);
    try {
      const saved = await markDeposit.mutateAsync({ id: session.id });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.sessions.get.queryKey({ id: session.id }) }),
      ]);
      // A second click (or a colleague first) records nothing more: say so rather than "recorded" again.
      toast(t(saved.alreadyRecorded ? 'bookingPage.deposit.alreadyRecorded' : 'bookingPage.deposit.markedReceived', { title: session.title }));
    } catch (failure) {
      setError(bookingPageErrorMessage(t, failure));
    }
  };

  return (
    <section className="grid gap-2 rounded-md border p-3" aria-labelledby="booking-request" data-testid="booking-request-section">
      <h3 id="booking-request" className="flex flex-wrap items-center gap-2 text-sm font-medium">
        <Globe className="size-4" aria-hidden="true" />
        {t(`bookingPage.source.${session.source === 'public' || session.source === 'portal' ? session.source : 'staff'}`)}
        {session.approvalStatus ? (
          <Badge variant={session.approvalStatus === 'approved' ? 'success' : session.approvalStatus === 'declined' ? 'destructive' : 'secondary'}>
            {t(`bookingPage.approval.${session.approvalStatus === 'approved' || session.approvalStatus === 'declined' ? session.approvalStatus : 'pending'}`)}
          </Badge>
        ) : null}
      </h3>
      <dl className="grid gap-1 text-sm">
        {session.requestMessage ? (
          <div className="grid gap-0.5">
            <dt className="text-muted-foreground">{t('bookingPage.requests.theirMessage')}</dt>
            <dd className="break-words whitespace-pre-line">{session.requestMessage}</dd>
          </div>
        ) : null}
        {session.decisionMessage ? (
          <div className="grid gap-0.5">
            <dt className="text-muted-foreground">{t('bookingPage.requests.yourAnswer')}</dt>
            <dd className="break-words whitespace-pre-line">{session.decisionMessage}</dd>
          </div>
        ) : null}
        {session.depositCents > 0 ? (
          <div className="grid gap-0.5">
            <dt className="text-muted-foreground">{t('bookingPage.deposit.label')}</dt>
            <dd data-testid="session-deposit">
              <span className="tabular-nums">{formatMinor(session.depositCents, session.currency, i18n.language)}</span>
              {' · '}
              {session.depositReceivedAt ? (
                <>
                  {t('bookingPage.deposit.paidOn', { date: when(session.depositReceivedAt) })}
                  {/* Paid online: the deposit invoice the payment issued (for owners and managers, who see Money). */}
                  {session.depositInvoiceId && can('money:manage') ? (
                    <>
                      {' · '}
                      <Link
                        to={pathTo(`money/documents/${session.depositInvoiceId}`)}
                        className="underline underline-offset-2"
                        data-testid="session-deposit-invoice"
                      >
                        {t('bookingPage.deposit.invoice')}
                      </Link>
                    </>
                  ) : null}
                </>
              ) : session.depositDueAt ? (
                t('bookingPage.deposit.dueBy', { date: when(session.depositDueAt) })
              ) : (
                t('bookingPage.deposit.due')
              )}
            </dd>
          </div>
        ) : null}
      </dl>
      <FormError message={error} />
      {canWrite && pending ? (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => setDecision('approve')}>
            <Check aria-hidden="true" />
            {t('bookingPage.requests.approve')}
          </Button>
          <Button size="sm" variant="outline" onClick={() => setDecision('decline')}>
            <X aria-hidden="true" />
            {t('bookingPage.requests.decline')}
          </Button>
        </div>
      ) : null}
      {/* Money is for owners and managers (role table): others see the deposit's state, not the button. */}
      {can('money:manage') && !pending && depositOpen ? (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="outline" loading={markDeposit.isPending} onClick={() => void received()}>
            {t('bookingPage.deposit.markReceived')}
          </Button>
        </div>
      ) : null}
      {decision ? <BookingDecisionDialog sessionId={session.id} title={session.title} decision={decision} onClose={() => setDecision(null)} /> : null}
    </section>
  );
}
