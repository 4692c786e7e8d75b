import { useTranslation } from 'react-i18next';
import { Headphones } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Badge } from '@/components/ui/badge.tsx';
import type { Engineer } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { ResourceSettings } from '../resources/resource-settings.tsx';
import { EngineerDialog } from './engineer-dialog.tsx';

export function EngineersPage() {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  return (
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
          <div className="min-w-0 flex-1">
            <p className="flex items-center gap-2 font-medium">
              <span className="truncate">{engineer.name}</span>
              {engineer.bookable ? null : <Badge variant="outline">{t('engineers.notBookable')}</Badge>}
            </p>
            {engineer.email ? <p className="truncate text-sm text-muted-foreground">{engineer.email}</p> : null}
          </div>
          <span className="text-sm font-medium tabular-nums">{t('rooms.perHour', { amount: formatMinor(engineer.hourlyRateCents, studio.currency, i18n.language) })}</span>
        </>
      )}
      renderDialog={(engineer, onClose) => <EngineerDialog engineer={engineer} onClose={onClose} />}
    />
  );
}
