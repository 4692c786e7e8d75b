/**
 * On a cancelled session whose deposit was received: move that deposit to another upcoming session of the
 * same client (the rebooked date) instead of refunding it. The server checks the rules (same client, same
 * currency, once only, target without a deposit of its own) under row locks.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatMinor } from '@rsm/shared/money';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { formatDateTime } from '@/lib/format.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { CalendarSession } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../studio-context.ts';

export function MoveDeposit({ session }: { session: CalendarSession }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { studio } = useCurrentStudio();
  const recorded = useQuery(trpc.cancellations.preview.queryOptions({ id: session.id }));
  const movable = Boolean(session.clientId && session.depositReceivedAt && recorded.data?.recorded && recorded.data.basis !== 'moved');
  const upcoming = useQuery({
    ...trpc.clients.sessions.queryOptions({ clientId: session.clientId ?? '', when: 'upcoming', pageSize: 20 }),
    enabled: movable,
  });
  const move = useMutation(
    trpc.cancellations.rebookDeposit.mutationOptions({
      onSuccess: async () => {
        toast(t('cancellation.move.done'));
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.cancellations.preview.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.clients.sessions.pathKey() }),
        ]);
      },
    }),
  );
  if (!movable) return null;
  const targets = (upcoming.data?.items ?? []).filter((s) => s.id !== session.id && s.status !== 'cancelled');
  return (
    <section className="grid gap-2" aria-labelledby="move-deposit-title" data-testid="move-deposit">
      <h3 id="move-deposit-title" className="text-sm font-medium">
        {t('cancellation.move.title', { amount: formatMinor(session.depositCents, session.currency, i18n.language) })}
      </h3>
      <p className="text-xs text-muted-foreground">{t('cancellation.move.description')}</p>
      {move.error ? <FormError message={apiErrorMessage(t, move.error)} /> : null}
      {upcoming.isFetched && targets.length === 0 ? <p className="text-sm text-muted-foreground">{t('cancellation.move.none')}</p> : null}
      <ul className="grid gap-1">
        {targets.map((target) => (
          <li key={target.id} className="flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm">
            <span className="min-w-0 truncate">
              {target.title} · {formatDateTime(target.startsAt, i18n.language, studio.timeZone)} · {target.roomName}
            </span>
            <Button size="sm" variant="outline" disabled={move.isPending} onClick={() => move.mutate({ fromSessionId: session.id, toSessionId: target.id })}>
              {t('cancellation.move.here')}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
