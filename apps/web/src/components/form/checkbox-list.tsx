import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { translateMessageKey } from '@/lib/trpc/errors.ts';

type CheckboxListProps = {
  legend: string;
  items: readonly { id: string; label: ReactNode }[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  empty: string;
  error?: string | undefined;
};

/** A multi-choice as native checkboxes in a fieldset: labelled, keyboard and screen-reader friendly. */
export function CheckboxList({ legend, items, value, onChange, empty, error }: CheckboxListProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">{empty}</p>
      ) : (
        <div className="grid max-h-36 gap-1.5 overflow-y-auto rounded-md border p-2 sm:grid-cols-2">
          {items.map((item) => (
            <label key={item.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-primary"
                checked={value.includes(item.id)}
                onChange={(event) => onChange(event.target.checked ? [...value, item.id] : value.filter((id) => id !== item.id))}
              />
              <span className="truncate">{item.label}</span>
            </label>
          ))}
        </div>
      )}
      {error ? <p className="text-sm text-destructive">{translateMessageKey(t, error)}</p> : null}
    </fieldset>
  );
}
