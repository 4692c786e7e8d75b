import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Plus, X } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { translateMessageKey } from '@/lib/trpc/errors.ts';
import { formatDay } from '../../calendar/calendar-format.ts';
import { addDays } from '../../calendar/dates.ts';
import {
  DEFAULT_OPENING,
  DEFAULT_WORKING,
  MAX_RANGES_PER_DAY,
  WEEKDAYS,
  closesNextDay,
  type HoursIssue,
  type HoursKind,
  type TimeRange,
  type WeekHours,
} from './weekly-hours.ts';

/** 1 January 2024 was a Monday. */
const A_MONDAY = '2024-01-01';

export function weekdayName(weekday: number, locale: string): string {
  const name = formatDay(addDays(A_MONDAY, weekday - 1), locale, { weekday: 'long' });
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

type WeeklyHoursEditorProps = {
  kind: HoursKind;
  value: WeekHours;
  onChange: (week: WeekHours) => void;
  issues: readonly HoursIssue[];
  disabled?: boolean;
};

/**
 * Seven days, each open (one or more ranges of times) or closed. Every day is a labelled group, so a
 * screen reader hears "Monday, Open, checked; Opens 10:00; Closes 22:00".
 */
export function WeeklyHoursEditor({ kind, value, onChange, issues, disabled = false }: WeeklyHoursEditorProps) {
  const { i18n } = useTranslation();
  const setDay = (day: number, ranges: TimeRange[]) => onChange(value.map((current, index) => (index === day ? ranges : current)));
  return (
    <div className="grid divide-y rounded-md border">
      {WEEKDAYS.map((weekday, day) => (
        <DayRow
          key={weekday}
          kind={kind}
          name={weekdayName(weekday, i18n.language)}
          ranges={value[day] ?? []}
          issues={issues.filter((issue) => issue.day === day)}
          disabled={disabled}
          onChange={(ranges) => setDay(day, ranges)}
        />
      ))}
    </div>
  );
}

type DayRowProps = {
  kind: HoursKind;
  name: string;
  ranges: TimeRange[];
  issues: readonly HoursIssue[];
  disabled: boolean;
  onChange: (ranges: TimeRange[]) => void;
};

function DayRow({ kind, name, ranges, issues, disabled, onChange }: DayRowProps) {
  const { t } = useTranslation();
  const open = ranges.length > 0;
  const fallback = kind === 'opening' ? DEFAULT_OPENING : DEFAULT_WORKING;
  const update = (index: number, range: TimeRange) => onChange(ranges.map((current, at) => (at === index ? range : current)));
  return (
    <fieldset className="grid gap-2 px-3 py-2.5 sm:grid-cols-[12rem_1fr] sm:items-start" disabled={disabled}>
      <legend className="sr-only">{name}</legend>
      <div className="flex items-center justify-between gap-3 sm:h-9">
        <span className="text-sm font-medium" aria-hidden="true">
          {name}
        </span>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-primary" checked={open} onChange={(event) => onChange(event.target.checked ? [fallback] : [])} />
          {t(`hours.${kind}.open`)}
        </label>
      </div>
      {open ? (
        <div className="grid gap-2">
          {ranges.map((range, index) => (
            <RangeRow
              key={index}
              kind={kind}
              range={range}
              issues={issues.filter((issue) => issue.range === index)}
              onChange={(next) => update(index, next)}
              onRemove={ranges.length > 1 ? () => onChange(ranges.filter((_, at) => at !== index)) : undefined}
            />
          ))}
          {ranges.length < MAX_RANGES_PER_DAY && !disabled ? (
            <Button
              type="button"
              variant="link"
              size="sm"
              className="h-auto justify-self-start px-0"
              onClick={() => onChange([...ranges, { start: '', end: '' }])}
            >
              <Plus aria-hidden="true" />
              {t('hours.addRange')}
            </Button>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-muted-foreground sm:py-2">{t(`hours.${kind}.closed`)}</p>
      )}
    </fieldset>
  );
}

type RangeRowProps = {
  kind: HoursKind;
  range: TimeRange;
  issues: readonly HoursIssue[];
  onChange: (range: TimeRange) => void;
  onRemove: (() => void) | undefined;
};

function RangeRow({ kind, range, issues, onChange, onRemove }: RangeRowProps) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const startIssue = issues.find((issue) => issue.field === 'start');
  const endIssue = issues.find((issue) => issue.field === 'end');
  const message = startIssue ?? endIssue;
  const box = (field: 'start' | 'end', invalid: boolean) => ({
    id: `${id}-${field}`,
    type: 'time',
    value: range[field],
    className: 'w-32',
    'aria-invalid': invalid,
    'aria-describedby': message ? errorId : undefined,
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange({ ...range, [field]: event.target.value }),
  });
  return (
    <div className="grid gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-start`} className="sr-only">
          {t(`hours.${kind}.start`)}
        </label>
        <Input {...box('start', Boolean(startIssue))} />
        <span aria-hidden="true">–</span>
        <label htmlFor={`${id}-end`} className="sr-only">
          {t(`hours.${kind}.end`)}
        </label>
        <Input {...box('end', Boolean(endIssue))} />
        {kind === 'opening' && closesNextDay(range) ? <span className="text-xs text-muted-foreground">{t('hours.nextDay')}</span> : null}
        {onRemove ? (
          <Button type="button" variant="ghost" size="icon" onClick={onRemove} aria-label={t('hours.removeRange')}>
            <X aria-hidden="true" />
          </Button>
        ) : null}
      </div>
      {message ? (
        <p id={errorId} className="text-sm text-destructive">
          {translateMessageKey(t, message.message)}
        </p>
      ) : null}
    </div>
  );
}
