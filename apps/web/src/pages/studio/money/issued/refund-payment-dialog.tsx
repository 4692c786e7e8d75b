import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { parseAmountToMinor } from '@rsm/shared/money';
import { FormDialog } from '@/components/form-dialog.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { minorToAmountText } from '@/lib/forms.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { MoneyDocument } from '@/lib/trpc/types.ts';
import { useMoneyFormat } from '../money-format.ts';

type Payment = MoneyDocument['payments'][number];

/**
 * Refunds a card payment through the studio's Stripe account, whole or in part (e.g. what the cancellation tiers
 * say is refundable). The server refuses more than what is left on the payment and says how much that is; the
 * refund becomes a credit note on the invoice at once (the webhook that follows finds it made).
 */
export function RefundPaymentDialog({ payment, suggestedCents, onClose }: { payment: Payment; suggestedCents?: number; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const format = useMoneyFormat();
  // What is left to refund on the payment (earlier refunds are kept on it).
  const left = payment.amountCents - payment.refundedCents;
  // A cancelled booking's refund starts at what the cancellation tiers computed.
  const [amount, setAmount] = useState(minorToAmountText(Math.min(suggestedCents ?? left, left), format.currency, format.locale));
  const [error, setError] = useState<string | null>(null);
  const refund = useMutation(
    trpc.money.online.refund.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.money.documents.pathKey() });
        toast(t('money.refund.done', { amount: format.amount(result.refundedCents), left: format.amount(result.leftCents) }));
        onClose();
      },
      onError: (failure) => setError(apiErrorMessage(t, failure)),
    }),
  );
  const submit = () => {
    setError(null);
    const cents = parseAmountToMinor(amount, format.currency);
    if (cents === null || cents <= 0) return setError(t('errors.amount_invalid'));
    if (cents > left) return setError(t(left === payment.amountCents ? 'money.refund.tooMuch' : 'money.refund.tooMuchLeft', { amount: format.amount(left) }));
    refund.mutate({ paymentId: payment.id, amountCents: cents });
  };
  return (
    <FormDialog
      formId="refund-payment"
      title={t('money.refund.title', { amount: format.amount(payment.amountCents) })}
      description={t('money.refund.description')}
      submitLabel={t('money.refund.submit')}
      destructive
      pending={refund.isPending}
      error={error}
      onSubmit={submit}
      onClose={onClose}
      gap="gap-2"
    >
      <Label htmlFor="refund-amount">{t('money.refund.amount')}</Label>
      <Input id="refund-amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
    </FormDialog>
  );
}
