import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { Plus, Trash2 } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { SelectField, type SelectOption } from '@/components/form/select-field.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { formatDateTimeRange } from '../../calendar/calendar-format.ts';
import { SessionTimeFields } from '../../calendar/session-fields.tsx';
import { DATED_RANGE_FIELDS, DATED_RANGE_RENAME, datedRangeFormSchema, defaultDatedRange } from './dated-range.ts';

export type DatedItem = { id: string; startsAt: string; endsAt: string; reason: string };

type DatedRangeListProps<Item extends DatedItem> = {
  items: readonly Item[];
  /** Where the range applies (a closure's room), shown as a badge. */
  placeOf?: (item: Item) => string;
  empty: string;
  canWrite: boolean;
  testId: string;
  texts: { remove: string; removeTitle: string; removeDescription: string };
  onRemove: (item: Item) => Promise<void>;
};

/** Closures or time off, oldest first; a range that is over is marked so. */
export function DatedRangeList<Item extends DatedItem>({ items, placeOf, empty, canWrite, testId, texts, onRemove }: DatedRangeListProps<Item>) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const [removing, setRemoving] = useState<Item | null>(null);
  const [now] = useState(() => Date.now());
  if (items.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>;
  const when = (item: Item) => formatDateTimeRange(item.startsAt, item.endsAt, i18n.language, studio.timeZone);
  return (
    <>
      <ul className="divide-y rounded-md border" data-testid={testId}>
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 sm:flex-nowrap">
            <div className="grid min-w-0 flex-1 gap-0.5">
              <span className="flex flex-wrap items-center gap-2 text-sm">
                <span className="tabular-nums">{when(item)}</span>
                {placeOf ? <Badge variant="outline">{placeOf(item)}</Badge> : null}
                {Date.parse(item.endsAt) < now ? <Badge variant="secondary">{t('hours.past')}</Badge> : null}
              </span>
              {item.reason ? <span className="truncate text-sm text-muted-foreground">{item.reason}</span> : null}
            </div>
            {canWrite ? (
              <Button variant="ghost" size="icon" className="text-destructive" onClick={() => setRemoving(item)} aria-label={`${texts.remove} — ${when(item)}`}>
                <Trash2 aria-hidden="true" />
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={texts.removeTitle}
        description={removing ? `${when(removing)}${removing.reason ? ` · ${removing.reason}` : ''}. ${texts.removeDescription}` : ''}
        confirmLabel={texts.remove}
        onConfirm={() => (removing ? onRemove(removing) : Promise.resolve())}
      />
    </>
  );
}

export type DatedRangeInput = { roomId: string | null; startsAt: string; endsAt: string; reason: string };

type DatedRangeFormProps = {
  /** For closures: the whole studio or one room. Time off has no place. */
  places?: readonly SelectOption[];
  label: string;
  submitLabel: string;
  onSubmit: (input: DatedRangeInput) => Promise<void>;
  onCancel: () => void;
};

/** A start and an end on the studio's clock, and a reason. */
export function DatedRangeForm({ places, label, submitLabel, onSubmit, onCancel }: DatedRangeFormProps) {
  const { t } = useTranslation();
  const { studio } = useCurrentStudio();
  const [schema] = useState(() => datedRangeFormSchema(studio.timeZone));
  const [defaults] = useState(() => defaultDatedRange(new Date(), studio.timeZone));
  const form = useForm({ resolver: zodResolver(schema), defaultValues: defaults });
  const [formError, setFormError] = useState<string | null>(null);
  const { errors } = form.formState;
  const submit = form.handleSubmit(async (input) => {
    setFormError(null);
    try {
      await onSubmit(input);
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: DATED_RANGE_FIELDS, rename: DATED_RANGE_RENAME }));
    }
  });
  return (
    <form onSubmit={submit} noValidate className="grid gap-3 rounded-md border p-3" aria-label={label}>
      <FormError message={formError} />
      {places ? <SelectField control={form.control} name="place" label={t('hours.closures.place')} options={places} /> : null}
      <SessionTimeFields
        registrations={{
          startDate: form.register('startDate'),
          startTime: form.register('startTime'),
          endDate: form.register('endDate'),
          endTime: form.register('endTime'),
        }}
        errors={errors}
        timeZone={studio.timeZone}
        step={15}
      />
      <TextField label={t('hours.reason')} registration={form.register('reason')} error={errors.reason?.message} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" size="sm" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" size="sm" loading={form.formState.isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** A button that opens the add form in place, and closes it once the range is added. */
export function AddDatedRange(props: Omit<DatedRangeFormProps, 'onCancel'> & { openLabel: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button type="button" variant="outline" size="sm" className="justify-self-start" onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" />
        {props.openLabel}
      </Button>
    );
  }
  return (
    <DatedRangeForm
      {...props}
      onSubmit={async (input) => {
        await props.onSubmit(input);
        setOpen(false);
      }}
      onCancel={() => setOpen(false)}
    />
  );
}
