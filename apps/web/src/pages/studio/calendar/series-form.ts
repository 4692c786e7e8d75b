/**
 * Recurring bookings in the new-session form: the "Repeat" boxes (text, as typed) turned into the
 * shared series rule, and the per-occurrence skip choices turned into the `skip` list the API takes.
 */
import { addDays, instantAt, isDayKey, type DayKey } from './dates.ts';

export const MAX_EVERY_WEEKS = 8;
/** The API plans at most this many occurrences (MAX_OCCURRENCES on the server). */
export const MAX_OCCURRENCES = 104;

export type RepeatEnd = 'count' | 'until';

export interface RepeatValues {
  enabled: boolean;
  everyWeeks: string;
  end: RepeatEnd;
  count: string;
  untilDate: string;
}

export function defaultRepeatValues(firstDay: DayKey): RepeatValues {
  return { enabled: false, everyWeeks: '1', end: 'count', count: '4', untilDate: addDays(firstDay, 28) };
}

export interface SeriesRule {
  everyWeeks: number;
  count?: number;
  until?: string;
}

export type RepeatIssue = { field: 'everyWeeks' | 'count' | 'untilDate'; message: string };

/**
 * The rule the boxes describe, or the issues to show under them. "On a date" means up to the end of
 * that day on the studio's clock: an occurrence starting that day is included.
 */
export function readSeriesRule(values: RepeatValues, firstDay: DayKey, timeZone: string): { rule: SeriesRule } | { issues: RepeatIssue[] } {
  const issues: RepeatIssue[] = [];
  const everyWeeks = wholeNumber(values.everyWeeks);
  if (everyWeeks === null || everyWeeks < 1 || everyWeeks > MAX_EVERY_WEEKS) issues.push({ field: 'everyWeeks', message: 'errors.repeat_every_invalid' });
  let end: Pick<SeriesRule, 'count' | 'until'> = {};
  if (values.end === 'count') {
    const count = wholeNumber(values.count);
    if (count === null || count < 2 || count > MAX_OCCURRENCES) issues.push({ field: 'count', message: 'errors.repeat_count_invalid' });
    else end = { count };
  } else if (!isDayKey(values.untilDate) || values.untilDate <= firstDay) {
    issues.push({ field: 'untilDate', message: 'errors.repeat_until_invalid' });
  } else {
    end = { until: instantAt(values.untilDate, 24 * 60 - 1, timeZone).toISOString() };
  }
  if (issues.length > 0 || everyWeeks === null) return { issues };
  return { rule: { everyWeeks, ...end } };
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : null;
}

export interface Occurrence {
  index: number;
  startsAt: string;
  endsAt: string;
  conflict: string | null;
}

/**
 * The person's skip choices, keyed by the occurrence's start (not its index): when the time or the
 * rule changes, the occurrences are new ones and earlier choices no longer apply to them.
 */
export type SkipChoices = Readonly<Record<string, boolean>>;

/** A conflicting occurrence starts skipped (booking it would refuse the whole series); any other starts booked. */
export function isSkipped(occurrence: Occurrence, choices: SkipChoices): boolean {
  return choices[occurrence.startsAt] ?? occurrence.conflict !== null;
}

export function withChoice(choices: SkipChoices, occurrence: Occurrence, skipped: boolean): SkipChoices {
  return { ...choices, [occurrence.startsAt]: skipped };
}

export interface SeriesPlan {
  /** Indexes for `createSeries({ skip })`. */
  skip: number[];
  /** How many sessions would be booked. */
  booked: number;
  /** Occurrences that still conflict and are not skipped: the server would refuse the series. */
  unresolved: Occurrence[];
}

export function seriesPlan(occurrences: readonly Occurrence[], choices: SkipChoices): SeriesPlan {
  const skip: number[] = [];
  const unresolved: Occurrence[] = [];
  for (const occurrence of occurrences) {
    if (isSkipped(occurrence, choices)) skip.push(occurrence.index);
    else if (occurrence.conflict !== null) unresolved.push(occurrence);
  }
  return { skip, booked: occurrences.length - skip.length, unresolved };
}
