import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Building2, User } from 'lucide-react';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { RouterOutputs } from '@/lib/trpc/types.ts';

export type PickedClient = RouterOutputs['clients']['pick'][number];

/**
 * Search-as-you-type client field (clients.pick): type part of a name, e-mail or phone, accents and case
 * ignored, then choose. `exclude` hides ids (the client itself), `kind` restricts people or companies.
 */
export function ClientPicker({
  label,
  onPick,
  exclude = [],
  kind,
}: {
  label: string;
  onPick: (client: PickedClient) => void;
  exclude?: string[];
  kind?: 'person' | 'company';
}) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const id = useId();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 200);
  const results = useQuery({ ...trpc.clients.pick.queryOptions({ q, limit: 10 }), enabled: q.length > 0 });
  const options = (results.data ?? []).filter((c) => !exclude.includes(c.id) && (!kind || c.kind === kind));
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('clients.picker.placeholder')} autoComplete="off" />
      {q ? (
        <ul className="max-h-56 divide-y overflow-y-auto rounded-md border" role="listbox" aria-label={label}>
          {options.map((client) => (
            <li key={client.id} role="option" aria-selected={false}>
              <button type="button" className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-accent" onClick={() => onPick(client)}>
                {client.kind === 'company' ? (
                  <Building2 className="size-4 shrink-0" aria-hidden="true" />
                ) : (
                  <User className="size-4 shrink-0" aria-hidden="true" />
                )}
                <span className="min-w-0 flex-1 truncate font-medium">{client.name}</span>
                {client.email ? <span className="truncate text-muted-foreground">{client.email}</span> : null}
              </button>
            </li>
          ))}
          {results.isFetched && options.length === 0 ? <li className="px-3 py-2 text-sm text-muted-foreground">{t('clients.picker.none')}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
