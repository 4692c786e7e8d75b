/** Operator console → Platform audit log: filters by action, studio, actor and dates; newest first, 50 at a time. */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ScrollText } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { FormField } from '@/components/ui/form-field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import { LoadingRows, OperatorShell } from './operator-shell.tsx';

const ALL = 'all';
/** A date input's day as the start of that UTC day (ISO), or nothing. */
const dayStart = (day: string, plusDays = 0) => (day ? new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString() : undefined);

export function OperatorAuditPage() {
  const { t } = useTranslation();
  return (
    <OperatorShell title={t('operator.audit.title')} description={t('operator.audit.description')}>
      <AuditLog />
    </OperatorShell>
  );
}

function AuditLog() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const studioId = params.get('studio') ?? undefined;
  const [action, setAction] = useState<string>(ALL);
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const actorEmail = useDebouncedValue(actor.trim(), 400);
  const actions = useQuery(trpc.operator.auditActions.queryOptions());
  const filters = {
    ...(action === ALL ? {} : { action }),
    ...(studioId ? { studioId } : {}),
    ...(actorEmail ? { actorEmail } : {}),
    ...(from ? { from: dayStart(from) } : {}),
    ...(to ? { to: dayStart(to, 1) } : {}),
  };
  const log = useInfiniteQuery({
    ...trpc.operator.auditLog.infiniteQueryOptions(filters, { getNextPageParam: (page) => page.nextCursor }),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="grid gap-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <FormField label={t('operator.audit.action')}>
          {(control) => (
            <Select value={action} onValueChange={setAction}>
              <SelectTrigger id={control.id}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>{t('operator.audit.allActions')}</SelectItem>
                {(actions.data ?? []).map((a) => (
                  <SelectItem key={a} value={a}>
                    {a}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </FormField>
        <FormField label={t('operator.audit.actor')}>
          {(control) => <Input {...control} type="email" value={actor} onChange={(e) => setActor(e.target.value)} />}
        </FormField>
        <FormField label={t('operator.audit.from')}>
          {(control) => <Input {...control} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </FormField>
        <FormField label={t('operator.audit.to')}>
          {(control) => <Input {...control} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
        </FormField>
      </div>
      {studioId ? (
        <div className="flex items-center gap-2 text-sm">
          <span className="text-muted-foreground">{t('operator.audit.studioFilter')}:</span>
          <Link to={`/admin/studios/${studioId}`} className="font-mono text-xs underline">
            {studioId}
          </Link>
          <Button variant="outline" size="sm" onClick={() => setParams({})}>
            {t('operator.audit.clearStudio')}
          </Button>
        </div>
      ) : null}
      {log.isPending ? (
        <LoadingRows />
      ) : log.isError ? (
        <FormError message={apiErrorMessage(t, log.error)} />
      ) : log.data.pages[0]?.items.length === 0 ? (
        <EmptyState icon={ScrollText} title={t('operator.audit.empty')} />
      ) : (
        <>
          <Card className="overflow-x-auto py-2">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-4">{t('operator.audit.at')}</TableHead>
                  <TableHead>{t('operator.audit.action')}</TableHead>
                  <TableHead>{t('operator.audit.studio')}</TableHead>
                  <TableHead>{t('operator.audit.actor')}</TableHead>
                  <TableHead>{t('operator.audit.details')}</TableHead>
                  <TableHead className="pr-4">{t('operator.audit.ip')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {log.data.pages
                  .flatMap((page) => page.items)
                  .map((entry) => {
                    const { reason, ...rest } = entry.details;
                    return (
                      <TableRow key={entry.id}>
                        <TableCell className="pl-4 whitespace-nowrap text-muted-foreground">{formatDateTime(entry.at, i18n.language)}</TableCell>
                        <TableCell className="font-mono text-xs">{entry.action}</TableCell>
                        <TableCell>
                          {entry.studioId ? (
                            <button
                              type="button"
                              className="text-left underline-offset-4 hover:underline"
                              onClick={() => setParams({ studio: entry.studioId! })}
                            >
                              {entry.studioName ?? entry.studioId}
                            </button>
                          ) : (
                            '—'
                          )}
                        </TableCell>
                        <TableCell className="text-muted-foreground">{entry.actorEmail ?? '—'}</TableCell>
                        <TableCell className="max-w-md text-xs">
                          {typeof reason === 'string' ? <div className="font-medium">{t('operator.audit.reason', { reason })}</div> : null}
                          {Object.keys(rest).length > 0 ? <div className="break-all font-mono text-muted-foreground">{JSON.stringify(rest)}</div> : null}
                        </TableCell>
                        <TableCell className="pr-4 font-mono text-xs text-muted-foreground">{entry.ip ?? '—'}</TableCell>
                      </TableRow>
                    );
                  })}
              </TableBody>
            </Table>
          </Card>
          {log.hasNextPage ? (
            <div className="flex justify-center">
              <Button variant="outline" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
