import { useTranslation } from 'react-i18next';
import { formatMinor } from '@rsm/shared/money';
import type { CancellationOutcomeView } from '@rsm/shared/portal-schemas';

/** What a cancellation refunds and keeps under the studio's policy, and why (portal and staff alike). */
export function CancellationOutcome({ outcome }: { outcome: CancellationOutcomeView }) {
  const { t, i18n } = useTranslation();
  const amount = (cents: number) => formatMinor(cents, outcome.currency, i18n.language);
  return (
    <div className="grid gap-2 rounded-md border bg-muted/40 p-3 text-sm" data-testid="cancellation-outcome">
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
        <dt className="text-muted-foreground">{t('cancellation.outcome.paid')}</dt>
        <dd className="text-right tabular-nums">{amount(outcome.paidCents)}</dd>
        <dt className="text-muted-foreground">{t('cancellation.outcome.refundable')}</dt>
        <dd className="text-right font-medium tabular-nums">{amount(outcome.refundableCents)}</dd>
        <dt className="text-muted-foreground">{t('cancellation.outcome.kept')}</dt>
        <dd className="text-right tabular-nums">{amount(outcome.keptCents)}</dd>
      </dl>
      <p className="text-muted-foreground">
        {outcome.basis === 'tier' && outcome.tier
          ? t('cancellation.basis.tier', { count: outcome.daysNotice ?? 0, percent: outcome.tier.refundPercent, days: outcome.tier.daysBefore })
          : t(`cancellation.basis.${outcome.basis}`)}
      </p>
    </div>
  );
}
