import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CalendarX, ChevronRight } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentPortal, type PortalSession } from './portal-context.ts';
import { PortalGate } from './portal-gate.tsx';
import { formatSpan } from './portal-format.ts';

/** The client's sessions: upcoming first, then past; company sessions are marked with the company. */
export function PortalHomePage() {
  const { t } = useTranslation();
  return (
    <PortalGate>
      {(me) => (
        <div className="grid gap-8">
          <h1 className="text-2xl font-semibold">{t('portal.home.hello', { name: me.name })}</h1>
          <SessionList when="upcoming" />
          <SessionList when="past" />
        </div>
      )}
    </PortalGate>
  );
}

function SessionList({ when }: { when: 'upcoming' | 'past' }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const list = useInfiniteQuery(trpc.portal.sessions.infiniteQueryOptions({ when, limit: 20 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby={`portal-${when}`} className="grid gap-3">
      <h2 id={`portal-${when}`} className="text-lg font-semibold">
        {t(`portal.home.${when}`)}
      </h2>
      {list.isPending ? (
        <Skeleton className="h-20 w-full" />
      ) : list.isError ? (
        <FormError message={apiErrorMessage(t, list.error)} />
      ) : items.length === 0 ? (
        <p className="flex items-center gap-2 rounded-lg border border-dashed bg-background p-4 text-sm text-muted-foreground">
          <CalendarX aria-hidden="true" className="size-4" />
          {t(`portal.home.${when}Empty`)}
        </p>
      ) : (
        <ul className="grid gap-2">
          {items.map((session) => (
            <SessionRow key={session.id} session={session} />
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <Button variant="outline" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </section>
  );
}

function SessionRow({ session }: { session: PortalSession }) {
  const { t, i18n } = useTranslation();
  const { studio, pathTo } = useCurrentPortal();
  return (
    <li>
      <Link
        to={pathTo(`sessions/${session.id}`)}
        className="flex items-center gap-3 rounded-lg border bg-background p-4 hover:bg-accent"
        data-testid="portal-session-row"
      >
        <div className="grid min-w-0 flex-1 gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="truncate font-medium">{session.title}</span>
            <StatusBadge status={session.status} />
            {session.companyName ? <Badge variant="outline">{t('portal.session.forCompany', { company: session.companyName })}</Badge> : null}
            {session.payDepositOnline ? (
              <Badge variant="outline">{t('portal.session.depositToPay')}</Badge>
            ) : session.depositCents > 0 && session.depositReceived ? (
              <Badge variant="success">{t('portal.session.depositPaidBadge')}</Badge>
            ) : null}
          </div>
          <span className="text-sm text-muted-foreground">
            {formatSpan(session.startsAt, session.endsAt, i18n.language, studio.timeZone)} · {session.roomName}
          </span>
        </div>
        <ChevronRight aria-hidden="true" className="size-4 text-muted-foreground" />
      </Link>
    </li>
  );
}

export function StatusBadge({ status }: { status: PortalSession['status'] }) {
  const { t } = useTranslation();
  const variant = status === 'confirmed' ? 'success' : status === 'cancelled' || status === 'no_show' ? 'destructive' : 'secondary';
  return <Badge variant={variant}>{t(`portal.status.${status}`)}</Badge>;
}
