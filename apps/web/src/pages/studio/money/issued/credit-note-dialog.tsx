import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatPercent } from '@rsm/shared/exact-decimal';
import { parseAmountToMinor } from '@rsm/shared/money';
import { maxCreditCents } from '@rsm/shared/money-balance';
import type { LineInput } from '@rsm/shared/money-documents-schemas';
import { FormDialog } from '@/components/form-dialog.tsx';
import { Input, inputClassName } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { MoneyDocument } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { useMoneyFormat } from '../money-format.ts';

type Mode = 'all' | 'lines' | 'amount';

/**
 * A credit note on an issued invoice: all of what is due, chosen lines (each at its net as invoiced), or an
 * amount at one of the invoice's rates. It is issued at once (numbered and frozen), as the dialog says.
 */
export function CreditNoteDialog({ doc, onClose }: { doc: MoneyDocument; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const { pathTo } = useCurrentStudio();
  const format = useMoneyFormat();
  const [mode, setMode] = useState<Mode>('all');
  const [reason, setReason] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [amount, setAmount] = useState('');
  const rates = [...new Map(doc.lines.map((l) => [l.vatRateId, l.vatBasisPoints])).entries()];
  const [rateId, setRateId] = useState(rates[0]?.[0] ?? '');
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(trpc.money.documents.createCreditNote.mutationOptions());
  const issue = useMutation(trpc.money.documents.issue.mutationOptions());

  const lines = (): LineInput[] | undefined | null => {
    if (mode === 'all') return undefined;
    if (mode === 'lines') {
      const picked = doc.lines.filter((l) => chosen.includes(l.id) && l.netCents > 0);
      if (picked.length === 0) return null;
      return picked.map((l) => ({
        source: 'free',
        description: l.description,
        quantity: 1000,
        unit: l.unit,
        unitPriceCents: l.netCents,
        vatRateId: l.vatRateId,
      }));
    }
    const cents = parseAmountToMinor(amount, format.currency);
    if (cents === null || cents <= 0) return null;
    return [{ source: 'free', description: reason.trim() || t('money.credit.title'), quantity: 1000, unit: 'item', unitPriceCents: cents, vatRateId: rateId }];
  };
  const submit = async () => {
    setError(null);
    if (reason.trim() === '') return setError(t('money.credit.reasonRequired'));
    const picked = lines();
    if (picked === null) return setError(t(mode === 'lines' ? 'money.credit.pickLines' : 'errors.amount_invalid'));
    try {
      const draft = await create.mutateAsync({ invoiceId: doc.id, reason: reason.trim(), ...(picked ? { lines: picked } : {}) });
      const issued = await issue.mutateAsync({ id: draft.id });
      await queryClient.invalidateQueries({ queryKey: trpc.money.documents.pathKey() });
      toast(t('money.credit.issued', { number: issued.number }));
      onClose();
      await navigate(pathTo(`money/documents/${draft.id}`));
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
    }
  };
  return (
    <FormDialog
      formId="credit-note"
      formLabel={t('money.credit.titleFor', { number: doc.number })}
      title={t('money.credit.titleFor', { number: doc.number })}
      description={t('money.credit.description', { amount: format.amount(maxCreditCents(doc)) })}
      submitLabel={t('money.credit.submit')}
      pending={create.isPending || issue.isPending}
      error={error}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <div className="grid gap-1">
        <Label htmlFor="credit-reason">{t('money.credit.reason')}</Label>
        <Input id="credit-reason" value={reason} maxLength={300} onChange={(event) => setReason(event.target.value)} />
      </div>
      <fieldset className="grid gap-1">
        <legend className="mb-1 text-sm font-medium">{t('money.credit.what')}</legend>
        {(['all', 'lines', 'amount'] as const).map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm">
            <input type="radio" name="credit-mode" value={option} checked={mode === option} onChange={() => setMode(option)} />
            {t(`money.credit.mode.${option}`)}
          </label>
        ))}
      </fieldset>
      {mode === 'lines' ? (
        <ul className="grid gap-1">
          {doc.lines.map((line) => (
            <li key={line.id}>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-1"
                  checked={chosen.includes(line.id)}
                  onChange={(event) => setChosen(event.target.checked ? [...chosen, line.id] : chosen.filter((id) => id !== line.id))}
                />
                <span className="min-w-0 flex-1 truncate">{line.description.split('\n')[0]}</span>
                <span className="tabular-nums">{format.amount(line.netCents)}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {mode === 'amount' ? (
        <div className="grid grid-cols-2 gap-3">
          <div className="grid gap-1">
            <Label htmlFor="credit-amount">{t('money.credit.amount', { currency: format.currency })}</Label>
            <Input id="credit-amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="credit-rate">{t('money.editor.vatRate')}</Label>
            <select id="credit-rate" className={inputClassName} value={rateId} onChange={(event) => setRateId(event.target.value)}>
              {rates.map(([id, basisPoints]) => (
                <option key={id} value={id}>
                  {formatPercent(basisPoints, i18n.language)} %
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
    </FormDialog>
  );
}
