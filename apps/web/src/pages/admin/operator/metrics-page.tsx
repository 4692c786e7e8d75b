/** Operator console → Metrics: this month's MRR, ARR, paying studios, conversion and churn, and the last 12 months. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatMinor } from '@rsm/shared/money';
import { FormError } from '@/components/form/form-error.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { LoadingRows, OperatorShell } from './operator-shell.tsx';

export function OperatorMetricsPage() {
  const { t } = useTranslation();
  return (
    <OperatorShell title={t('operator.metrics.title')} description={t('operator.metrics.description')}>
      <Metrics />
    </OperatorShell>
  );
}

function Metrics() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const metrics = useQuery(trpc.operator.metrics.queryOptions());
  if (metrics.isPending) return <LoadingRows />;
  if (metrics.isError) return <FormError message={apiErrorMessage(t, metrics.error)} />;
  const euros = (cents: number) => formatMinor(cents, 'EUR', i18n.language);
  const percent = (rate: number | null) =>
    rate === null ? t('operator.metrics.none') : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  const month = (key: string) =>
    new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${key}-01T00:00:00Z`));
  const now = metrics.data.current;
  const headline = [
    { label: t('operator.metrics.mrr'), value: euros(now.mrrCents) },
    { label: t('operator.metrics.arr'), value: euros(now.arrCents) },
    { label: t('operator.metrics.paying'), value: String(now.activePaying) },
    { label: t('operator.metrics.conversion'), value: percent(now.conversionRate) },
    { label: t('operator.metrics.churn'), value: percent(now.churnRate) },
  ];
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">{t('operator.metrics.headlineHelp')}</p>
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {headline.map((h) => (
          <Card key={h.label} className="gap-1 p-4">
            <div className="text-sm text-muted-foreground">{h.label}</div>
            <div className="text-2xl font-semibold tabular-nums" data-testid={`metric-${h.label}`}>
              {h.value}
            </div>
          </Card>
        ))}
      </div>
      <Card className="overflow-x-auto py-2">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-4">{t('operator.metrics.month')}</TableHead>
              <TableHead className="text-right">{t('operator.metrics.mrr')}</TableHead>
              <TableHead className="text-right">{t('operator.metrics.arr')}</TableHead>
              <TableHead className="text-right">{t('operator.metrics.paying')}</TableHead>
              <TableHead className="text-right">{t('operator.metrics.conversion')}</TableHead>
              <TableHead className="pr-4 text-right">{t('operator.metrics.churn')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {[...metrics.data.months].reverse().map((m) => (
              <TableRow key={m.month}>
                <TableCell className="pl-4 capitalize">{month(m.month)}</TableCell>
                <TableCell className="text-right tabular-nums">{euros(m.mrrCents)}</TableCell>
                <TableCell className="text-right tabular-nums">{euros(m.arrCents)}</TableCell>
                <TableCell className="text-right tabular-nums">{m.activePaying}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {percent(m.conversionRate)}
                  {m.trialsEnded > 0 ? (
                    <span className="ml-1 text-xs text-muted-foreground">
                      ({t('operator.metrics.trials', { converted: m.trialsConverted, ended: m.trialsEnded })})
                    </span>
                  ) : null}
                </TableCell>
                <TableCell className="pr-4 text-right tabular-nums">
                  {percent(m.churnRate)}
                  {m.payingAtStart > 0 ? (
                    <span className="ml-1 text-xs text-muted-foreground">
                      ({t('operator.metrics.churned', { churned: m.churned, start: m.payingAtStart })})
                    </span>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </div>
  );
}
