import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CreditCard, DoorOpen, Users } from 'lucide-react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { SessionUsageCard } from '../usage/session-usage.tsx';

type Summary = RouterOutputs['dashboard']['summary'];

function SummaryCard({ icon, label, value, detail }: { icon: ReactNode; label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <Card className="gap-2">
      <CardHeader className="flex-row items-center justify-between gap-2">
        <CardDescription>{label}</CardDescription>
        <span className="text-muted-foreground [&_svg]:size-4">{icon}</span>
      </CardHeader>
      <CardContent>
        <CardTitle as="div" className="text-2xl">
          {value}
        </CardTitle>
        {detail ? <p className="mt-1 text-xs text-muted-foreground">{detail}</p> : null}
      </CardContent>
    </Card>
  );
}

export function SummaryCards({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const trial = summary.trialDaysLeft === null ? null : t('dashboard.trialDaysLeft', { count: summary.trialDaysLeft });
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="dashboard-summary">
      <SummaryCard
        icon={<CreditCard aria-hidden="true" />}
        label={t('dashboard.plan')}
        value={t(`plans.${summary.plan}`, { defaultValue: summary.plan })}
        detail={trial}
      />
      <SummaryCard icon={<DoorOpen aria-hidden="true" />} label={t('dashboard.activeRooms')} value={summary.roomsActive} />
      <SummaryCard icon={<Users aria-hidden="true" />} label={t('dashboard.members')} value={summary.membersCount} />
      <SessionUsageCard />
    </div>
  );
}
