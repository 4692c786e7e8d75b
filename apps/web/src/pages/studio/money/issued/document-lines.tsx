import { useTranslation } from 'react-i18next';
import { formatPercent, formatQuantity } from '@rsm/shared/exact-decimal';
import { Card } from '@/components/ui/card.tsx';
import type { MoneyDocument } from '@/lib/trpc/types.ts';
import { useMoneyFormat } from '../money-format.ts';

/** The lines as issued (stacked cards on a phone, a row each on a wide screen). */
export function DocumentLines({ doc }: { doc: MoneyDocument }) {
  const { t, i18n } = useTranslation();
  const format = useMoneyFormat();
  return (
    <Card className="py-0">
      <ul className="divide-y" aria-label={t('money.editor.lines')} data-testid="document-lines">
        {doc.lines.map((line) => (
          <li key={line.id} className="flex flex-wrap gap-x-3 gap-y-1 px-4 py-3 text-sm sm:flex-nowrap">
            <p className="min-w-0 flex-1 basis-full whitespace-pre-line sm:basis-auto">{line.description}</p>
            <p className="text-muted-foreground tabular-nums">
              {formatQuantity(line.quantity, i18n.language)} × {format.amount(line.unitPriceCents)} ·{' '}
              {t('money.view.vatShort', { rate: formatPercent(line.vatBasisPoints, i18n.language) })}
            </p>
            <p className="ml-auto font-medium tabular-nums">{format.amount(line.netCents)}</p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
