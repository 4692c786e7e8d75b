import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { parseAmountToMinor } from '@rsm/shared/money';
import { maxPaymentCents } from '@rsm/shared/money-balance';
import { MANUAL_PAYMENT_METHODS } from '@rsm/shared/money-documents-schemas';
import { FormDialog } from '@/components/form-dialog.tsx';
import { Input, inputClassName } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { minorToAmountText } from '@/lib/forms.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { MoneyDocument } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { studioToday, useMoneyFormat } from '../money-format.ts';

type Method = (typeof MANUAL_PAYMENT_METHODS)[number];

/** A payment received by hand: all or part of the balance (the amount starts at it); more is refused. */
export function RecordPaymentDialog({ doc, onClose }: { doc: MoneyDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { studio } = useCurrentStudio();
  const format = useMoneyFormat();
  const max = maxPaymentCents(doc);
  const [method, setMethod] = useState<Method>('transfer');
  const [amount, setAmount] = useState(minorToAmountText(max, format.currency, format.locale));
  const [receivedOn, setReceivedOn] = useState(studioToday(studio.timeZone));
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);
  const record = useMutation(
    trpc.money.payments.record.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.money.documents.pathKey() });
        toast(t('money.payment.recorded', { status: t(`money.status.${result.status}`) }));
        onClose();
      },
      onError: (failure) => setError(apiErrorMessage(t, failure)),
    }),
  );
  const submit = () => {
    setError(null);
    const cents = parseAmountToMinor(amount, format.currency);
    if (cents === null || cents <= 0) return setError(t('errors.amount_invalid'));
    if (cents > max) return setError(t('money.payment.tooMuch', { amount: format.amount(max) }));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn)) return setError(t('errors.date_invalid'));
    record.mutate({ documentId: doc.id, method, amountCents: cents, receivedOn, reference });
  };
  return (
    <FormDialog
      formId="record-payment"
      formLabel={t('money.payment.title', { number: doc.number })}
      title={t('money.payment.title', { number: doc.number })}
      description={t('money.payment.description', { amount: format.amount(max) })}
      submitLabel={t('money.payment.submit')}
      pending={record.isPending}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <div className="grid gap-1">
        <Label htmlFor="payment-method">{t('money.payment.method')}</Label>
        <select id="payment-method" className={inputClassName} value={method} onChange={(event) => setMethod(event.target.value as Method)}>
          {MANUAL_PAYMENT_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`money.method.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="payment-amount">{t('money.payment.amount', { currency: format.currency })}</Label>
        <Input id="payment-amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="payment-date">{t('money.payment.date')}</Label>
        <Input id="payment-date" type="date" value={receivedOn} onChange={(event) => setReceivedOn(event.target.value)} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="payment-reference">{t('money.payment.reference')}</Label>
        <Input id="payment-reference" value={reference} maxLength={200} onChange={(event) => setReference(event.target.value)} />
      </div>
    </FormDialog>
  );
}
