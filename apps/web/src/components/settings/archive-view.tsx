/**
 * Settings lists whose entries can be archived (rooms, catalogue items): the active / archived switch and the
 * placeholder rows shown while the list loads.
 */
import { useTranslation } from 'react-i18next';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { cn } from '@/lib/cn.ts';

export type ArchiveView = 'active' | 'archived';

export function ArchiveViewSwitch({
  view,
  onChange,
  groupLabel,
  optionLabel,
}: {
  view: ArchiveView;
  onChange: (view: ArchiveView) => void;
  groupLabel: string;
  optionLabel: (option: ArchiveView) => string;
}) {
  return (
    <div role="group" aria-label={groupLabel} className="mb-4 inline-flex rounded-md border p-0.5 text-sm">
      {(['active', 'archived'] as const).map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={view === option}
          onClick={() => onChange(option)}
          className={cn('rounded px-3 py-1', view === option ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:text-foreground')}
        >
          {optionLabel(option)}
        </button>
      ))}
    </div>
  );
}

export function ListSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="grid gap-2" role="status" aria-label={t('common.loading')}>
      {[0, 1, 2].map((row) => (
        <Skeleton key={row} className="h-16 w-full" />
      ))}
    </div>
  );
}
