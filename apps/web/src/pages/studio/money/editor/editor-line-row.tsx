import { useTranslation } from 'react-i18next';
import { Trash2 } from 'lucide-react';
import { LINE_UNITS } from '@rsm/shared/money-documents-schemas';
import { Button } from '@/components/ui/button.tsx';
import { Input, inputClassName, Textarea } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import type { VatRate } from '@/lib/trpc/types.ts';
import { rateName } from '../../settings/catalogue/rate-name.ts';
import type { DiscountKind, EditorLine, LineUnit } from './editor-model.ts';

/**
 * One line of the editor. A free line is typed in full; a catalogue line takes its item's price, unit and rate
 * (quantity, wording and discount may change); a session line is the session as booked (only a discount).
 */
export function EditorLineRow({
  line,
  index,
  rates,
  problems,
  netText,
  onChange,
  onRemove,
}: {
  line: EditorLine;
  index: number;
  rates: VatRate[];
  problems: string[];
  netText: string;
  onChange: (patch: Partial<EditorLine>) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = (field: string) => `line-${line.key}-${field}`;
  const free = line.source === 'free';
  const invalid = (field: string) => problems.includes(field);
  const number = index + 1;
  return (
    <li className="grid gap-3 rounded-lg border p-3" aria-label={t('money.editor.lineLabel', { number })} data-testid="editor-line">
      <div className="flex items-start justify-between gap-2">
        <p className="text-xs font-medium text-muted-foreground uppercase">{t(`money.editor.source.${line.source}`)}</p>
        <Button type="button" variant="ghost" size="icon" className="size-7" onClick={onRemove} aria-label={t('money.editor.removeLine', { number })}>
          <Trash2 aria-hidden="true" />
        </Button>
      </div>
      <div className="grid gap-1">
        <Label htmlFor={id('description')}>{t('money.editor.description')}</Label>
        {line.source === 'session' ? (
          <p id={id('description')} className="text-sm whitespace-pre-line">
            {line.description}
          </p>
        ) : (
          <Textarea
            id={id('description')}
            rows={2}
            className="min-h-10"
            value={line.description}
            aria-invalid={invalid('description')}
            onChange={(event) => onChange({ description: event.target.value })}
          />
        )}
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {line.source === 'session' ? null : (
          <div className="grid gap-1">
            <Label htmlFor={id('quantity')}>{t('money.editor.quantity')}</Label>
            <Input
              id={id('quantity')}
              inputMode="decimal"
              value={line.quantityText}
              aria-invalid={invalid('quantity')}
              onChange={(event) => onChange({ quantityText: event.target.value })}
            />
          </div>
        )}
        <div className="grid gap-1">
          <Label htmlFor={id('unit')}>{t('money.editor.unit')}</Label>
          <select
            id={id('unit')}
            className={inputClassName}
            value={line.unit}
            disabled={!free}
            onChange={(event) => onChange({ unit: event.target.value as LineUnit })}
          >
            {LINE_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {t(`money.unit.${unit}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={id('price')}>{t('money.editor.unitPrice')}</Label>
          <Input
            id={id('price')}
            inputMode="decimal"
            value={line.unitPriceText}
            readOnly={!free}
            aria-invalid={invalid('price')}
            onChange={(event) => onChange({ unitPriceText: event.target.value })}
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={id('rate')}>{t('money.editor.vatRate')}</Label>
          <select
            id={id('rate')}
            className={inputClassName}
            value={line.vatRateId}
            disabled={!free}
            aria-invalid={invalid('rate')}
            onChange={(event) => onChange({ vatRateId: event.target.value })}
          >
            {rates
              .filter((rate) => !rate.archivedAt || rate.id === line.vatRateId)
              .map((rate) => (
                <option key={rate.id} value={rate.id}>
                  {rateName(t, rate, i18n.language)}
                </option>
              ))}
          </select>
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1">
          <Label htmlFor={id('discount-kind')}>{t('money.editor.lineDiscount')}</Label>
          <select
            id={id('discount-kind')}
            className={inputClassName}
            value={line.discountKind}
            onChange={(event) => onChange({ discountKind: event.target.value as DiscountKind })}
          >
            <option value="none">{t('money.editor.discountNone')}</option>
            <option value="percent">{t('money.editor.discountPercent')}</option>
            <option value="amount">{t('money.editor.discountAmount')}</option>
          </select>
        </div>
        {line.discountKind === 'none' ? null : (
          <div className="grid w-28 gap-1">
            <Label htmlFor={id('discount')}>{t('money.editor.discountValue')}</Label>
            <Input
              id={id('discount')}
              inputMode="decimal"
              value={line.discountText}
              aria-invalid={invalid('discount')}
              onChange={(event) => onChange({ discountText: event.target.value })}
            />
          </div>
        )}
        <p className="ml-auto text-right text-sm">
          <span className="text-muted-foreground">{t('money.editor.lineNet')} </span>
          <span className="font-medium tabular-nums" data-testid="line-net">
            {netText}
          </span>
        </p>
      </div>
      {problems.length ? (
        <p className="text-sm text-destructive" role="alert">
          {problems.map((problem) => t(`money.editor.problems.${problem}`)).join(' ')}
        </p>
      ) : null}
    </li>
  );
}
