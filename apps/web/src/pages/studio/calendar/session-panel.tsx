import { useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArrowRight, Clock, Pencil, Repeat } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogDescription, DialogTitle, SidePanelContent } from '@/components/ui/dialog.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import type { BookingResources, CalendarSession, SessionDetail, SessionStatus } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { formatDay, formatShortDateTime, formatTimeRange } from './calendar-format.ts';
import { dayKeyOf } from './dates.ts';
import { SeriesCancel } from './series-cancel.tsx';
import { StatusTag } from './session-block.tsx';
import { SessionDetailsForm } from './session-details-form.tsx';
import { SessionMoveForm } from './session-move-form.tsx';
import { NEXT_STATUSES, isMovable } from './session-status.ts';
import { bookingErrorMessage } from './booking-errors.ts';
import { BookingRequestSection } from './booking-request-section.tsx';
import { CancelSessionDialog, RecordedCancellation } from './cancel-session-dialog.tsx';
import { MoveDeposit } from './move-deposit.tsx';
import { InvoiceSessionLink } from '@/components/money/invoice-links.tsx';

type SessionPanelProps = {
  sessionId: string;
  /** The calendar's copy, shown at once while the details load. */
  listed: CalendarSession | undefined;
  resources: BookingResources;
  onClose: () => void;
};

/** A session's details beside the calendar: resources, price, status changes and their history. */
export function SessionPanel({ sessionId, listed, resources, onClose }: SessionPanelProps) {
  const { t } = useTranslation();
  const { studio, can } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const detail = useQuery(trpc.sessions.get.queryOptions({ id: sessionId }));
  const session = detail.data ?? listed;
  const [editing, setEditing] = useState<'times' | 'details' | null>(null);
  const canWrite = can('sessions:write');
  const stopEditing = () => setEditing(null);

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <SidePanelContent data-testid="session-panel">
        {session ? (
          <>
            <div className="grid gap-2 pr-8">
              <DialogTitle className="text-lg font-semibold">{session.title}</DialogTitle>
              <div className="flex flex-wrap items-center gap-2">
                <Badge
                  variant={
                    session.status === 'confirmed' ? 'success' : session.status === 'cancelled' || session.status === 'no_show' ? 'destructive' : 'secondary'
                  }
                >
                  {t(`calendar.status.${session.status}`)}
                </Badge>
                {session.status === 'hold' ? <StatusTag session={session} timeZone={studio.timeZone} className="bg-muted" /> : null}
                {session.seriesId ? (
                  <Badge variant="outline">
                    <Repeat className="size-3" aria-hidden="true" />
                    {t('calendar.series.badge')}
                  </Badge>
                ) : null}
              </div>
              <DialogDescription className="text-sm text-muted-foreground">
                <When session={session} />
              </DialogDescription>
            </div>
            {editing === 'details' ? (
              <SessionDetailsForm session={session} resources={resources} onDone={stopEditing} />
            ) : (
              <Details session={session} resources={resources} />
            )}
            {session.source !== 'staff' || session.depositCents > 0 ? <BookingRequestSection session={session} canWrite={canWrite} /> : null}
            {session.status === 'cancelled' ? <RecordedCancellation sessionId={session.id} depositInvoiceId={session.depositInvoiceId} /> : null}
            {session.status === 'cancelled' && can('money:manage') ? <MoveDeposit session={session} /> : null}
            {editing === 'times' ? <SessionMoveForm session={session} rooms={resources.rooms} timeZone={studio.timeZone} onDone={stopEditing} /> : null}
            {canWrite && editing === null ? (
              <div className="flex flex-wrap gap-2">
                <Button variant="outline" size="sm" onClick={() => setEditing('details')}>
                  <Pencil aria-hidden="true" />
                  {t('calendar.details.edit')}
                </Button>
                {isMovable(session.status) ? (
                  <Button variant="outline" size="sm" onClick={() => setEditing('times')}>
                    <Clock aria-hidden="true" />
                    {t('calendar.panel.editTimes')}
                  </Button>
                ) : null}
              </div>
            ) : null}
            <InvoiceSessionLink sessionId={session.id} clientId={session.clientId} status={session.status} />
            {canWrite ? <StatusActions session={session} onCancelled={onClose} /> : null}
            {canWrite ? <SeriesCancel session={session} onCancelled={onClose} /> : null}
            {detail.data ? (
              <Price detail={detail.data} />
            ) : detail.isError ? (
              <FormError message={apiErrorMessage(t, detail.error)} />
            ) : (
              <Skeleton className="h-20" />
            )}
            {detail.data ? <History detail={detail.data} /> : null}
          </>
        ) : (
          <>
            <DialogTitle className="sr-only">{t('calendar.panel.title')}</DialogTitle>
            <DialogDescription className="sr-only">{t('common.loading')}</DialogDescription>
            {detail.isError ? <FormError message={apiErrorMessage(t, detail.error)} /> : <Skeleton className="h-40" />}
          </>
        )}
      </SidePanelContent>
    </Dialog>
  );
}

