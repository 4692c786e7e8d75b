import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArrowDown, ArrowUp, Building2, ChevronLeft, ChevronRight, Contact, Download, Plus, Search, Upload, User } from 'lucide-react';
import { CLIENT_KINDS, type ListClientsInput } from '@rsm/shared/clients-schemas';
import { PageHeader } from '@/components/page-header.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { formatDate } from '@/lib/format.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { ClientFormDialog } from './client-form-dialog.tsx';
import { downloadText } from '@/lib/download.ts';
import { ImportDialog } from './import-dialog.tsx';

const PAGE_SIZE = 25;
type Sort = NonNullable<ListClientsInput['sort']>;
const ALL = 'all';

/** The clients of the studio: search as you type, filters, sortable columns, pages; state kept in the URL. */
export function ClientsPage() {
  const { t, i18n } = useTranslation();
  const { can, pathTo, studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(text.trim(), 250);
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const kind = params.get('kind');
  const tag = params.get('tag');
  const status = (params.get('status') ?? 'active') as 'active' | 'archived' | 'all';
  const hasEmail = params.get('email');
  const sort = (params.get('sort') ?? 'name') as Sort;
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const input: ListClientsInput = {
    q,
    status,
    sort,
    dir,
    page,
    pageSize: PAGE_SIZE,
    ...(kind === 'person' || kind === 'company' ? { kind } : {}),
    ...(tag ? { tag } : {}),
    ...(hasEmail === 'yes' ? { hasEmail: true } : hasEmail === 'no' ? { hasEmail: false } : {}),
  };
  const list = useQuery({ ...trpc.clients.list.queryOptions(input), placeholderData: keepPreviousData });
  const tags = useQuery(trpc.clients.tags.queryOptions());
  const exportCsv = useMutation(trpc.clients.exportCsv.mutationOptions());
  const exportVcard = useMutation(trpc.clients.exportVcard.mutationOptions());

  const update = (changes: Record<string, string | null>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };
  // The debounced text goes to the URL (and back to page 1) once typing pauses.
  useEffect(() => {
    setParams(
      (prev) => {
        if ((prev.get('q') ?? '') === q) return prev;
        const next = new URLSearchParams(prev);
        if (q) next.set('q', q);
        else next.delete('q');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [q, setParams]);

  const toggleSort = (column: Sort) => update({ sort: column, dir: sort === column && dir === 'asc' ? 'desc' : 'asc' });
  const exportFile = async (run: () => Promise<{ filename: string; mimeType: string; content: string }>) => {
    try {
      downloadText(await run());
    } catch (error) {
      toast(apiErrorMessage(t, error), 'error');
    }
  };
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const canWrite = can('clients:write');
  const canExport = can('clients:export');

  const sortHeader = (column: Sort, label: string, className?: string) => (
    <TableHead className={className} aria-sort={sort === column ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="inline-flex items-center gap-1 hover:text-foreground" onClick={() => toggleSort(column)}>
        {label}
        {sort === column ? dir === 'asc' ? <ArrowUp className="size-3" aria-hidden="true" /> : <ArrowDown className="size-3" aria-hidden="true" /> : null}
      </button>
    </TableHead>
  );

  return (
    <>
      <PageHeader
        title={t('clients.title')}
        description={t('clients.description')}
        actions={
          canWrite || canExport ? (
            <>
              {canExport ? (
                <>
                  <Button variant="outline" onClick={() => void exportFile(() => exportCsv.mutateAsync({}))} loading={exportCsv.isPending}>
                    <Download aria-hidden="true" />
                    {t('clients.export.csv')}
                  </Button>
                  <Button variant="outline" onClick={() => void exportFile(() => exportVcard.mutateAsync({}))} loading={exportVcard.isPending}>
                    <Contact aria-hidden="true" />
                    {t('clients.export.vcard')}
                  </Button>
                </>
              ) : null}
              {canWrite ? (
                <>
                  <Button variant="outline" onClick={() => setDialog('import')}>
                    <Upload aria-hidden="true" />
                    {t('clients.import.open')}
                  </Button>
                  <Button onClick={() => setDialog('create')}>
                    <Plus aria-hidden="true" />
                    {t('clients.create')}
                  </Button>
                </>
              ) : null}
            </>
          ) : null
        }
      />
      <div className="mb-4 flex flex-col gap-2 lg:flex-row">
        <div className="relative min-w-0 flex-1">
          <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden="true" />
          <Input
            type="search"
            className="pl-8"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('clients.searchPlaceholder')}
            aria-label={t('clients.search')}
          />
        </div>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:flex">
          <FilterSelect
            label={t('clients.filters.kind')}
            value={kind ?? ALL}
            onChange={(v) => update({ kind: v === ALL ? null : v })}
            options={[[ALL, t('clients.filters.allKinds')], ...CLIENT_KINDS.map((k) => [k, t(`clients.kinds.${k}`)] as [string, string])]}
          />
          <FilterSelect
            label={t('clients.filters.tag')}
            value={tag ?? ALL}
            onChange={(v) => update({ tag: v === ALL ? null : v })}
            options={[[ALL, t('clients.filters.allTags')], ...(tags.data ?? []).map((x) => [x.tag, `${x.tag} (${x.count})`] as [string, string])]}
          />
          <FilterSelect
            label={t('clients.filters.email')}
            value={hasEmail ?? ALL}
            onChange={(v) => update({ email: v === ALL ? null : v })}
            options={[
              [ALL, t('clients.filters.anyEmail')],
              ['yes', t('clients.filters.withEmail')],
              ['no', t('clients.filters.withoutEmail')],
            ]}
          />
          <FilterSelect
            label={t('clients.filters.status')}
            value={status}
            onChange={(v) => update({ status: v === 'active' ? null : v })}
            options={[
              ['active', t('clients.filters.active')],
              ['archived', t('clients.filters.archived')],
              ['all', t('clients.filters.everyone')],
            ]}
          />
        </div>
      </div>
      {list.isPending ? (
        <div className="grid gap-2" role="status" aria-label={t('common.loading')}>
          {[0, 1, 2, 3].map((row) => (
            <Skeleton key={row} className="h-12 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <FormError message={apiErrorMessage(t, list.error)} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          icon={User}
          title={q || kind || tag || hasEmail ? t('clients.noMatchTitle') : t('clients.emptyTitle')}
          description={q || kind || tag || hasEmail ? t('clients.noMatchDescription') : t('clients.emptyDescription')}
        />
      ) : (
        <Card className="py-0">
          <Table data-testid="clients-table">
            <TableHeader>
              <TableRow>
                {sortHeader('name', t('clients.columns.name'))}
                <TableHead className="hidden md:table-cell">{t('clients.columns.contact')}</TableHead>
                <TableHead className="hidden lg:table-cell">{t('clients.columns.tags')}</TableHead>
                {sortHeader('lastSession', t('clients.columns.lastSession'), 'hidden sm:table-cell')}
                {sortHeader('created', t('clients.columns.created'), 'hidden lg:table-cell')}
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((client) => (
                <TableRow key={client.id}>
                  <TableCell className="max-w-64">
                    <Link to={pathTo(`clients/${client.id}`)} className="flex items-center gap-2 font-medium hover:underline">
                      {client.kind === 'company' ? (
                        <Building2 className="size-4 shrink-0 text-muted-foreground" aria-label={t('clients.kinds.company')} />
                      ) : (
                        <User className="size-4 shrink-0 text-muted-foreground" aria-label={t('clients.kinds.person')} />
                      )}
                      <span className="truncate">{client.name}</span>
                      {client.archivedAt ? <Badge variant="outline">{t('clients.archivedBadge')}</Badge> : null}
                    </Link>
                    {client.companies.length ? (
                      <p className="truncate pl-6 text-xs text-muted-foreground">{client.companies.map((c) => c.name).join(', ')}</p>
                    ) : null}
                    <p className="truncate pl-6 text-xs text-muted-foreground md:hidden">{client.email || client.phone}</p>
                  </TableCell>
                  <TableCell className="hidden max-w-56 md:table-cell">
                    <p className="truncate">{client.email}</p>
                    <p className="truncate text-xs text-muted-foreground">{client.phone}</p>
                  </TableCell>
                  <TableCell className="hidden lg:table-cell">
                    <div className="flex flex-wrap gap-1">
                      {client.tags.map((x) => (
                        <Badge key={x} variant="secondary">
                          {x}
                        </Badge>
                      ))}
                    </div>
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap sm:table-cell">
                    {client.lastSessionAt ? formatDate(client.lastSessionAt, i18n.language, studio.timeZone) : '—'}
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap lg:table-cell">{formatDate(client.createdAt, i18n.language, studio.timeZone)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      {list.data && list.data.total > 0 ? (
        <nav className="mt-4 flex items-center justify-between gap-2 text-sm" aria-label={t('clients.pagination.label')}>
          <p className="text-muted-foreground" data-testid="clients-total">
            {list.data.totalCapped
              ? t('clients.pagination.totalCapped', { count: list.data.total })
              : t('clients.pagination.total', { count: list.data.total })}
          </p>
          <div className="flex items-center gap-2">
            <Button
              variant="outline"
              size="icon"
              disabled={page <= 1}
              onClick={() => update({ page: String(page - 1) }, false)}
              aria-label={t('clients.pagination.previous')}
            >
              <ChevronLeft aria-hidden="true" />
            </Button>
            <span className="tabular-nums">{t('clients.pagination.page', { page, pages })}</span>
            <Button
              variant="outline"
              size="icon"
              disabled={page >= pages}
              onClick={() => update({ page: String(page + 1) }, false)}
              aria-label={t('clients.pagination.next')}
            >
              <ChevronRight aria-hidden="true" />
            </Button>
          </div>
        </nav>
      ) : null}
      {dialog === 'create' ? <ClientFormDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'import' ? <ImportDialog onClose={() => setDialog(null)} /> : null}
    </>
  );
}

function FilterSelect({ label, value, onChange, options }: { label: string; value: string; onChange: (value: string) => void; options: [string, string][] }) {
  return (
    <Select value={value} onValueChange={onChange}>
      <SelectTrigger aria-label={label} className="w-full lg:w-auto lg:min-w-36">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map(([v, text]) => (
          <SelectItem key={v} value={v}>
            {text}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
