import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { formatIban } from '@rsm/shared/bank-details';
import { billingDetailsFields, prefixesDistinct, prefixesDistinctIssue, type BillingDetailsInput } from '@rsm/shared/money-schemas';
import { integerTextSchema, minorToAmountText, optionalAmountTextSchema } from '@/lib/forms.ts';
import type { BillingDetails } from '@/lib/trpc/types.ts';

/** "7, 21, 45" → [7, 21, 45]: the reminder days typed as a list; the shared schema checks the values. */
const reminderDaysText = z.string().transform((text, ctx) => {
  const days = text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
  const checked = billingDetailsFields.shape.reminderDays.safeParse(days);
  if (!checked.success || days.some((d) => !Number.isInteger(d))) {
    ctx.addIssue({ code: 'custom', message: 'errors.reminder_days_invalid' });
    return z.NEVER;
  }
  return checked.data ?? [];
});

/** The shared billing rules, with the share capital, payment terms and reminder days typed as text. */
function billingFormSchema(currency: string) {
  return billingDetailsFields
    .omit({ shareCapitalCents: true, paymentTermsDays: true, reminderDays: true })
    .extend({
      shareCapital: optionalAmountTextSchema(currency),
      paymentTermsDays: integerTextSchema(billingDetailsFields.shape.paymentTermsDays, 'errors.payment_terms_invalid'),
      reminderDays: reminderDaysText,
    })
    .refine(prefixesDistinct, prefixesDistinctIssue);
}

/** What the form shows for saved details: the IBAN grouped by four, amounts and days as text. */
export function billingFormValues(details: BillingDetails, currency: string, locale: string) {
  const { shareCapitalCents, paymentTermsDays, reminderDays, iban, statutoryLatePaymentText: _statutory, ...rest } = details;
  return {
    ...rest,
    iban: formatIban(iban),
    shareCapital: shareCapitalCents === null ? '' : minorToAmountText(shareCapitalCents, currency, locale),
    paymentTermsDays: String(paymentTermsDays),
    reminderDays: reminderDays.join(', '),
  };
}

export function useBillingForm(details: BillingDetails, currency: string) {
  const { i18n } = useTranslation();
  return useForm({ resolver: zodResolver(billingFormSchema(currency)), defaultValues: billingFormValues(details, currency, i18n.language) });
}

export type BillingForm = ReturnType<typeof useBillingForm>;
type BillingFormOutput = Parameters<Parameters<BillingForm['handleSubmit']>[0]>[0];

export function toBillingInput({ shareCapital, ...rest }: BillingFormOutput): BillingDetailsInput {
  return { ...rest, shareCapitalCents: shareCapital };
}

export const BILLING_FORM_FIELDS = [
  'legalName',
  'legalForm',
  'registrationNumber',
  'vatNumber',
  'shareCapital',
  'addressLine1',
  'addressLine2',
  'postalCode',
  'city',
  'country',
  'iban',
  'bic',
  'paymentTermsDays',
  'reminderDays',
  'latePaymentText',
  'invoicePrefix',
  'creditNotePrefix',
  'quotePrefix',
] as const;
export const BILLING_FIELD_RENAME = { shareCapitalCents: 'shareCapital' } as const;
