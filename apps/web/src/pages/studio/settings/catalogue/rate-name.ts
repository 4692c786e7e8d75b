import type { TFunction } from 'i18next';
import { formatPercent } from '@rsm/shared/exact-decimal';
import type { VatRate } from '@/lib/trpc/types.ts';

/** "20 %", or "Taux réduit — 5,5 %" when the studio gave the rate a label. */
export function rateName(t: TFunction, rate: Pick<VatRate, 'label' | 'basisPoints'>, locale: string): string {
  const percent = t('moneySettings.ratePercent', { rate: formatPercent(rate.basisPoints, locale) });
  return rate.label ? `${rate.label} — ${percent}` : percent;
}
