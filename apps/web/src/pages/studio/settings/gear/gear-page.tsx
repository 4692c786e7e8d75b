import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SlidersVertical } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Badge } from '@/components/ui/badge.tsx';
import type { GearItem } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../../studio-context.ts';
import { ResourceSettings } from '../resources/resource-settings.tsx';
import { GearDialog } from './gear-dialog.tsx';

export function GearPage() {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const archive = useMutation(trpc.booking.archiveGear.mutationOptions());
  return (
    <ResourceSettings<GearItem>
      title={t('gear.title')}
      description={t('gear.description')}
      addLabel={t('gear.add')}
      editLabel={(item) => t('gear.editNamed', { name: item.name })}
      empty={{ icon: SlidersVertical, title: t('gear.emptyTitle'), description: t('gear.emptyDescription') }}
      testId="gear-list"
      pick={(resources) => resources.gear}
      renderRow={(item) => (
        <>
          <div className="min-w-0 flex-1 basis-40">
            <p className="flex flex-wrap items-center gap-2 font-medium">
              <span className="truncate">{item.name}</span>
              {item.status === 'available' ? null : (
                <Badge variant={item.status === 'maintenance' ? 'secondary' : 'outline'}>{t(`gear.statuses.${item.status}`)}</Badge>
              )}
              {item.bookable ? null : <Badge variant="outline">{t('gear.notBookable')}</Badge>}
            </p>
            <p className="truncate text-sm text-muted-foreground">
              {[item.category, item.serialNumber && t('gear.serial', { serial: item.serialNumber })].filter(Boolean).join(' · ') || '—'}
            </p>
          </div>
          <span className="text-sm font-medium tabular-nums">
            {t('gear.perDay', { amount: formatMinor(item.dailyRateCents, studio.currency, i18n.language) })}
          </span>
        </>
      )}
      renderDialog={(item, onClose) => <GearDialog item={item} onClose={onClose} />}
      archive={{
        label: (item) => t('gear.archiveNamed', { name: item.name }),
        title: (item) => t('gear.archiveTitle', { name: item.name }),
        description: t('gear.archiveDescription'),
        confirm: t('gear.archive'),
        done: (item) => t('gear.archived', { name: item.name }),
        run: (item) => archive.mutateAsync({ id: item.id }),
      }}
    />
  );
}
