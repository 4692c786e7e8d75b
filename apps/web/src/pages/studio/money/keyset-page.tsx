/**
 * One page of a money list read by keyset (documents, payments): a skeleton while it loads, the error, the empty
 * state on the first page, the rows, and "More" on the last page loaded when it came back full.
 */
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { LucideIcon } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { ListSkeleton } from '@/components/settings/archive-view.tsx';
import { Button } from '@/components/ui/button.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';

export const PAGE_SIZE = 50;

export function KeysetPage<Row, Cursor, E = unknown>(props: {
  list: UseQueryResult<Row[], E>;
  /** The first page (no cursor): the only one that shows the empty state. */
  first: boolean;
  /** The last page loaded so far: the only one that offers more. */
  last: boolean;
  empty: { icon: LucideIcon; title: string };
  cursorOf: (row: Row) => Cursor;
  onMore: (next: Cursor) => void;
  children: (rows: Row[]) => ReactNode;
}) {
  const { t } = useTranslation();
  const { list } = props;
  if (list.isPending)
    return (
      <li className="p-4">
        <ListSkeleton />
      </li>
    );
  if (list.isError)
    return (
      <li className="p-4">
        <FormError message={apiErrorMessage(t, list.error)} />
      </li>
    );
  const rows = list.data;
  if (rows.length === 0 && props.first)
    return (
      <li className="p-4">
        <EmptyState icon={props.empty.icon} title={props.empty.title} />
      </li>
    );
  const lastRow = rows.at(-1);
  return (
    <>
      {props.children(rows)}
      {props.last && rows.length === PAGE_SIZE && lastRow !== undefined ? (
        <li className="p-3 text-center">
          <Button variant="outline" size="sm" onClick={() => props.onMore(props.cursorOf(lastRow))}>
            {t('money.list.more')}
          </Button>
        </li>
      ) : null}
    </>
  );
}
