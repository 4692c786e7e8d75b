import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { FormDialog } from '@/components/form-dialog.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { MoneyDocument } from '@/lib/trpc/types.ts';
import { useMoneyFormat } from '../money-format.ts';
import { RefundPaymentDialog } from './refund-payment-dialog.tsx';

type Payment = MoneyDocument['payments'][number];

/**
 * The payments on an invoice; one entered by mistake is removed with a reason and stays listed, struck through; a
 * card payment is refunded instead (through Stripe, as a credit note).
 */
export function PaymentsCard({ doc }: { doc: MoneyDocument }) {
  const { t } = useTranslation();
  const format = useMoneyFormat();
  const [removing, setRemoving] = useState<Payment | null>(null);
  const [refunding, setRefunding] = useState<Payment | null>(null);
  return (
    <Card className="px-4 py-3 text-sm">
      <h2 className="mb-2 font-medium">{t('money.view.payments')}</h2>
      {doc.payments.length === 0 ? <p className="text-muted-foreground">{t('money.view.noPayments')}</p> : null}
      <ul className="grid gap-2" data-testid="document-payments">
        {doc.payments.map((payment) => (
          <li key={payment.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>{format.day(payment.receivedOn)}</span>
            <span className="text-muted-foreground">{t(`money.method.${payment.method}`)}</span>
            {payment.reference ? <span className="min-w-0 truncate text-muted-foreground">{payment.reference}</span> : null}
            {payment.removedAt ? (
              <Badge variant="outline" title={payment.removedReason ?? ''}>
                {t('money.payments.removedBadge')}
              </Badge>
            ) : null}
            <span className={payment.removedAt ? 'ml-auto tabular-nums line-through' : 'ml-auto font-medium tabular-nums'}>
              {format.amount(payment.amountCents)}
            </span>
            {payment.refundedCents ? (
              <span className="text-muted-foreground tabular-nums" data-testid="payment-refunded">
                {t('money.refund.refunded', { amount: format.amount(payment.refundedCents) })}
              </span>
            ) : null}
            {payment.method === 'online' && !payment.removedAt && payment.refundedCents < payment.amountCents ? (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setRefunding(payment)}
                aria-label={t('money.refund.named', { amount: format.amount(payment.amountCents) })}
              >
                {t('money.refund.action')}
              </Button>
            ) : null}
            {payment.removedAt || payment.method === 'online' ? null : (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setRemoving(payment)}
                aria-label={t('money.view.removePaymentNamed', { amount: format.amount(payment.amountCents) })}
              >
                {t('money.view.removePayment')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {removing ? <RemovePaymentDialog payment={removing} onClose={() => setRemoving(null)} /> : null}
      {refunding ? <RefundPaymentDialog payment={refunding} onClose={() => setRefunding(null)} /> : null}
    </Card>
  );
}

function RemovePaymentDialog({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const format = useMoneyFormat();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation(
    trpc.money.payments.remove.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.money.documents.pathKey() });
        toast(t('money.view.paymentRemoved'));
        onClose();
      },
      onError: (failure) => setError(apiErrorMessage(t, failure)),
    }),
  );
  return (
    <FormDialog
      formId="remove-payment"
      title={t('money.view.removeTitle', { amount: format.amount(payment.amountCents) })}
      description={t('money.view.removeDescription')}
      submitLabel={t('money.view.removePayment')}
      destructive
      pending={remove.isPending}
      error={error}
      onSubmit={() => {
        if (reason.trim().length < 3) return setError(t('money.view.reasonRequired'));
        remove.mutate({ paymentId: payment.id, reason: reason.trim() });
      }}
      onClose={onClose}
      gap="gap-2"
    >
      <Label htmlFor="remove-reason">{t('money.view.reason')}</Label>
      <Textarea id="remove-reason" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
    </FormDialog>
  );
}
