import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronDown, ChevronLeft, ChevronRight, Plus } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu.tsx';
import { cn } from '@/lib/cn.ts';
import { CALENDAR_VIEWS, type CalendarView } from './dates.ts';

export type ColumnsMode = 'rooms' | 'engineers';

type ToolbarProps = {
  view: CalendarView;
  label: string;
  onView: (view: CalendarView) => void;
  onToday: () => void;
  onStep: (direction: 1 | -1) => void;
  rooms: readonly { id: string; name: string }[];
  roomIds: readonly string[] | null;
  onRoomIds: (ids: string[] | null) => void;
  engineers: readonly { id: string; name: string }[];
  engineerIds: readonly string[] | null;
  onEngineerIds: (ids: string[] | null) => void;
  columnsMode: ColumnsMode;
  onColumnsMode: (mode: ColumnsMode) => void;
  showCancelled: boolean;
  onShowCancelled: (show: boolean) => void;
  canWrite: boolean;
  onNew: () => void;
  /** A short notice under the controls (the plan's monthly allowance nearly used). */
  notice?: ReactNode;
};

/** Every control is a native button or a Radix menu: Tab, Enter, Space and arrows all work. */
export function CalendarToolbar(props: ToolbarProps) {
  const { t } = useTranslation();
  const { view, label, onView, onToday, onStep, columnsMode, onColumnsMode, showCancelled, onShowCancelled, canWrite, onNew, notice } = props;
  return (
    <div className="mb-4 grid gap-3" role="group" aria-label={t('calendar.toolbar')}>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="outline" size="sm" onClick={onToday}>
          {t('calendar.today')}
        </Button>
        <div className="flex">
          <Button variant="ghost" size="icon" onClick={() => onStep(-1)} aria-label={t(`calendar.previous.${view}`)}>
            <ChevronLeft aria-hidden="true" />
          </Button>
          <Button variant="ghost" size="icon" onClick={() => onStep(1)} aria-label={t(`calendar.next.${view}`)}>
            <ChevronRight aria-hidden="true" />
          </Button>
        </div>
        <h2
          className="order-last w-full truncate text-lg font-semibold first-letter:uppercase sm:order-none sm:w-auto sm:min-w-0 sm:flex-1"
          aria-live="polite"
          data-testid="calendar-label"
        >
          {label}
        </h2>
        {canWrite ? (
          <Button size="sm" className="ml-auto" onClick={onNew} aria-keyshortcuts="N" title={t('calendar.newSessionShortcut')}>
            <Plus aria-hidden="true" />
            {t('calendar.newSession')}
          </Button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Segmented
          label={t('calendar.viewLabel')}
          value={view}
          options={CALENDAR_VIEWS.map((option) => ({ value: option, label: t(`calendar.views.${option}`) }))}
          onChange={onView}
        />
        {view === 'day' ? (
          <Segmented
            label={t('calendar.columnsLabel')}
            value={columnsMode}
            options={[
              { value: 'rooms', label: t('calendar.columns.rooms') },
              { value: 'engineers', label: t('calendar.columns.engineers') },
            ]}
            onChange={onColumnsMode}
          />
        ) : null}
        <FilterMenu
          label={t('calendar.filters.rooms')}
          allLabel={t('calendar.filters.allRooms')}
          allSummary={t('calendar.filters.roomsAll')}
          items={props.rooms}
          selected={props.roomIds}
          onChange={props.onRoomIds}
        />
        <FilterMenu
          label={t('calendar.filters.engineers')}
          allLabel={t('calendar.filters.allEngineers')}
          allSummary={t('calendar.filters.engineersAll')}
          items={props.engineers}
          selected={props.engineerIds}
          onChange={props.onEngineerIds}
        />
        <Button
          variant="outline"
          size="sm"
          aria-pressed={showCancelled}
          onClick={() => onShowCancelled(!showCancelled)}
          className={cn(showCancelled && 'bg-accent')}
        >
          {t('calendar.showCancelled')}
        </Button>
      </div>
      {notice}
    </div>
  );
}

function Segmented<Value extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: Value;
  options: { value: Value; label: string }[];
  onChange: (value: Value) => void;
}) {
  return (
    <div role="group" aria-label={label} className="inline-flex rounded-md border p-0.5 text-sm">
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={value === option.value}
          onClick={() => onChange(option.value)}
          className={cn(
            'rounded px-3 py-1 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50',
            value === option.value ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:text-foreground',
          )}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

/** Multi-select of rooms or engineers; `null` means all of them. The menu stays open while ticking. */
type FilterMenuProps = {
  label: string;
  allLabel: string;
  /** The trigger's text when nothing is filtered out. */
  allSummary: string;
  items: readonly { id: string; name: string }[];
  selected: readonly string[] | null;
  onChange: (ids: string[] | null) => void;
};

function FilterMenu({ label, allLabel, allSummary, items, selected, onChange }: FilterMenuProps) {
  const { t } = useTranslation();
  const count = selected?.length ?? items.length;
  const toggle = (id: string, checked: boolean) => {
    const current = selected ?? items.map((item) => item.id);
    const next = checked ? [...current, id] : current.filter((other) => other !== id);
    onChange(next.length === items.length ? null : next);
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm">
          {selected === null ? allSummary : t('calendar.filters.summary', { label, count })}
          <ChevronDown className="opacity-60" aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start">
        <DropdownMenuLabel>{label}</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => onChange(null)}>{allLabel}</DropdownMenuItem>
        <DropdownMenuSeparator />
        {items.map((item) => (
          <DropdownMenuCheckboxItem
            key={item.id}
            checked={selected === null || selected.includes(item.id)}
            onCheckedChange={(checked) => toggle(item.id, checked === true)}
            onSelect={(event) => event.preventDefault()}
          >
            {item.name}
          </DropdownMenuCheckboxItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
