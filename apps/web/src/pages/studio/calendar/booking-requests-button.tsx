import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Inbox } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogDescription, DialogTitle, SidePanelContent } from '@/components/ui/dialog.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { formatDateTimeRange } from './calendar-format.ts';
import { BookingDecisionDialog, type Decision } from './booking-decision-dialog.tsx';

type PendingRequest = RouterOutputs['bookingRequests']['list']['items'][number];

/** "Requests (n)": booking requests from the public page waiting for an answer, answered from the list. */
export function BookingRequestsButton({ onOpenSession }: { onOpenSession: (sessionId: string) => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  // Refreshed every minute: visitors send requests while the calendar stays open.
  const list = useQuery(trpc.bookingRequests.list.queryOptions({ offset: 0 }, { refetchInterval: 60_000 }));
  const [open, setOpen] = useState(false);
  const count = list.data?.total ?? 0;
  return (
    <>
      <Button variant={count > 0 ? 'default' : 'outline'} size="sm" onClick={() => setOpen(true)} data-testid="booking-requests-button">
        <Inbox aria-hidden="true" />
        {t('bookingPage.requests.button', { count })}
      </Button>
      {open ? (
        <Dialog open onOpenChange={setOpen}>
          <SidePanelContent data-testid="booking-requests-panel">
            <div className="grid gap-1 pr-8">
              <DialogTitle className="text-lg font-semibold">{t('bookingPage.requests.title')}</DialogTitle>
              <DialogDescription className="text-sm text-muted-foreground">{t('bookingPage.requests.description')}</DialogDescription>
            </div>
            {list.isPending ? (
              <Skeleton className="h-24" />
            ) : list.isError ? (
              <FormError message={apiErrorMessage(t, list.error)} />
            ) : list.data.items.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t('bookingPage.requests.empty')}</p>
            ) : (
              <ul className="grid gap-3">
                {list.data.items.map((item) => (
                  <RequestItem
                    key={item.id}
                    item={item}
                    onOpen={() => {
                      setOpen(false);
                      onOpenSession(item.id);
                    }}
                  />
                ))}
              </ul>
            )}
          </SidePanelContent>
        </Dialog>
      ) : null}
    </>
  );
}

function RequestItem({ item, onOpen }: { item: PendingRequest; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const [decision, setDecision] = useState<Decision | null>(null);
  return (
    <li className="grid gap-2 rounded-md border p-3 text-sm" data-testid="booking-request-item">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{item.clientName ?? item.title}</span>
        <Badge variant="outline">{item.roomName}</Badge>
      </div>
      <p className="tabular-nums">{formatDateTimeRange(item.startsAt, item.endsAt, i18n.language, studio.timeZone)}</p>
      {item.clientEmail ? (
        <p className="break-all text-muted-foreground">
          {item.clientEmail}
          {item.clientPhone ? ` · ${item.clientPhone}` : ''}
        </p>
      ) : null}
      {item.message ? <p className="break-words whitespace-pre-line">“{item.message}”</p> : null}
      <p className="text-muted-foreground">
        {formatMinor(item.priceCents, item.currency, i18n.language)}
        {item.depositCents > 0 ? ` · ${t('bookingPage.deposit.amount', { amount: formatMinor(item.depositCents, item.currency, i18n.language) })}` : ''}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={() => setDecision('approve')}>
          {t('bookingPage.requests.approve')}
        </Button>
        <Button size="sm" variant="outline" onClick={() => setDecision('decline')}>
          {t('bookingPage.requests.decline')}
        </Button>
        <Button size="sm" variant="ghost" onClick={onOpen}>
          {t('bookingPage.requests.open')}
        </Button>
      </div>
      {decision ? (
        <BookingDecisionDialog sessionId={item.id} title={item.clientName ?? item.title} decision={decision} onClose={() => setDecision(null)} />
      ) : null}
    </li>
  );
}
