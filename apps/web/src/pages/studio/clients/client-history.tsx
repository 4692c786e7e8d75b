import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatMinor } from '@rsm/shared/money';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { formatDate, formatDateTime } from '@/lib/format.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';

const PAGE_SIZE = 10;

/** The client's sessions, upcoming (next first) or past (latest first), a page at a time. */
export function ClientSessionsCard({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const [page, setPage] = useState(1);
  const sessions = useQuery({ ...trpc.clients.sessions.queryOptions({ clientId, when, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const pages = Math.max(1, Math.ceil((sessions.data?.total ?? 0) / PAGE_SIZE));
  const choose = (next: 'upcoming' | 'past') => {
    setWhen(next);
    setPage(1);
  };
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>{t('clients.sessions.title')}</CardTitle>
        <div className="flex gap-1" role="group" aria-label={t('clients.sessions.title')}>
          {(['upcoming', 'past'] as const).map((option) => (
            <Button key={option} size="sm" variant={when === option ? 'default' : 'outline'} aria-pressed={when === option} onClick={() => choose(option)}>
              {t(`clients.sessions.${option}`)}
            </Button>
          ))}
        </div>
      </CardHeader>
      <CardContent className="grid gap-2">
        {sessions.data?.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{when === 'upcoming' ? t('clients.sessions.noneUpcoming') : t('clients.sessions.nonePast')}</p>
        ) : null}
        <ul className="divide-y">
          {sessions.data?.items.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
              <time dateTime={s.startsAt} className="tabular-nums">
                {formatDateTime(s.startsAt, i18n.language, studio.timeZone)}
              </time>
              <span className="min-w-0 flex-1 truncate font-medium">{s.title}</span>
              <span className="text-muted-foreground">{s.roomName}</span>
              <Badge variant="outline">{t(`calendar.status.${s.status}`, { defaultValue: s.status })}</Badge>
              <span className="tabular-nums">{formatMinor(s.priceCents, s.currency, i18n.language)}</span>
            </li>
          ))}
        </ul>
        {pages > 1 ? (
          <div className="flex items-center justify-end gap-2 text-sm">
            <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('clients.pagination.previous')}
            </Button>
            <span className="tabular-nums">{t('clients.pagination.page', { page, pages })}</span>
            <Button size="sm" variant="outline" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              {t('clients.pagination.next')}
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The client's projects (read from the projects of the studio). */
export function ClientProjectsCard({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const { pathTo } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const projects = useQuery(trpc.clients.projects.queryOptions({ id: clientId }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('clients.projects.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        {projects.data?.length === 0 ? <p className="text-sm text-muted-foreground">{t('clients.projects.none')}</p> : null}
        <ul className="divide-y">
          {projects.data?.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
              <Link to={pathTo(`projects/${p.id}`)} className="min-w-0 flex-1 truncate font-medium hover:underline">
                {p.name}
              </Link>
              <Badge variant="secondary">{t(`clients.projects.stages.${p.stage}`, { defaultValue: p.stage })}</Badge>
              {p.archivedAt ? <Badge variant="outline">{t('clients.archivedBadge')}</Badge> : null}
              <span className="text-muted-foreground">{formatDate(p.createdAt, i18n.language)}</span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
