import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Undo2 } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Button } from '@/components/ui/button.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { RefundPaymentDialog } from '../money/issued/refund-payment-dialog.tsx';
import { useCurrentStudio } from '../studio-context.ts';

/**
 * A cancelled booking whose deposit was paid online: "Refund … by card" for what the cancellation tiers made
 * refundable, less what was already refunded of that payment — the money goes back through Stripe and the
 * deposit invoice gets its credit note, as from the invoice itself. Owners and managers (money:manage).
 */
export function RefundDeposit({ depositInvoiceId, refundableCents, currency }: { depositInvoiceId: string; refundableCents: number; currency: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const { can } = useCurrentStudio();
  const [open, setOpen] = useState(false);
  const allowed = can('money:manage') && refundableCents > 0;
  const invoice = useQuery({ ...trpc.money.documents.get.queryOptions({ id: depositInvoiceId }), enabled: allowed });
  const payment = invoice.data?.payments.find((p) => p.method === 'online' && !p.removedAt);
  if (!allowed || !payment) return null;
  const toRefund = Math.min(refundableCents - payment.refundedCents, payment.amountCents - payment.refundedCents);
  if (toRefund <= 0) return null;
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)}>
        <Undo2 aria-hidden="true" />
        {t('cancellation.staff.refundByCard', { amount: formatMinor(toRefund, currency, i18n.language) })}
      </Button>
      {open ? <RefundPaymentDialog payment={payment} suggestedCents={toRefund} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
