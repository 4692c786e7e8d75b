import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Check } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { cn } from '@/lib/cn.ts';

import { PLAN_TABLE } from '@rsm/shared/plans';

// List prices come from the one plan table; shown only, never charged from here.
const PLANS = [
  { key: 'starter', featureCount: 3 },
  { key: 'pro', featureCount: 3, highlighted: true },
  { key: 'enterprise', featureCount: 3 },
] as const;

export function PricingSection() {
  const { t, i18n } = useTranslation();
  const price = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  return (
    <section className="border-t bg-muted/40" aria-labelledby="pricing-title">
      <div className="mx-auto max-w-6xl px-4 py-16 sm:px-8">
        <div className="text-center">
          <h2 id="pricing-title" className="text-3xl font-semibold tracking-tight">
            {t('landing.pricing.title')}
          </h2>
          <p className="mt-3 text-muted-foreground">{t('landing.pricing.subtitle')}</p>
        </div>
        <ul className="mt-10 grid gap-6 md:grid-cols-3">
          {PLANS.map((plan) => (
            <li key={plan.key} className={cn('flex flex-col rounded-xl border bg-background p-6', 'highlighted' in plan && 'border-primary shadow-md')}>
              <div className="flex items-center justify-between">
                <h3 className="text-lg font-semibold">{t(`plans.${plan.key}`)}</h3>
                {'highlighted' in plan ? <Badge>{t('landing.pricing.popular')}</Badge> : null}
              </div>
              <p className="mt-4">
                <span className="text-4xl font-semibold tracking-tight">{price.format(PLAN_TABLE[plan.key].monthlyCents / 100)}</span>
                <span className="text-muted-foreground"> {t('landing.pricing.perMonth')}</span>
              </p>
              <ul className="mt-6 grid flex-1 gap-2 text-sm">
                {Array.from({ length: plan.featureCount }, (_, index) => (
                  <li key={index} className="flex gap-2">
                    <Check className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                    {t(`landing.pricing.${plan.key}.feature${index + 1}`)}
                  </li>
                ))}
              </ul>
              <Button asChild className="mt-6" variant={'highlighted' in plan ? 'default' : 'outline'}>
                <Link to="/signup">{t('landing.pricing.startTrial')}</Link>
              </Button>
            </li>
          ))}
        </ul>
        <p className="mt-6 text-center text-sm text-muted-foreground">{t('landing.pricing.trial')}</p>
      </div>
    </section>
  );
}
