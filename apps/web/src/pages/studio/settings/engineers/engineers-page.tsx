import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Clock, Headphones } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { Engineer } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { ResourceSettings } from '../resources/resource-settings.tsx';
import { EngineerDialog } from './engineer-dialog.tsx';
import { EngineerHoursDialog } from './engineer-hours-dialog.tsx';

export function EngineersPage() {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const archive = useMutation(trpc.booking.archiveEngineer.mutationOptions());
  const [hoursOf, setHoursOf] = useState<Engineer | null>(null);
  return (
    <>
      <ResourceSettings<Engineer>
        title={t('engineers.title')}
        description={t('engineers.description')}
        addLabel={t('engineers.add')}
        editLabel={(engineer) => t('engineers.editNamed', { name: engineer.name })}
        empty={{ icon: Headphones, title: t('engineers.emptyTitle'), description: t('engineers.emptyDescription') }}
        testId="engineers-list"
        pick={(resources) => resources.engineers}
        renderRow={(engineer) => (
          <>
            <span className="size-3 shrink-0 rounded-full" style={{ backgroundColor: engineer.color }} aria-hidden="true" />
            <div className="min-w-0 flex-1 basis-40">
              <p className="flex items-center gap-2 font-medium">
                <span className="truncate">{engineer.name}</span>
                {engineer.bookable ? null : <Badge variant="outline">{t('engineers.notBookable')}</Badge>}
              </p>
              {engineer.email ? <p className="truncate text-sm text-muted-foreground">{engineer.email}</p> : null}
            </div>
            <span className="text-sm font-medium tabular-nums">
              {t('rooms.perHour', { amount: formatMinor(engineer.hourlyRateCents, studio.currency, i18n.language) })}
            </span>
          </>
        )}
        renderDialog={(engineer, onClose) => <EngineerDialog engineer={engineer} onClose={onClose} />}
        rowActions={(engineer) => (
          <Button
            variant="ghost"
            size="icon"
            onClick={() => setHoursOf(engineer)}
            aria-label={t('engineerHours.open', { name: engineer.name })}
            title={t('engineerHours.open', { name: engineer.name })}
          >
            <Clock aria-hidden="true" />
          </Button>
        )}
        archive={{
          label: (engineer) => t('engineers.archiveNamed', { name: engineer.name }),
          title: (engineer) => t('engineers.archiveTitle', { name: engineer.name }),
          description: t('engineers.archiveDescription'),
          confirm: t('engineers.archive'),
          done: (engineer) => t('engineers.archived', { name: engineer.name }),
          run: (engineer) => archive.mutateAsync({ id: engineer.id }),
        }}
      />
      {hoursOf ? <EngineerHoursDialog engineer={hoursOf} onClose={() => setHoursOf(null)} /> : null}
    </>
  );
}