function When({ session }: { session: CalendarSession }) {
  const { i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  return (
    <span>
      {formatDay(dayKeyOf(new Date(session.startsAt), studio.timeZone), i18n.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })} ·{' '}
      <span className="tabular-nums">{formatTimeRange(session.startsAt, session.endsAt, i18n.language, studio.timeZone)}</span>
    </span>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] gap-2 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function Details({ session, resources }: { session: CalendarSession; resources: BookingResources }) {
  const { t } = useTranslation();
  const room = resources.rooms.find((candidate) => candidate.id === session.roomId);
  // An archived engineer or item is no longer among the studio's resources, but stays on its sessions.
  const names = (ids: readonly string[], list: readonly { id: string; name: string }[]) =>
    ids.map((id) => list.find((item) => item.id === id)?.name ?? t('calendar.panel.archivedResource')).join(', ') || '—';
  return (
    <dl className="grid gap-2">
      <Row label={t('calendar.fields.room')}>
        <span className="flex items-center gap-2">
          {room ? <span className="size-2.5 rounded-full" style={{ backgroundColor: room.color }} aria-hidden="true" /> : null}
          {room?.name ?? '—'}
        </span>
      </Row>
      <Row label={t('calendar.fields.engineers')}>{names(session.engineerIds, resources.engineers)}</Row>
      <Row label={t('calendar.fields.gear')}>{names(session.gearIds, resources.gear)}</Row>
      <Row label={t('calendar.fields.client')}>{session.clientName ?? '—'}</Row>
      {session.notes ? <Row label={t('calendar.fields.notes')}>{session.notes}</Row> : null}
    </dl>
  );
}

const ACTION_VARIANT: Partial<Record<SessionStatus, 'default' | 'outline' | 'destructive'>> = { confirmed: 'default', cancelled: 'destructive' };

function StatusActions({ session, onCancelled }: { session: CalendarSession; onCancelled: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const change = useMutation(trpc.sessions.changeStatus.mutationOptions());
  const next = NEXT_STATUSES[session.status];
  if (next.length === 0) return null;

  const apply = async (status: SessionStatus) => {
    setError(null);
    await change.mutateAsync({ id: session.id, status });
    await afterChange(status);
  };
  const afterChange = async (status: SessionStatus) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.sessions.get.queryKey({ id: session.id }) }),
    ]);
    toast(t(`calendar.statusChanged.${status}`, { title: session.title }));
    if (status === 'cancelled') onCancelled();
  };
  const run = (status: SessionStatus) => {
    apply(status).catch((failure: unknown) => setError(bookingErrorMessage(t, failure)));
  };

  return (
    <div className="grid gap-2">
      <p className="text-sm font-medium">{t('calendar.panel.changeStatus')}</p>
      <FormError message={error} />
      <div className="flex flex-wrap gap-2">
        {next.map((status) => (
          <Button
            key={status}
            size="sm"
            variant={ACTION_VARIANT[status] ?? 'outline'}
            disabled={change.isPending}
            onClick={() => (status === 'cancelled' ? setConfirmCancel(true) : run(status))}
          >
            {t(`calendar.actions.${status}`)}
          </Button>
        ))}
      </div>
      <CancelSessionDialog open={confirmCancel} onOpenChange={setConfirmCancel} session={session} onCancelled={() => afterChange('cancelled')} />
    </div>
  );
}

function Price({ detail }: { detail: SessionDetail }) {
  const { t, i18n } = useTranslation();
  const money = (cents: number) => formatMinor(cents, detail.price.currency, i18n.language);
  return (
    <section className="grid gap-2" aria-labelledby="session-price">
      <h3 id="session-price" className="text-sm font-medium">
        {t('calendar.price')}
      </h3>
      <ul className="grid gap-1 text-sm">
        {detail.price.lines.map((line, index) => (
          <li key={index} className="flex justify-between gap-3">
            <span className="text-muted-foreground">
              {line.label} · {t(`calendar.priceUnits.${line.unit}`, { count: line.quantity })}
            </span>
            <span className="tabular-nums">{money(line.totalCents)}</span>
          </li>
        ))}
        <li className="flex justify-between gap-3 border-t pt-1 font-semibold">
          <span>{t('calendar.total')}</span>
          <span className="tabular-nums" data-testid="session-total">
            {money(detail.price.totalCents)}
          </span>
        </li>
      </ul>
    </section>
  );
}

function History({ detail }: { detail: SessionDetail }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  // The server names who made each change; members are looked up only for entries it could not name.
  const needsLookup = detail.history.some((entry) => entry.changedBy !== null && !entry.changedByName);
  const members = useQuery(trpc.members.list.queryOptions(undefined, { enabled: needsLookup }));
  const nameOf = (entry: SessionDetail['history'][number]) => {
    if (entry.changedByName) return entry.changedByName;
    if (!entry.changedBy) return t('calendar.panel.system');
    return members.data?.members.find((member) => member.userId === entry.changedBy)?.name ?? t('calendar.panel.formerMember');
  };
  return (
    <section className="grid gap-2" aria-labelledby="session-history">
      <h3 id="session-history" className="text-sm font-medium">
        {t('calendar.panel.history')}
      </h3>
      <ol className="grid gap-2 text-sm">
        {detail.history.map((entry, index) => (
          <li key={index} className="grid gap-0.5 border-l-2 pl-3">
            <span className="flex flex-wrap items-center gap-1">
              {entry.fromStatus === entry.toStatus ? (
                <span className="font-medium">{t('calendar.panel.moved')}</span>
              ) : entry.fromStatus ? (
                <>
                  {t(`calendar.status.${entry.fromStatus}`)}
                  <ArrowRight className="size-3" aria-label={t('calendar.panel.to')} />
                </>
              ) : null}
              {entry.fromStatus === entry.toStatus ? null : <span className="font-medium">{t(`calendar.status.${entry.toStatus}`)}</span>}
            </span>
            <span className="text-xs text-muted-foreground">
              {nameOf(entry)} · {formatShortDateTime(entry.changedAt, i18n.language, studio.timeZone)}
            </span>
            {/* A move's note is the server's technical trace (ISO instants); other notes are people's words. */}
            {entry.note && entry.fromStatus !== entry.toStatus ? <span className="text-xs text-muted-foreground">{entry.note}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
