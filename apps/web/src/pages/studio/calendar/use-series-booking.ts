import { useCallback, useState } from 'react';
import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createSessionInput } from '@rsm/shared/booking-schemas';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import {
  defaultRepeatValues,
  readSeriesRule,
  seriesPlan,
  withChoice,
  type Occurrence,
  type RepeatValues,
  type SeriesRule,
  type SkipChoices,
} from './series-form.ts';

/** Where and with whom the first occurrence is booked: what decides conflicts. */
export type SeriesSlot = { roomId: string; startsAt: string; endsAt: string; engineerIds: string[]; gearIds: string[]; clientId: string | null };

// The check only looks at times and resources; the title is required by the shared schema, not used.
const checkInputOf = (slot: SeriesSlot, rule: SeriesRule) => ({ first: { ...slot, title: '—' }, rule });

export type SeriesOutcome = { kind: 'booked'; count: number } | { kind: 'refused'; message: string };

type Options = {
  /** The first session's day as typed (the end date must come after it). */
  firstDay: string;
  firstDefaultDay: string;
  /** null while the booking form's room and times are incomplete. */
  slot: SeriesSlot | null;
  timeZone: string;
};

/**
 * The "Repeat" part of the booking form: its own small form, the live per-occurrence check, the
 * person's skip choices, and booking the series (checked once more right before it is written).
 */
export function useSeriesBooking({ firstDay, firstDefaultDay, slot, timeZone }: Options) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const form = useForm<RepeatValues>({ defaultValues: defaultRepeatValues(firstDefaultDay) });
  const values = form.watch();
  const [choices, setChoices] = useState<SkipChoices>({});
  const parsed = readSeriesRule(values, firstDay, timeZone);
  const issues = 'issues' in parsed ? parsed.issues : [];

  const checkInput = values.enabled && slot && 'rule' in parsed ? checkInputOf(slot, parsed.rule) : null;
  const debounced = useDebouncedValue(checkInput, 300);
  const check = useQuery(trpc.sessions.checkSeries.queryOptions(debounced ?? skipToken, { retry: false, placeholderData: keepPreviousData }));
  const occurrences: readonly Occurrence[] | undefined = checkInput ? check.data : undefined;
  const plan = occurrences ? seriesPlan(occurrences, choices) : null;
  const createSeries = useMutation(trpc.sessions.createSeries.mutationOptions());
  const choose = useCallback((occurrence: Occurrence, skipped: boolean) => setChoices((current) => withChoice(current, occurrence, skipped)), []);

  const book = async (input: z.output<typeof createSessionInput>): Promise<SeriesOutcome> => {
    if (!('rule' in parsed)) return { kind: 'refused', message: t('calendar.repeat.fixRule') };
    const slotNow: SeriesSlot = {
      roomId: input.roomId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      engineerIds: input.engineerIds,
      gearIds: input.gearIds,
      clientId: input.clientId ?? null,
    };
    // Checked again now: the list on screen may be a few seconds old. The same query key, so the list shows this answer.
    const fresh = await queryClient.fetchQuery(trpc.sessions.checkSeries.queryOptions(checkInputOf(slotNow, parsed.rule)));
    const { skip, booked, unresolved } = seriesPlan(fresh, choices);
    if (unresolved.length > 0) return { kind: 'refused', message: t('calendar.repeat.unresolved', { count: unresolved.length }) };
    if (booked === 0) return { kind: 'refused', message: t('calendar.repeat.allSkipped') };
    const { title, notes, status, holdHours } = input;
    try {
      const result = await createSeries.mutateAsync({
        first: { ...slotNow, title, notes, status, ...(holdHours === undefined ? {} : { holdHours }) },
        rule: parsed.rule,
        skip,
      });
      return { kind: 'booked', count: result.sessions.length };
    } catch (error) {
      // Someone booked in between: the list is checked again so the new conflict shows where it is.
      await queryClient.invalidateQueries({ queryKey: trpc.sessions.checkSeries.pathKey() });
      throw error;
    }
  };

  return {
    enabled: values.enabled,
    form,
    issues,
    check: { data: occurrences, isFetching: check.isFetching, error: checkInput ? check.error : null },
    choices,
    choose,
    plan,
    book,
  };
}
