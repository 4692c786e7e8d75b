import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { parsePercent } from '@rsm/shared/exact-decimal';
import { basisPointsSchema, rateMatchesCategory, rateMatchesCategoryIssue, VAT_CATEGORIES, vatRateFields } from '@rsm/shared/money-schemas';
import { FormError } from '@/components/form/form-error.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';

/** A percentage typed as "5,5" or "5.5", held exactly in basis points (never a float). */
const percentText = z
  .string()
  .transform((text, ctx) => {
    const basisPoints = parsePercent(text);
    if (basisPoints === null) {
      ctx.addIssue({ code: 'custom', message: 'errors.rate_invalid' });
      return z.NEVER;
    }
    return basisPoints;
  })
  .pipe(basisPointsSchema);

const rateFormSchema = vatRateFields
  .omit({ basisPoints: true })
  .extend({ rate: percentText })
  .refine((v) => rateMatchesCategory({ category: v.category, basisPoints: v.rate }), { ...rateMatchesCategoryIssue, path: ['rate'] });

export function VatRateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(rateFormSchema), defaultValues: { label: '', rate: '', category: 'S' as const } });
  const create = useMutation(trpc.money.vatRates.create.mutationOptions());
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ rate, ...rest }) => {
    setFormError(null);
    try {
      await create.mutateAsync({ ...rest, basisPoints: rate });
      toast(t('moneySettings.vat.created'));
      await queryClient.invalidateQueries({ queryKey: trpc.money.vatRates.pathKey() });
      onClose();
    } catch (error) {
      setFormError(
        applyApiError(t, error, {
          setError: form.setError,
          fields: ['label', 'rate', 'category'],
          rename: { basisPoints: 'rate' },
          codeFields: { VAT_RATE_EXISTS: 'rate' },
        }),
      );
    }
  });

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('moneySettings.vat.createTitle')}</DialogTitle>
          <DialogDescription>{t('moneySettings.vat.dialogDescription')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={formError} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t('moneySettings.vat.rate')}
              inputMode="decimal"
              placeholder="8,5"
              registration={form.register('rate')}
              error={errors.rate?.message}
            />
            <SelectField
              control={form.control}
              name="category"
              label={t('moneySettings.vat.category')}
              options={VAT_CATEGORIES.map((c) => ({ value: c, label: t(`moneySettings.categories.${c}`) }))}
            />
          </div>
          <TextField
            label={t('moneySettings.vat.label')}
            description={t('moneySettings.vat.labelHint')}
            registration={form.register('label')}
            error={errors.label?.message}
          />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              {t('moneySettings.vat.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
