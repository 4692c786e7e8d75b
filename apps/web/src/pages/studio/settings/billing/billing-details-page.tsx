import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage, applyApiError } from '@/lib/trpc/errors.ts';
import type { BillingDetails } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { BILLING_FIELD_RENAME, BILLING_FORM_FIELDS, billingFormValues, toBillingInput, useBillingForm } from './billing-form.ts';
import { AddressSection, BankSection, IdentitySection, NumberingSection, TermsSection } from './billing-sections.tsx';

/** Settings → Billing details: what the studio's quotes, invoices and credit notes print. Owners and managers only. */
export function BillingDetailsPage() {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const allowed = can('money:manage');
  const details = useQuery({ ...trpc.money.billingDetails.get.queryOptions(), enabled: allowed });

  return (
    <>
      <PageHeader title={t('moneySettings.billing.title')} description={t('moneySettings.billing.description')} />
      {!allowed ? (
        <Alert>
          <AlertDescription>{t('moneySettings.billing.notAllowed')}</AlertDescription>
        </Alert>
      ) : details.isPending ? (
        <div className="grid gap-4" role="status" aria-label={t('common.loading')}>
          {[0, 1, 2].map((row) => (
            <Skeleton key={row} className="h-40 w-full" />
          ))}
        </div>
      ) : details.isError ? (
        <FormError message={apiErrorMessage(t, details.error)} />
      ) : (
        <BillingDetailsForm details={details.data} />
      )}
    </>
  );
}

function BillingDetailsForm({ details }: { details: BillingDetails }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useBillingForm(details, studio.currency);
  const save = useMutation(trpc.money.billingDetails.update.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await save.mutateAsync(toBillingInput(values));
      form.reset(billingFormValues(saved, studio.currency, i18n.language));
      queryClient.setQueryData(trpc.money.billingDetails.get.queryKey(), saved);
      // Name, address and VAT number are also the studio profile's.
      await queryClient.invalidateQueries({ queryKey: trpc.studio.get.queryKey() });
      toast(t('moneySettings.billing.saved'));
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: BILLING_FORM_FIELDS, rename: BILLING_FIELD_RENAME }));
    }
  });
  const invalid = Object.keys(form.formState.errors).length > 0;

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6" aria-label={t('moneySettings.billing.title')}>
      <FormError message={formError ?? (invalid && form.formState.isSubmitted ? t('moneySettings.billing.fixErrors') : null)} />
      <IdentitySection form={form} currency={studio.currency} />
      <AddressSection form={form} />
      <BankSection form={form} />
      <TermsSection form={form} statutoryText={details.statutoryLatePaymentText} />
      <NumberingSection form={form} />
      <div className="sticky bottom-0 -mx-1 flex justify-end bg-background/90 px-1 py-3 backdrop-blur">
        <Button type="submit" loading={form.formState.isSubmitting} disabled={!form.formState.isDirty}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
