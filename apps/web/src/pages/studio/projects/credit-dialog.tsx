import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CREDIT_ROLES, creditFieldsInput, splitPercentSchema } from '@rsm/shared/projects-schemas';
import { CheckboxList } from '@/components/form/checkbox-list.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { ClientCombobox, type PickedClient } from '@/components/client-combobox.tsx';
import { errorReason, projectErrorMessage } from './project-errors.ts';
import { formatPercent } from './project-format.ts';
import type { Credit } from './project-types.ts';

const formSchema = creditFieldsInput.omit({ clientId: true, instruments: true, splitPercent: true }).extend({
  instruments: z.string().max(600, 'errors.too_long'),
  split: z
    .string()
    .transform((text, ctx) => {
      const trimmed = text.trim().replace(',', '.').replace(/\s*%$/, '');
      if (trimmed === '') return null;
      if (!/^\d{1,3}(\.\d+)?$/.test(trimmed)) {
        ctx.addIssue({ code: 'custom', message: 'projects.errors.split_invalid' });
        return z.NEVER;
      }
      return Number(trimmed);
    })
    .pipe(splitPercentSchema.nullable()),
});

const FIELDS = ['personName', 'roles', 'instruments', 'split'] as const;

type Props = {
  trackId: string;
  credit?: Credit | undefined;
  /** Sum of the track's other splits, in hundredths of a percent. */
  othersHundredths: number;
  onClose: () => void;
  /** Reloads the track's credits (after a save, or after a refusal that shows they changed). */
  onSaved: () => Promise<unknown>;
};

/** Add or edit one credit; a split that would take the track past 100 % is refused here and by the database. */
export function CreditDialog({ trackId, credit, othersHundredths, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const create = useMutation(trpc.credits.create.mutationOptions());
  const update = useMutation(trpc.credits.update.mutationOptions());
  const [client, setClient] = useState<PickedClient>(credit?.clientId ? { id: credit.clientId, name: credit.clientName ?? '' } : null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(formSchema),
    defaultValues: {
      personName: credit?.personName ?? '',
      roles: credit?.roles ?? [],
      instruments: credit?.instruments.join(', ') ?? '',
      split: credit?.splitPercent != null ? String(credit.splitPercent) : '',
    },
  });
  const { errors } = form.formState;
  const roles = form.watch('roles');
  const remaining = Math.max(0, 10_000 - othersHundredths);

  const submit = form.handleSubmit(async ({ split, instruments, ...fields }) => {
    setFormError(null);
    if (split !== null && othersHundredths + Math.round(split * 100) > 10_000) {
      form.setError('split', { type: 'total', message: 'projects.errors.split_over_remaining' });
      return;
    }
    const input = {
      ...fields,
      clientId: client?.id ?? null,
      instruments: instruments
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
      splitPercent: split,
    };
    try {
      if (credit) await update.mutateAsync({ ...input, id: credit.id });
      else await create.mutateAsync({ ...input, trackId });
      await onSaved();
      onClose();
    } catch (error) {
      // Someone else's credit may have used the share meanwhile: the database refused, say so under the field.
      // The list behind is refreshed too, so the total and what is left to share are current again.
      if (errorReason(error) === 'splits_over_100') {
        setFormError(projectErrorMessage(t, error));
        await onSaved();
        return;
      }
      const message = applyApiError(t, error, { setError: form.setError, fields: FIELDS, rename: { splitPercent: 'split' } });
      if (message !== null) setFormError(projectErrorMessage(t, error));
    }
  });

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[90dvh] max-w-lg overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{credit ? t('projects.credits.editTitle', { name: credit.personName }) : t('projects.credits.addTitle')}</DialogTitle>
          <DialogDescription>{t('projects.credits.dialogDescription')}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(event) => void submit(event)} noValidate>
          <TextField label={t('projects.credits.fields.person')} registration={form.register('personName')} error={errors.personName?.message} autoFocus />
          <ClientCombobox label={t('projects.fields.client')} value={client} onChange={setClient} />
          <CheckboxList
            legend={t('projects.credits.fields.roles')}
            items={CREDIT_ROLES.map((role) => ({ id: role, label: t(`projects.credits.roles.${role}`) }))}
            value={roles}
            onChange={(ids) => form.setValue('roles', ids as typeof roles, { shouldValidate: form.formState.isSubmitted })}
            empty=""
            error={errors.roles?.message}
          />
          <TextField
            label={t('projects.credits.fields.instruments')}
            registration={form.register('instruments')}
            error={errors.instruments?.message}
            description={t('projects.credits.instrumentsHint')}
          />
          <TextField
            label={t('projects.credits.fields.split')}
            inputMode="decimal"
            registration={form.register('split')}
            error={errors.split?.message}
            description={t('projects.credits.remaining', { remaining: formatPercent(remaining, i18n.language) })}
          />
          <FormError message={formError} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              {credit ? t('common.save') : t('projects.credits.add')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
