import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DoorOpen, Users } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { Button } from '@/components/ui/button.tsx';
import type { Room } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../studio-context.ts';

/** The studio's active rooms with their hourly rates in the studio currency. */
export function DashboardRooms({ rooms, currency }: { rooms: Room[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const { can, pathTo } = useCurrentStudio();
  const active = rooms.filter((room) => !room.archivedAt);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('dashboard.rooms')}</CardTitle>
      </CardHeader>
      <CardContent>
        {active.length === 0 ? (
          <EmptyState
            icon={DoorOpen}
            title={t('rooms.emptyTitle')}
            description={t('rooms.emptyDescription')}
            action={
              can('rooms:write') ? (
                <Button asChild size="sm">
                  <Link to={pathTo('settings/rooms')}>{t('rooms.add')}</Link>
                </Button>
              ) : null
            }
          />
        ) : (
          <ul className="divide-y" data-testid="dashboard-rooms">
            {active.map((room) => (
              <li key={room.id} className="flex items-center gap-3 py-3">
                <span className="size-3 shrink-0 rounded-full" style={{ backgroundColor: room.color }} aria-hidden="true" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{room.name}</span>
                  <span className="flex items-center gap-1 text-xs text-muted-foreground">
                    <Users className="size-3" aria-hidden="true" />
                    {t('rooms.capacityCount', { count: room.capacity })}
                  </span>
                </span>
                <span className="text-sm font-medium tabular-nums">
                  {t('rooms.perHour', { amount: formatMinor(room.hourlyRateCents, currency, i18n.language) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
