import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Plus } from 'lucide-react';
import { DOCUMENT_KINDS } from '@rsm/shared/money-documents-schemas';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { DocumentRow } from './documents-tab.tsx';
import { useMoneyFormat } from './money-format.ts';

const SHOWN = 10;

/** The client page's money: what the client owes (and of it, overdue) and their latest documents. money:manage only. */
export function ClientMoneyCard({ clientId }: { clientId: string }) {
  return <MoneyCard scope={{ clientId }} />;
}

/** The project page's money: what is due on the project's invoices (and of it, overdue) and its documents. */
export function ProjectMoneyCard({ projectId }: { projectId: string }) {
  return <MoneyCard scope={{ projectId }} />;
}

function MoneyCard({ scope }: { scope: { clientId: string } | { projectId: string } }) {
  const { t } = useTranslation();
  const { can, pathTo } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const format = useMoneyFormat();
  const allowed = can('money:manage');
  const filters = { kinds: [...DOCUMENT_KINDS], ...scope };
  const clientId = 'clientId' in scope ? scope.clientId : null;
  const summary = useQuery({ ...trpc.money.documents.summary.queryOptions(filters), enabled: allowed });
  const documents = useQuery({ ...trpc.money.documents.list.queryOptions({ ...filters, limit: SHOWN }), enabled: allowed });
  if (!allowed) return null;
  return (
    <Card data-testid={clientId ? 'client-money' : 'project-money'}>
      <CardHeader className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>{t('money.client.title')}</CardTitle>
        {/* A project is invoiced from its header's "Invoice this project". */}
        {clientId ? (
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="outline" size="sm">
              <Link to={pathTo(`money/new?kind=quote&clientId=${clientId}`)}>
                <Plus aria-hidden="true" />
                {t('money.newQuote')}
              </Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <Link to={pathTo(`money/new?kind=invoice&clientId=${clientId}`)}>
                <Plus aria-hidden="true" />
                {t('money.newInvoice')}
              </Link>
            </Button>
          </div>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-3">
        {summary.data ? (
          <p className="flex flex-wrap gap-x-4 text-sm">
            <span>
              {t('money.client.balance')} <strong className="tabular-nums">{format.amount(summary.data.outstandingCents)}</strong>
            </span>
            {summary.data.overdueCents ? (
              <span className="text-destructive">{t('money.client.overdue', { amount: format.amount(summary.data.overdueCents) })}</span>
            ) : null}
          </p>
        ) : null}
        {documents.isPending ? (
          <Skeleton className="h-16" />
        ) : documents.isError ? (
          <FormError message={apiErrorMessage(t, documents.error)} />
        ) : documents.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t(clientId ? 'money.client.none' : 'money.client.noneForProject')}</p>
        ) : (
          <ul className="-mx-4 divide-y">
            {documents.data.map((doc) => (
              <DocumentRow key={doc.id} doc={doc} />
            ))}
          </ul>
        )}
        {summary.data && summary.data.count > SHOWN ? (
          <p className="text-sm text-muted-foreground">{t('money.client.more', { count: summary.data.count - SHOWN })}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
