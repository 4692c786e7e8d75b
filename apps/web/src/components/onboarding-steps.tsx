import { Check } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '@/lib/cn.ts';

const STEPS = ['account', 'studio', 'room'] as const;
export type OnboardingStep = (typeof STEPS)[number];

/** The 3-step progress of a new studio: account → studio → first room. */
export function OnboardingSteps({ current }: { current: OnboardingStep }) {
  const { t } = useTranslation();
  const currentIndex = STEPS.indexOf(current);
  return (
    <nav aria-label={t('onboarding.progress')} className="mb-6">
      <ol className="flex items-center gap-2 sm:gap-4">
        {STEPS.map((step, index) => {
          const done = index < currentIndex;
          const active = index === currentIndex;
          return (
            <li key={step} className="flex flex-1 items-center gap-2" aria-current={active ? 'step' : undefined}>
              <span
                className={cn(
                  'flex size-7 shrink-0 items-center justify-center rounded-full border text-xs font-semibold',
                  done && 'border-primary bg-primary text-primary-foreground',
                  active && 'border-primary text-primary',
                  !done && !active && 'text-muted-foreground',
                )}
              >
                {done ? <Check className="size-4" aria-hidden="true" /> : index + 1}
              </span>
              <span className={cn('text-sm', active ? 'font-medium' : 'text-muted-foreground')}>
                {t(`onboarding.steps.${step}`)}
                {done ? <span className="sr-only"> ({t('onboarding.completed')})</span> : null}
              </span>
              {index < STEPS.length - 1 ? <span aria-hidden="true" className="hidden h-px flex-1 bg-border sm:block" /> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
