import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Inbox, ShieldAlert } from 'lucide-react';
import { AccountLayout } from '@/components/account-layout.tsx';
import { RequireUser } from '@/components/require-user.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import type { OutboxMail } from '@/lib/trpc/types.ts';
import { OutboxMessageDialog } from './outbox-message-dialog.tsx';

export function OutboxPage() {
  const { t } = useTranslation();
  return (
    <RequireUser>
      {({ user }) => (
        <AccountLayout user={user}>
          <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
          {user.isOperator ? <OutboxList /> : <EmptyState icon={ShieldAlert} title={t('outbox.operatorsOnly')} />}
        </AccountLayout>
      )}
    </RequireUser>
  );
}

const PAGE_SIZE = 50;

function OutboxList() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [opened, setOpened] = useState<OutboxMail | null>(null);
  const outbox = useInfiniteQuery(trpc.operator.outbox.infiniteQueryOptions({ limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor }));

  if (outbox.isPending) {
    return (
      <div className="grid gap-2" role="status" aria-label={t('common.loading')}>
        {[0, 1, 2, 3].map((row) => (
          <Skeleton key={row} className="h-12 w-full" />
        ))}
      </div>
    );
  }
  if (outbox.isError) return <FormError message={apiErrorMessage(t, outbox.error)} />;

  const mails = outbox.data.pages.flatMap((page) => page.items);
  if (mails.length === 0) return <EmptyState icon={Inbox} title={t('outbox.empty')} />;

  return (
    <>
      <Card className="py-2">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-4">{t('outbox.subject')}</TableHead>
              <TableHead>{t('outbox.to')}</TableHead>
              <TableHead className="pr-4">{t('outbox.date')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {mails.map((mail) => (
              <TableRow key={mail.id}>
                <TableCell className="pl-4">
                  <button type="button" className="text-left font-medium underline-offset-4 hover:underline" onClick={() => setOpened(mail)}>
                    {mail.subject}
                  </button>
                </TableCell>
                <TableCell className="text-muted-foreground">{mail.to}</TableCell>
                <TableCell className="pr-4 whitespace-nowrap text-muted-foreground">{formatDateTime(mail.createdAt, i18n.language)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      {outbox.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="outline" onClick={() => void outbox.fetchNextPage()} loading={outbox.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
      <OutboxMessageDialog mail={opened} onClose={() => setOpened(null)} />
    </>
  );
}
