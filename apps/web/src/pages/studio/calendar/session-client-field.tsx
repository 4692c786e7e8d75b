/**
 * The client of a session in the calendar's forms: a search over all the studio's clients (not a list
 * capped in memory), or a new client created on the spot. Reports the chosen id (or NO_CLIENT) to the form.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClientCombobox, type PickedClient } from '@/components/client-combobox.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { NewClientInline } from './new-client-inline.tsx';
import { NO_CLIENT } from './session-form.ts';

export function SessionClientField({ initial, onChange }: { initial: PickedClient; onChange: (clientId: string) => void }) {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  const [client, setClient] = useState<PickedClient>(initial);
  const pick = (next: PickedClient) => {
    setClient(next);
    onChange(next?.id ?? NO_CLIENT);
  };
  return (
    <div className="grid gap-2">
      <ClientCombobox label={t('calendar.fields.client')} placeholder={t('calendar.fields.noClient')} value={client} onChange={pick} />
      {can('clients:write') ? <NewClientInline onCreated={(created) => pick({ id: created.id, name: created.name })} /> : null}
    </div>
  );
}
