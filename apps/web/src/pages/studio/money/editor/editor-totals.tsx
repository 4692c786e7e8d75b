import { useTranslation } from 'react-i18next';
import { formatPercent } from '@rsm/shared/exact-decimal';
import { Card } from '@/components/ui/card.tsx';
import { useMoneyFormat } from '../money-format.ts';
import type { LiveTotals } from './editor-model.ts';

/** The totals as they will be saved: computed in the browser with the server's computeTotals. */
export function EditorTotals({ live, depositsDeductedCents = 0 }: { live: LiveTotals; depositsDeductedCents?: number }) {
  const { t, i18n } = useTranslation();
  const format = useMoneyFormat();
  if (!live.ok) {
    return (
      <Card className="px-4 py-3 text-sm text-muted-foreground" aria-live="polite" data-testid="editor-totals">
        {live.reason === 'incomplete'
          ? t('money.editor.totalsIncomplete', { number: (live.line ?? 0) + 1 })
          : t(`money.editor.totalsError.${live.reason}`, { number: (live.line ?? 0) + 1 })}
      </Card>
    );
  }
  const totals = live.totals;
  const row = (label: string, cents: number, strong = false, testId?: string) => (
    <div className={strong ? 'flex justify-between gap-4 border-t pt-2 font-semibold' : 'flex justify-between gap-4'}>
      <dt>{label}</dt>
      <dd className="tabular-nums" data-testid={testId}>
        {format.amount(cents)}
      </dd>
    </div>
  );
  return (
    <Card className="px-4 py-3" aria-live="polite" data-testid="editor-totals">
      <dl className="grid gap-1 text-sm">
        {row(t('money.totalsPanel.subtotal'), totals.subtotalCents)}
        {totals.documentDiscountCents ? row(t('money.totalsPanel.discount'), -totals.documentDiscountCents) : null}
        {row(t('money.totalsPanel.net'), totals.netCents, false, 'total-net')}
        {totals.vatBreakdown.map((vat) => (
          <div key={vat.vatRateBasisPoints}>
            {row(t('money.totalsPanel.vatAt', { rate: formatPercent(vat.vatRateBasisPoints, i18n.language) }), vat.vatCents)}
          </div>
        ))}
        {row(t('money.totalsPanel.gross'), totals.grossCents, true, 'total-gross')}
        {depositsDeductedCents ? row(t('money.totalsPanel.deposits'), -depositsDeductedCents) : null}
        {depositsDeductedCents ? row(t('money.totalsPanel.balance'), totals.grossCents - depositsDeductedCents, true, 'total-due') : null}
      </dl>
    </Card>
  );
}
