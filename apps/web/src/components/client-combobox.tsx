import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { X } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';

export type PickedClient = { id: string; name: string } | null;

/**
 * A form field holding one client (or none): type part of a name, e-mail or phone (accents and case ignored,
 * the clients module's search) and pick. Used by the calendar, projects and credits. `compact`: a filter
 * without a visible label.
 */
export function ClientCombobox({
  value,
  onChange,
  label,
  placeholder,
  compact = false,
}: {
  value: PickedClient;
  onChange: (client: PickedClient) => void;
  label: string;
  placeholder?: string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const id = useId();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const debounced = useDebouncedValue(search, 200);
  // The clients module's search (accents, case, partial words in name, e-mail, phone): one client search in the product.
  const options = useQuery({ ...trpc.clients.pick.queryOptions({ q: debounced.trim(), limit: 20 }), enabled: open });

  if (value) {
    return (
      <div className={compact ? 'grid' : 'grid gap-2'}>
        <Label className={compact ? 'sr-only' : undefined}>{label}</Label>
        <div className="flex h-9 items-center justify-between rounded-md border px-3 text-sm">
          <span className="truncate" data-testid="picked-client">
            {value.name}
          </span>
          <Button
            type="button"
            variant="ghost"
            size="icon"
            className="size-7"
            onClick={() => onChange(null)}
            aria-label={t('clients.field.clear', { name: value.name })}
          >
            <X aria-hidden="true" />
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className={compact ? 'relative grid' : 'relative grid gap-2'}>
      <Label htmlFor={id} className={compact ? 'sr-only' : undefined}>
        {label}
      </Label>
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        autoComplete="off"
        placeholder={placeholder ?? t('clients.field.search')}
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
      />
      {open ? (
        <ul id={`${id}-list`} role="listbox" className="absolute top-full z-50 mt-1 max-h-56 w-full overflow-y-auto rounded-md border bg-popover p-1 shadow-md">
          {options.data?.length === 0 ? <li className="px-2 py-1.5 text-sm text-muted-foreground">{t('clients.field.none')}</li> : null}
          {options.data?.map((client) => (
            <li
              key={client.id}
              role="option"
              aria-selected={false}
              tabIndex={-1}
              className="cursor-pointer rounded-sm px-2 py-1.5 text-sm hover:bg-accent"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                onChange(client);
                setSearch('');
                setOpen(false);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') onChange(client);
              }}
            >
              {client.name}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
