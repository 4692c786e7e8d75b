import { useTranslation } from 'react-i18next';
import { Input, inputClassName, Textarea } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import type { DiscountKind } from './editor-model.ts';
import type { EditorInitial } from './editor-state.ts';

/** The whole-document fields: discount, deposit asked and validity (quotes), date of the work, notes printed on the document. */
export function DocumentFields({
  state,
  onChange,
  discountInvalid,
  depositInvalid,
}: {
  state: EditorInitial;
  onChange: (patch: Partial<EditorInitial>) => void;
  discountInvalid: boolean;
  depositInvalid: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section className="grid gap-3 sm:grid-cols-2" aria-label={t('money.editor.details')}>
      <div className="flex items-end gap-2">
        <div className="grid flex-1 gap-1">
          <Label htmlFor="doc-discount-kind">{t('money.editor.documentDiscount')}</Label>
          <select
            id="doc-discount-kind"
            className={inputClassName}
            value={state.discountKind}
            onChange={(event) => onChange({ discountKind: event.target.value as DiscountKind })}
          >
            <option value="none">{t('money.editor.discountNone')}</option>
            <option value="percent">{t('money.editor.discountPercent')}</option>
            <option value="amount">{t('money.editor.discountAmount')}</option>
          </select>
        </div>
        {state.discountKind === 'none' ? null : (
          <div className="grid w-28 gap-1">
            <Label htmlFor="doc-discount">{t('money.editor.documentDiscountValue')}</Label>
            <Input
              id="doc-discount"
              inputMode="decimal"
              value={state.discountText}
              aria-invalid={discountInvalid}
              onChange={(event) => onChange({ discountText: event.target.value })}
            />
          </div>
        )}
      </div>
      {state.kind === 'quote' ? (
        <div className="flex items-end gap-2">
          <div className="grid flex-1 gap-1">
            <Label htmlFor="doc-deposit-kind">{t('money.editor.depositAsked')}</Label>
            <select
              id="doc-deposit-kind"
              className={inputClassName}
              value={state.depositKind}
              onChange={(event) => onChange({ depositKind: event.target.value as DiscountKind })}
            >
              <option value="none">{t('money.editor.depositNone')}</option>
              <option value="percent">{t('money.editor.discountPercent')}</option>
              <option value="amount">{t('money.editor.depositAmount')}</option>
            </select>
          </div>
          {state.depositKind === 'none' ? null : (
            <div className="grid w-28 gap-1">
              <Label htmlFor="doc-deposit">{t('money.editor.depositValue')}</Label>
              <Input
                id="doc-deposit"
                inputMode="decimal"
                value={state.depositText}
                aria-invalid={depositInvalid}
                onChange={(event) => onChange({ depositText: event.target.value })}
              />
            </div>
          )}
        </div>
      ) : null}
      {state.kind === 'quote' ? (
        <div className="grid gap-1">
          <Label htmlFor="doc-valid-until">{t('money.editor.validUntil')}</Label>
          <Input id="doc-valid-until" type="date" value={state.validUntil} onChange={(event) => onChange({ validUntil: event.target.value })} />
        </div>
      ) : null}
      <div className="grid gap-1">
        <Label htmlFor="doc-service-date">{t('money.editor.serviceDate')}</Label>
        <Input id="doc-service-date" type="date" value={state.serviceDate} onChange={(event) => onChange({ serviceDate: event.target.value })} />
      </div>
      <div className="grid gap-1 sm:col-span-2">
        <Label htmlFor="doc-notes">{t('money.editor.notes')}</Label>
        <Textarea id="doc-notes" value={state.notes} onChange={(event) => onChange({ notes: event.target.value })} />
      </div>
    </section>
  );
}
