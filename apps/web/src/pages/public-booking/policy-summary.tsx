import { useTranslation } from 'react-i18next';
import type { PublicPage } from './public-booking-layout.tsx';

/** The deposit rule and the cancellation policy as the visitor accepts them. */
export function PolicySummary({ page }: { page: PublicPage }) {
  const { t } = useTranslation();
  return (
    <section className="grid gap-2 rounded-md border bg-background p-4 text-sm" aria-labelledby="booking-policy" data-testid="booking-policy">
      <h3 id="booking-policy" className="font-medium">
        {t('bookingPage.public.policyTitle')}
      </h3>
      {page.depositPercent > 0 ? (
        <p>
          {page.depositDueHours > 0
            ? t('bookingPage.public.depositRule', { percent: page.depositPercent, hours: page.depositDueHours })
            : t('bookingPage.public.depositRuleNow', { percent: page.depositPercent })}
        </p>
      ) : (
        <p>{t('bookingPage.public.noDeposit')}</p>
      )}
      {page.cancellationTiers.length > 0 ? (
        <ul className="grid list-disc gap-1 pl-5">
          {page.cancellationTiers.map((tier) => (
            <li key={tier.daysBefore}>{t('bookingPage.public.tier', { days: tier.daysBefore, percent: tier.refundPercent })}</li>
          ))}
          <li>{t('bookingPage.public.tierBelow', { days: page.cancellationTiers[page.cancellationTiers.length - 1]!.daysBefore })}</li>
        </ul>
      ) : null}
      {page.policyText ? <p className="whitespace-pre-line text-muted-foreground">{page.policyText}</p> : null}
    </section>
  );
}
