import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Banknote } from 'lucide-react';
import { PAYMENT_METHODS, type PaymentMethod } from '@rsm/shared/money-documents-schemas';
import { Badge } from '@/components/ui/badge.tsx';
import { Card } from '@/components/ui/card.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { RouterInputs } from '@/lib/trpc/types.ts';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { KeysetPage, PAGE_SIZE } from './keyset-page.tsx';
import { ListFilters, NO_FILTERS, type ListFilterValues } from './list-filters.tsx';
import { useMoneyFormat } from './money-format.ts';

type PaymentFilters = RouterInputs['money']['documents']['payments'];
type Cursor = { receivedOn: string; id: string };

/** Payments received on all documents, newest first, with the total of the filtered set. */
export function PaymentsTab() {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const format = useMoneyFormat();
  const [values, setValues] = useState<ListFilterValues>(NO_FILTERS);
  const debounced = useDebouncedValue(values, 250);
  const filters: PaymentFilters = {
    includeRemoved: true,
    ...(debounced.q.trim() ? { q: debounced.q.trim() } : {}),
    ...(debounced.option ? { method: debounced.option as PaymentMethod } : {}),
    ...(debounced.client ? { clientId: debounced.client.id } : {}),
    ...(debounced.from ? { from: debounced.from } : {}),
    ...(debounced.to ? { to: debounced.to } : {}),
  };
  const total = useQuery(trpc.money.documents.paymentsTotal.queryOptions(filters));
  const [cursors, setCursors] = useState<(Cursor | undefined)[]>([undefined]);
  const [cursorsFor, setCursorsFor] = useState('');
  const filtersKey = JSON.stringify(filters);
  if (cursorsFor !== filtersKey) {
    setCursorsFor(filtersKey);
    setCursors([undefined]);
  }
  return (
    <>
      <ListFilters
        values={values}
        onChange={setValues}
        searchLabel={t('money.filters.searchPayments')}
        optionLabel={t('money.filters.method')}
        options={PAYMENT_METHODS.map((method) => ({ value: method, label: t(`money.method.${method}`) }))}
      />
      {total.data ? (
        <p className="mb-3 text-sm text-muted-foreground" data-testid="money-list-totals">
          {t('money.totals.payments', { count: total.data.count, amount: format.amount(total.data.amountCents) })}
        </p>
      ) : null}
      <Card className="py-0">
        <ul className="divide-y" data-testid="money-payments">
          {cursors.map((cursor, index) => (
            <PaymentsPage
              key={cursor?.id ?? 'first'}
              filters={filters}
              after={cursor}
              last={index === cursors.length - 1}
              onMore={(next) => setCursors([...cursors, next])}
            />
          ))}
        </ul>
      </Card>
    </>
  );
}

function PaymentsPage({ filters, after, last, onMore }: { filters: PaymentFilters; after: Cursor | undefined; last: boolean; onMore: (next: Cursor) => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const { pathTo } = useCurrentStudio();
  const format = useMoneyFormat();
  const list = useQuery(trpc.money.documents.payments.queryOptions({ ...filters, limit: PAGE_SIZE, ...(after ? { after } : {}) }));
  return (
    <KeysetPage
      list={list}
      first={!after}
      last={last}
      empty={{ icon: Banknote, title: t('money.payments.empty') }}
      cursorOf={(row) => ({ receivedOn: row.receivedOn, id: row.id })}
      onMore={onMore}
    >
      {(rows) =>
        rows.map((payment) => (
          <li key={payment.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 sm:flex-nowrap">
            <div className="min-w-0 flex-1 basis-full sm:basis-auto">
              <p className="flex flex-wrap items-center gap-2 font-medium">
                <span>{format.day(payment.receivedOn)}</span>
                <span className="text-sm font-normal text-muted-foreground">{t(`money.method.${payment.method}`)}</span>
                {payment.removedAt ? <Badge variant="outline">{t('money.payments.removedBadge')}</Badge> : null}
              </p>
              <p className="truncate text-sm text-muted-foreground">
                {payment.clientName} ·{' '}
                <Link to={pathTo(`money/documents/${payment.documentId}`)} className="underline-offset-2 hover:underline">
                  {payment.documentNumber ?? t('money.draftNumber')}
                </Link>
                {payment.reference ? ` · ${payment.reference}` : ''}
              </p>
            </div>
            <p className={payment.removedAt ? 'ml-auto text-sm tabular-nums line-through' : 'ml-auto text-sm font-medium tabular-nums'}>
              {format.amount(payment.amountCents)}
            </p>
          </li>
        ))
      }
    </KeysetPage>
  );
}
