import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CheckCircle2, Circle, X } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';

/** Each step, where it is done; the order is the order a new studio usually goes in. */
const STEPS = [
  { key: 'firstSession', path: 'calendar' },
  { key: 'openingHours', path: 'settings/hours' },
  { key: 'bookingPage', path: 'settings/booking-page' },
  { key: 'team', path: 'settings/members' },
] as const;

function dismissKey(slug: string): string {
  return `rsm.nextSteps.dismissed.${slug}`;
}

function readDismissed(slug: string): boolean {
  try {
    return window.localStorage.getItem(dismissKey(slug)) === '1';
  } catch {
    return false; // storage refused (private mode): the card simply shows
  }
}

/**
 * "Next steps" after onboarding, each read from the studio's real state by the server. Hidden once all are
 * done, or when the owner hides it (remembered on this device).
 */
export function NextStepsCard() {
  const { t } = useTranslation();
  const { slug, pathTo } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const steps = useQuery(trpc.dashboard.nextSteps.queryOptions());
  const [dismissed, setDismissed] = useState(() => readDismissed(slug));
  if (dismissed || !steps.data || STEPS.every((step) => steps.data[step.key])) return null;

  const dismiss = () => {
    try {
      window.localStorage.setItem(dismissKey(slug), '1');
    } catch {
      // Not remembered: hidden until the next visit only.
    }
    setDismissed(true);
  };

  return (
    <Card data-testid="next-steps">
      <CardHeader className="flex-row items-start justify-between gap-2">
        <div className="grid gap-1.5">
          <CardTitle>{t('gettingStarted.nextSteps.title')}</CardTitle>
          <CardDescription>{t('gettingStarted.nextSteps.description')}</CardDescription>
        </div>
        <Button variant="ghost" size="icon" onClick={dismiss} aria-label={t('gettingStarted.nextSteps.dismiss')} title={t('gettingStarted.nextSteps.dismiss')}>
          <X aria-hidden="true" />
        </Button>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-2">
          {STEPS.map((step) => {
            const done = steps.data[step.key];
            const Icon = done ? CheckCircle2 : Circle;
            return (
              <li key={step.key} className="flex items-center gap-2 text-sm">
                <Icon aria-hidden="true" className={done ? 'size-4 text-success' : 'size-4 text-muted-foreground'} />
                {done ? (
                  <span className="text-muted-foreground line-through">
                    {t(`gettingStarted.nextSteps.${step.key}`)}
                    <span className="sr-only"> ({t('gettingStarted.nextSteps.done')})</span>
                  </span>
                ) : (
                  <Link to={pathTo(step.path)} className="font-medium underline-offset-4 hover:underline">
                    {t(`gettingStarted.nextSteps.${step.key}`)}
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
