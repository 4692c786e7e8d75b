/** Operator console → Studios: search, filters by state and plan, 50 a page, each row linking to its detail. */
import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Building2 } from 'lucide-react';
import { PLANS, type Plan } from '@rsm/shared/plans';
import { STANDINGS, type Standing } from '@rsm/shared/standing';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { formatDate, formatDateTime } from '@/lib/format.ts';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import { LoadingRows, OperatorShell } from './operator-shell.tsx';
import { StandingBadge } from './standing-badge.tsx';

const ALL = 'all';

export function OperatorStudiosPage() {
  const { t } = useTranslation();
  return (
    <OperatorShell title={t('operator.studios.title')} description={t('operator.studios.description')}>
      <StudiosList />
    </OperatorShell>
  );
}

function StudiosList() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [standing, setStanding] = useState<Standing | typeof ALL>(ALL);
  const [plan, setPlan] = useState<Plan | typeof ALL>(ALL);
  const [page, setPage] = useState(1);
  const term = useDebouncedValue(search.trim(), 300);
  const studios = useQuery({
    ...trpc.operator.studios.queryOptions({
      ...(term ? { search: term } : {}),
      ...(standing === ALL ? {} : { standing }),
      ...(plan === ALL ? {} : { plan }),
      page,
    }),
    placeholderData: keepPreviousData,
  });
  const resetPage =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const date = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : t('operator.studios.never'));

  return (
    <div className="grid gap-4">
      <div className="flex flex-col gap-2 lg:flex-row">
        <Input
          type="search"
          value={search}
          onChange={(e) => resetPage(setSearch)(e.target.value)}
          placeholder={t('operator.studios.search')}
          aria-label={t('operator.studios.search')}
          className="lg:max-w-sm"
        />
        <Select value={standing} onValueChange={resetPage((v: string) => setStanding(v as Standing | typeof ALL))}>
          <SelectTrigger aria-label={t('operator.studios.state')} className="lg:w-44">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t('operator.studios.allStandings')}</SelectItem>
            {STANDINGS.map((s) => (
              <SelectItem key={s} value={s}>
                {t(`operator.standings.${s}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select value={plan} onValueChange={resetPage((v: string) => setPlan(v as Plan | typeof ALL))}>
          <SelectTrigger aria-label={t('operator.studios.plan')} className="lg:w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t('operator.studios.allPlans')}</SelectItem>
            {PLANS.map((p) => (
              <SelectItem key={p} value={p}>
                {t(`operator.plans.${p}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {studios.isPending ? (
        <LoadingRows />
      ) : studios.isError ? (
        <FormError message={apiErrorMessage(t, studios.error)} />
      ) : studios.data.items.length === 0 ? (
        <EmptyState icon={Building2} title={t('operator.studios.empty')} />
      ) : (
        <>
          <p className="text-sm text-muted-foreground">{t('operator.studios.count', { count: studios.data.total })}</p>
          <Card className="overflow-x-auto py-2">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-4">{t('operator.studios.studio')}</TableHead>
                  <TableHead>{t('operator.studios.plan')}</TableHead>
                  <TableHead>{t('operator.studios.state')}</TableHead>
                  <TableHead>{t('operator.studios.trialEnds')}</TableHead>
                  <TableHead>{t('operator.studios.usage')}</TableHead>
                  <TableHead>{t('operator.studios.database')}</TableHead>
                  <TableHead>{t('operator.studios.lastActivity')}</TableHead>
                  <TableHead className="pr-4">{t('operator.studios.signedUp')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {studios.data.items.map((s) => (
                  <TableRow key={s.id}>
                    <TableCell className="pl-4">
                      <Link to={`/admin/studios/${s.id}`} className="font-medium underline-offset-4 hover:underline">
                        {s.name}
                      </Link>
                      {s.isDemo ? (
                        <Badge variant="outline" className="ml-2">
                          {t('operator.studios.demo')}
                        </Badge>
                      ) : null}
                      <div className="text-xs text-muted-foreground">
                        {s.slug} · {s.ownerEmail ?? '—'}
                      </div>
                    </TableCell>
                    <TableCell>{t(`operator.plans.${s.plan}`)}</TableCell>
                    <TableCell>
                      <StandingBadge standing={s.standing} />
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{date(s.trialEndsAt)}</TableCell>
                    <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
                      <div>
                        {s.seatsLimit === null
                          ? t('operator.studios.seatsUnlimited', { used: s.seats })
                          : t('operator.studios.seats', { used: s.seats, limit: s.seatsLimit })}
                      </div>
                      <div>{t('operator.studios.credits', { used: s.aiCreditsUsed, limit: s.aiCreditsLimit })}</div>
                    </TableCell>
                    <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
                      {s.clusterId ?? '—'} · {s.schemaVersion ?? '—'}
                    </TableCell>
                    <TableCell className="whitespace-nowrap text-muted-foreground">
                      {s.lastActivityAt ? formatDateTime(s.lastActivityAt, i18n.language) : t('operator.studios.never')}
                    </TableCell>
                    <TableCell className="pr-4 whitespace-nowrap text-muted-foreground">{date(s.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>
          <Pager page={studios.data.page} pages={Math.max(1, Math.ceil(studios.data.total / studios.data.pageSize))} onPage={setPage} />
        </>
      )}
    </div>
  );
}

function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <div className="flex items-center justify-center gap-3">
      <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('operator.studios.previous')}
      </Button>
      <span className="text-sm text-muted-foreground">{t('operator.studios.pageOf', { page, pages })}</span>
      <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('operator.studios.next')}
      </Button>
    </div>
  );
}
