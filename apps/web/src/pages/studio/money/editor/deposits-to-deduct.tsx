import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/form/form-error.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useMoneyFormat } from '../money-format.ts';

export interface ChosenDeposit {
  id: string;
  amountCents: number;
}

/**
 * A final invoice's "Deposits to deduct": the client's issued deposit invoices that no other final invoice deducts
 * (the server checks again when the draft is saved). The chosen ones' amounts come off the amount due.
 */
export function DepositsToDeduct({
  clientId,
  draftId,
  chosen,
  onChange,
}: {
  clientId: string;
  draftId: string | null;
  chosen: ChosenDeposit[];
  onChange: (chosen: ChosenDeposit[]) => void;
}) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const format = useMoneyFormat();
  const deposits = useQuery(trpc.money.documents.deductibleDeposits.queryOptions({ clientId, ...(draftId ? { draftId } : {}) }));
  // Chosen before the list was read (a booking's deposit invoice, pre-ticked): take each one's amount from the
  // list, and drop one the list no longer offers (deducted meanwhile by another final invoice).
  useEffect(() => {
    if (!deposits.data) return;
    const offered = new Map(deposits.data.map((d) => [d.id, d.amountCents]));
    const synced = chosen.filter((c) => offered.has(c.id)).map((c) => ({ id: c.id, amountCents: offered.get(c.id)! }));
    if (synced.length !== chosen.length || synced.some((c, i) => c.amountCents !== chosen[i]!.amountCents)) onChange(synced);
  }, [deposits.data, chosen, onChange]);
  return (
    <fieldset className="grid gap-2" aria-describedby="deposits-to-deduct-help">
      <legend className="text-lg font-medium">{t('money.editor.deposits.title')}</legend>
      <p id="deposits-to-deduct-help" className="text-sm text-muted-foreground">
        {t('money.editor.deposits.help')}
      </p>
      {deposits.isError ? <FormError message={apiErrorMessage(t, deposits.error)} /> : null}
      {deposits.data?.length === 0 ? <p className="text-sm text-muted-foreground">{t('money.editor.deposits.none')}</p> : null}
      <ul className="grid gap-1">
        {(deposits.data ?? []).map((deposit) => (
          <li key={deposit.id}>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={chosen.some((c) => c.id === deposit.id)}
                onChange={(event) =>
                  onChange(event.target.checked ? [...chosen, { id: deposit.id, amountCents: deposit.amountCents }] : chosen.filter((c) => c.id !== deposit.id))
                }
              />
              <span className="min-w-0 flex-1">
                {deposit.number} · {format.day(deposit.issueDate)} · {t(`money.status.${deposit.status}`)}
              </span>
              <span className="tabular-nums">{format.amount(deposit.amountCents)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
