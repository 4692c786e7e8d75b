import { useQuery } from '@tanstack/react-query';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';

/**
 * Whether clients can be asked to pay online: the server has Stripe set up, the studio is connected and Stripe
 * accepts charges. Any screen with a "pay online" control shows it only when `acceptsOnlinePayment` is true.
 */
export function usePaymentsStatus() {
  const trpc = useStudioTRPC();
  return useQuery(trpc.payments.status.queryOptions());
}

export function useAcceptsOnlinePayment(): boolean {
  return usePaymentsStatus().data?.acceptsOnlinePayment ?? false;
}
