import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Download, Plus } from 'lucide-react';
import { PageHeader } from '@/components/page-header.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { cn } from '@/lib/cn.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { DocumentsTab } from './documents-tab.tsx';
import { INVOICE_KINDS, INVOICE_STATUSES, QUOTE_STATUSES, useMoneyFormat } from './money-format.ts';
import { PaymentsTab } from './payments-tab.tsx';

const TABS = ['invoices', 'quotes', 'payments'] as const;
type Tab = (typeof TABS)[number];

/** Money: what clients owe, then quotes, invoices (with deposits, finals and credit notes) and payments. */
export function MoneyPage() {
  const { t } = useTranslation();
  const { pathTo } = useCurrentStudio();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'invoices';
  return (
    <>
      <PageHeader
        title={t('money.title')}
        description={t('money.description')}
        actions={
          <>
            <Button asChild variant="ghost">
              <Link to={pathTo('money/exports')}>
                <Download aria-hidden="true" />
                {t('money.exports')}
              </Link>
            </Button>
            <Button asChild variant="outline">
              <Link to={pathTo('money/new?kind=quote')}>
                <Plus aria-hidden="true" />
                {t('money.newQuote')}
              </Link>
            </Button>
            <Button asChild>
              <Link to={pathTo('money/new?kind=invoice')}>
                <Plus aria-hidden="true" />
                {t('money.newInvoice')}
              </Link>
            </Button>
          </>
        }
      />
      <OwedCards />
      <nav aria-label={t('money.tabsLabel')} className="mb-4 flex gap-1 overflow-x-auto border-b">
        {TABS.map((option) => (
          <button
            key={option}
            type="button"
            aria-current={tab === option ? 'page' : undefined}
            onClick={() => setParams({ tab: option }, { replace: true })}
            className={cn(
              '-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap',
              tab === option ? 'border-primary font-medium text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
            )}
          >
            {t(`money.tabs.${option}`)}
          </button>
        ))}
      </nav>
      {tab === 'payments' ? (
        <PaymentsTab />
      ) : tab === 'quotes' ? (
        <DocumentsTab key="quotes" kinds={['quote']} statuses={QUOTE_STATUSES} />
      ) : (
        <DocumentsTab key="invoices" kinds={INVOICE_KINDS} statuses={INVOICE_STATUSES} />
      )}
    </>
  );
}

/** Outstanding and overdue over all open invoices, whatever the list below shows. */
function OwedCards() {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const format = useMoneyFormat();
  const summary = useQuery(trpc.money.documents.summary.queryOptions({}));
  const cards = [
    { key: 'outstanding', cents: summary.data?.outstandingCents, count: summary.data?.outstandingCount },
    { key: 'overdue', cents: summary.data?.overdueCents, count: summary.data?.overdueCount },
  ] as const;
  return (
    <div className="mb-6 grid gap-3 sm:grid-cols-2">
      {cards.map((card) => (
        <Card key={card.key} className="gap-1 px-4 py-3" data-testid={`money-${card.key}`}>
          <p className="text-sm text-muted-foreground">{t(`money.owed.${card.key}`)}</p>
          <p className={cn('text-2xl font-semibold tabular-nums', card.key === 'overdue' && card.cents ? 'text-destructive' : undefined)}>
            {card.cents === undefined ? '—' : format.amount(card.cents)}
          </p>
          <p className="text-xs text-muted-foreground">{card.count === undefined ? '' : t('money.owed.invoices', { count: card.count })}</p>
        </Card>
      ))}
    </div>
  );
}
