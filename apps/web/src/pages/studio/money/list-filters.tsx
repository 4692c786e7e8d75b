import { useTranslation } from 'react-i18next';
import { ClientCombobox, type PickedClient } from '@/components/client-combobox.tsx';
import { Input, inputClassName } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';

export interface ListFilterValues {
  q: string;
  /** '' = any. */
  option: string;
  client: PickedClient;
  from: string;
  to: string;
}

export const NO_FILTERS: ListFilterValues = { q: '', option: '', client: null, from: '', to: '' };

/** Search, one choice (status or method), client and period: the filters every money list has. */
export function ListFilters({
  values,
  onChange,
  optionLabel,
  options,
  searchLabel,
}: {
  values: ListFilterValues;
  onChange: (values: ListFilterValues) => void;
  optionLabel: string;
  options: { value: string; label: string }[];
  searchLabel: string;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<ListFilterValues>) => onChange({ ...values, ...patch });
  return (
    <div className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5" role="search">
      <div className="grid gap-1">
        <Label htmlFor="money-search">{searchLabel}</Label>
        <Input id="money-search" type="search" value={values.q} onChange={(event) => set({ q: event.target.value })} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="money-option">{optionLabel}</Label>
        <select id="money-option" className={inputClassName} value={values.option} onChange={(event) => set({ option: event.target.value })}>
          <option value="">{t('money.filters.any')}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1">
        <ClientCombobox value={values.client} onChange={(client) => set({ client })} label={t('money.filters.client')} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="money-from">{t('money.filters.from')}</Label>
        <Input id="money-from" type="date" value={values.from} onChange={(event) => set({ from: event.target.value })} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="money-to">{t('money.filters.to')}</Label>
        <Input id="money-to" type="date" value={values.to} onChange={(event) => set({ to: event.target.value })} />
      </div>
    </div>
  );
}
