import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FileText } from 'lucide-react';
import type { DocumentKind, DocumentStatus } from '@rsm/shared/money-documents-schemas';
import { Badge } from '@/components/ui/badge.tsx';
import { Card } from '@/components/ui/card.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { MoneyDocumentFilters, MoneyDocumentSummary } from '@/lib/trpc/types.ts';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { KeysetPage, PAGE_SIZE } from './keyset-page.tsx';
import { ListFilters, NO_FILTERS, type ListFilterValues } from './list-filters.tsx';
import { statusVariant, useMoneyFormat } from './money-format.ts';

type Cursor = { issueDate: string | null; id: string };

/** One list of documents (quotes, or invoices and credit notes): filters, the filtered set's totals, pages of 50. */
export function DocumentsTab({ kinds, statuses }: { kinds: DocumentKind[]; statuses: DocumentStatus[] }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ListFilterValues>(NO_FILTERS);
  const debounced = useDebouncedValue(values, 250);
  const filters: MoneyDocumentFilters = {
    kinds,
    ...(debounced.q.trim() ? { q: debounced.q.trim() } : {}),
    ...(debounced.option ? { status: debounced.option as DocumentStatus } : {}),
    ...(debounced.client ? { clientId: debounced.client.id } : {}),
    ...(debounced.from ? { from: debounced.from } : {}),
    ...(debounced.to ? { to: debounced.to } : {}),
  };
  return (
    <>
      <ListFilters
        values={values}
        onChange={setValues}
        searchLabel={t('money.filters.searchDocuments')}
        optionLabel={t('money.filters.status')}
        options={statuses.map((status) => ({ value: status, label: t(`money.status.${status}`) }))}
      />
      <Totals filters={filters} />
      {/* New filters start again from the first page. */}
      <Pages key={JSON.stringify(filters)} filters={filters} />
    </>
  );
}

function Totals({ filters }: { filters: MoneyDocumentFilters }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const format = useMoneyFormat();
  const summary = useQuery(trpc.money.documents.summary.queryOptions(filters));
  if (!summary.data) return null;
  const s = summary.data;
  return (
    <p className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground" data-testid="money-list-totals">
      <span>{t('money.totals.count', { count: s.count })}</span>
      <span>{t('money.totals.net', { amount: format.amount(s.netCents) })}</span>
      <span>{t('money.totals.vat', { amount: format.amount(s.vatCents) })}</span>
      <span className="font-medium text-foreground">{t('money.totals.gross', { amount: format.amount(s.grossCents) })}</span>
      {filters.kinds?.includes('quote') ? null : <span>{t('money.totals.balance', { amount: format.amount(s.balanceCents) })}</span>}
    </p>
  );
}

function Pages({ filters }: { filters: MoneyDocumentFilters }) {
  const [cursors, setCursors] = useState<(Cursor | undefined)[]>([undefined]);
  return (
    <Card className="py-0">
      <ul className="divide-y" data-testid="money-documents">
        {cursors.map((cursor, index) => (
          <Page
            key={cursor?.id ?? 'first'}
            filters={filters}
            after={cursor}
            last={index === cursors.length - 1}
            onMore={(next) => setCursors([...cursors, next])}
          />
        ))}
      </ul>
    </Card>
  );
}

function Page({ filters, after, last, onMore }: { filters: MoneyDocumentFilters; after: Cursor | undefined; last: boolean; onMore: (next: Cursor) => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const list = useQuery(trpc.money.documents.list.queryOptions({ ...filters, limit: PAGE_SIZE, ...(after ? { after } : {}) }));
  return (
    <KeysetPage
      list={list}
      first={!after}
      last={last}
      empty={{ icon: FileText, title: t('money.list.empty') }}
      cursorOf={(row) => ({ issueDate: row.issueDate, id: row.id })}
      onMore={onMore}
    >
      {(rows) => rows.map((doc) => <DocumentRow key={doc.id} doc={doc} />)}
    </KeysetPage>
  );
}

export function DocumentRow({ doc }: { doc: MoneyDocumentSummary }) {
  const { t } = useTranslation();
  const { pathTo } = useCurrentStudio();
  const format = useMoneyFormat();
  const owes = doc.kind !== 'quote' && doc.kind !== 'credit_note' && doc.status !== 'draft';
  return (
    <li className="relative flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 hover:bg-accent/50 sm:flex-nowrap">
      <div className="min-w-0 flex-1 basis-full sm:basis-auto">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <Link to={pathTo(`money/documents/${doc.id}`)} className="after:absolute after:inset-0 hover:underline">
            {doc.number ?? t('money.draftNumber')}
          </Link>
          <span className="text-sm font-normal text-muted-foreground">{t(`money.kind.${doc.kind}`)}</span>
          <Badge variant={statusVariant(doc.status)}>{t(`money.status.${doc.status}`)}</Badge>
        </p>
        <p className="truncate text-sm text-muted-foreground">
          {doc.clientName} · {format.day(doc.issueDate)}
          {doc.dueDate && owes ? ` · ${t('money.list.due', { date: format.day(doc.dueDate) })}` : ''}
        </p>
      </div>
      <div className="ml-auto text-right text-sm tabular-nums">
        <p className="font-medium">{format.amount(doc.kind === 'credit_note' ? -doc.grossCents : doc.grossCents)}</p>
        {owes && doc.balanceCents !== 0 ? (
          <p className="text-muted-foreground">{t('money.list.balance', { amount: format.amount(doc.balanceCents) })}</p>
        ) : null}
      </div>
    </li>
  );
}
