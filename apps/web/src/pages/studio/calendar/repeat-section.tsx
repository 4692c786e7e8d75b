import { useTranslation } from 'react-i18next';
import type { UseFormReturn } from 'react-hook-form';
import { CircleAlert } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { cn } from '@/lib/cn.ts';
import { formatDay, formatTimeRange } from './calendar-format.ts';
import { dayKeyOf } from './dates.ts';
import { MAX_EVERY_WEEKS, isSkipped, type Occurrence, type RepeatIssue, type RepeatValues, type SkipChoices } from './series-form.ts';

type RepeatSectionProps = {
  form: UseFormReturn<RepeatValues>;
  issues: readonly RepeatIssue[];
  timeZone: string;
  /** The occurrences as the server plans and checks them; undefined until the form is complete. */
  occurrences: readonly Occurrence[] | undefined;
  loading: boolean;
  error: string | null;
  choices: SkipChoices;
  onChoice: (occurrence: Occurrence, skipped: boolean) => void;
};

/** "Repeat" in the booking form: off by default; when on, the rule and every occurrence with its conflict. */
export function RepeatSection({ form, issues, timeZone, occurrences, loading, error, choices, onChoice }: RepeatSectionProps) {
  const { t } = useTranslation();
  const enabled = form.watch('enabled');
  const end = form.watch('end');
  const issueOf = (field: RepeatIssue['field']) => issues.find((issue) => issue.field === field)?.message;
  return (
    <fieldset className="grid gap-3 rounded-md border p-3">
      <legend className="px-1 text-sm font-medium">{t('calendar.repeat.legend')}</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 accent-primary" {...form.register('enabled')} />
        {t('calendar.repeat.enable')}
      </label>
      {enabled ? (
        <>
          <SelectField
            control={form.control}
            name="everyWeeks"
            label={t('calendar.repeat.every')}
            options={Array.from({ length: MAX_EVERY_WEEKS }, (_, index) => ({
              value: String(index + 1),
              label: t('calendar.repeat.everyWeeks', { count: index + 1 }),
            }))}
          />
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm font-medium">{t('calendar.repeat.ends')}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              <div className="grid content-start gap-2">
                <label className="flex items-center gap-2 text-sm">
                  <input type="radio" value="count" className="size-4 accent-primary" {...form.register('end')} />
                  {t('calendar.repeat.afterCount')}
                </label>
                {end === 'count' ? (
                  <TextField label={t('calendar.repeat.count')} inputMode="numeric" registration={form.register('count')} error={issueOf('count')} />
                ) : null}
              </div>
              <div className="grid content-start gap-2">
                <label className="flex items-center gap-2 text-sm">
                  <input type="radio" value="until" className="size-4 accent-primary" {...form.register('end')} />
                  {t('calendar.repeat.onDate')}
                </label>
                {end === 'until' ? (
                  <TextField label={t('calendar.repeat.untilDate')} type="date" registration={form.register('untilDate')} error={issueOf('untilDate')} />
                ) : null}
              </div>
            </div>
          </fieldset>
          <OccurrenceList occurrences={occurrences} loading={loading} error={error} timeZone={timeZone} choices={choices} onChoice={onChoice} />
        </>
      ) : null}
    </fieldset>
  );
}

type OccurrenceListProps = Pick<RepeatSectionProps, 'occurrences' | 'loading' | 'error' | 'timeZone' | 'choices' | 'onChoice'>;

function OccurrenceList({ occurrences, loading, error, timeZone, choices, onChoice }: OccurrenceListProps) {
  const { t, i18n } = useTranslation();
  if (error) return <FormError message={error} />;
  if (!occurrences) return loading ? <Skeleton className="h-24" /> : <p className="text-sm text-muted-foreground">{t('calendar.repeat.completeForm')}</p>;
  const booked = occurrences.filter((occurrence) => !isSkipped(occurrence, choices)).length;
  const when = (occurrence: Occurrence) =>
    `${formatDay(dayKeyOf(new Date(occurrence.startsAt), timeZone), i18n.language, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })} · ${formatTimeRange(occurrence.startsAt, occurrence.endsAt, i18n.language, timeZone)}`;
  return (
    <section className={cn('grid gap-2', loading && 'opacity-60')} aria-labelledby="series-occurrences" aria-busy={loading || undefined}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="series-occurrences" className="text-sm font-medium">
          {t('calendar.repeat.occurrences')}
        </h3>
        <p className="text-xs text-muted-foreground" aria-live="polite" data-testid="series-summary">
          {t('calendar.repeat.summary', { count: occurrences.length, booked })}
        </p>
      </div>
      <ul className="grid max-h-64 divide-y overflow-y-auto rounded-md border" data-testid="series-occurrences">
        {occurrences.map((occurrence) => {
          const skipped = isSkipped(occurrence, choices);
          return (
            <li key={occurrence.startsAt} className="flex items-start gap-3 px-3 py-2 text-sm" data-conflict={occurrence.conflict ? 'true' : undefined}>
              <div className="grid min-w-0 flex-1 gap-1">
                <span className={cn('tabular-nums', skipped && 'text-muted-foreground line-through')}>{when(occurrence)}</span>
                {occurrence.conflict ? (
                  <span className="flex items-start gap-1.5 text-xs text-destructive">
                    <CircleAlert className="mt-px size-3.5 shrink-0" aria-hidden="true" />
                    <span>
                      <Badge variant="destructive" className="mr-1">
                        {t('calendar.repeat.conflict')}
                      </Badge>
                      {occurrence.conflict}
                    </span>
                  </span>
                ) : null}
              </div>
              <label className="flex shrink-0 items-center gap-1.5 text-xs">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  checked={skipped}
                  onChange={(event) => onChoice(occurrence, event.target.checked)}
                  aria-label={t('calendar.repeat.skipOccurrence', { when: when(occurrence) })}
                />
                <span aria-hidden="true">{t('calendar.repeat.skip')}</span>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
