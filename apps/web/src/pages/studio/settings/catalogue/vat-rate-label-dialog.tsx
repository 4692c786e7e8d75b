import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { vatRateLabelInput } from '@rsm/shared/money-schemas';
import { FormError } from '@/components/form/form-error.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import type { VatRate } from '@/lib/trpc/types.ts';
import { rateName } from './rate-name.ts';

const labelSchema = vatRateLabelInput.pick({ label: true });

/** The label is the one thing of a rate that can change (its percentage never does). */
export function VatRateLabelDialog({ rate, onClose }: { rate: VatRate; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(labelSchema), defaultValues: { label: rate.label } });
  const rename = useMutation(trpc.money.vatRates.rename.mutationOptions());

  const onSubmit = form.handleSubmit(async ({ label }) => {
    setFormError(null);
    try {
      await rename.mutateAsync({ id: rate.id, label });
      toast(t('moneySettings.vat.renamed'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.money.vatRates.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.money.catalogue.pathKey() }),
      ]);
      onClose();
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['label'] }));
    }
  });

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('moneySettings.vat.renameTitle', { name: rateName(t, { ...rate, label: '' }, i18n.language) })}</DialogTitle>
          <DialogDescription>{t('moneySettings.vat.labelHint')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={formError} />
          <TextField label={t('moneySettings.vat.label')} registration={form.register('label')} error={form.formState.errors.label?.message} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              {t('common.save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
