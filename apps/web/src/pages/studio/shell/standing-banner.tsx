import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { daysLeft } from '@rsm/shared/standing';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentStudio } from '../studio-context.ts';

/**
 * The studio's standing above every page (issue 12.2, 12.3): the days left in the trial, a failed payment and the
 * day the studio becomes read-only, or read-only itself — each with the way out (Settings → Plan).
 */
export function StandingBanner() {
  const { t, i18n } = useTranslation();
  const { studio, pathTo, can } = useCurrentStudio();
  const planPath = pathTo('settings/plan');
  const now = new Date();
  let text: string;
  let action: string;
  let tone: 'info' | 'warn' | 'danger';
  if (studio.standing === 'trial' && studio.trialEndsAt) {
    const days = daysLeft(new Date(studio.trialEndsAt), now) ?? 0;
    text = days <= 0 ? t('billing.banner.trialLastDay') : t('billing.banner.trial', { count: days });
    action = t('billing.banner.choosePlan');
    tone = 'info';
  } else if (studio.standing === 'past_due' && studio.graceEndsAt) {
    const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(studio.graceEndsAt));
    text = t('billing.banner.pastDue', { date });
    action = t('billing.banner.updateCard');
    tone = 'warn';
  } else if (studio.standing === 'read_only') {
    text = t('billing.banner.readOnly');
    action = t('billing.banner.choosePlan');
    tone = 'danger';
  } else return null;
  return (
    <div
      data-testid="standing-banner"
      data-standing={studio.standing}
      role="status"
      className={cn(
        'flex flex-wrap items-center justify-between gap-3 border-b px-4 py-2 text-sm md:px-8',
        tone === 'info' && 'bg-primary/10',
        tone === 'warn' && 'bg-amber-100 text-amber-950',
        tone === 'danger' && 'bg-destructive/10 text-destructive',
      )}
    >
      <span>{text}</span>
      {can('plan:read') ? (
        <Button asChild size="sm" variant={tone === 'info' ? 'default' : 'outline'}>
          <Link to={planPath}>{action}</Link>
        </Button>
      ) : null}
    </div>
  );
}
