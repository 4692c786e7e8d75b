import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Plus } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { inputClassName } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { formatDate } from '@/lib/format.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { BillableSession, CatalogueItem } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { useMoneyFormat } from '../money-format.ts';

/** The three ways to add a line: a catalogue item, one of the client's booked sessions, or a free line. */
export function AddLines({
  catalogue,
  clientId,
  sessionIdsInUse,
  canBillSessions,
  onCatalogue,
  onSession,
  onFree,
}: {
  catalogue: CatalogueItem[];
  clientId: string | null;
  sessionIdsInUse: string[];
  canBillSessions: boolean;
  onCatalogue: (item: CatalogueItem) => void;
  onSession: (session: BillableSession) => void;
  onFree: () => void;
}) {
  const { t } = useTranslation();
  const format = useMoneyFormat();
  const [itemId, setItemId] = useState('');
  const active = catalogue.filter((item) => !item.archivedAt);
  const item = active.find((i) => i.id === itemId);
  return (
    <div className="grid gap-3 rounded-lg border border-dashed p-3">
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid min-w-0 flex-1 gap-1">
          <Label htmlFor="add-catalogue">{t('money.editor.fromCatalogue')}</Label>
          <select id="add-catalogue" className={inputClassName} value={itemId} onChange={(event) => setItemId(event.target.value)}>
            <option value="">{t('money.editor.chooseItem')}</option>
            {active.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name} — {format.amount(i.unitPriceCents)}
              </option>
            ))}
          </select>
        </div>
        <Button
          type="button"
          variant="outline"
          disabled={!item}
          onClick={() => {
            if (item) onCatalogue(item);
            setItemId('');
          }}
        >
          <Plus aria-hidden="true" />
          {t('money.editor.addItem')}
        </Button>
        <Button type="button" variant="outline" onClick={onFree}>
          <Plus aria-hidden="true" />
          {t('money.editor.addFree')}
        </Button>
      </div>
      {clientId && canBillSessions ? <ClientSessions clientId={clientId} inUse={sessionIdsInUse} onAdd={onSession} /> : null}
    </div>
  );
}

/** The client's sessions not yet on an invoice (nor on this one): one tap each. */
function ClientSessions({ clientId, inUse, onAdd }: { clientId: string; inUse: string[]; onAdd: (session: BillableSession) => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const { studio } = useCurrentStudio();
  const format = useMoneyFormat();
  const sessions = useQuery(trpc.money.documents.billableSessions.queryOptions({ clientId }));
  const offered = (sessions.data ?? []).filter((s) => !s.invoicedOn && !inUse.includes(s.id));
  if (offered.length === 0) return <p className="text-sm text-muted-foreground">{t('money.editor.noSessions')}</p>;
  return (
    <div className="grid gap-1">
      <p className="text-sm font-medium">{t('money.editor.sessionsTitle')}</p>
      <ul className="grid gap-1">
        {offered.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span className="min-w-0 truncate">
              {formatDate(session.startsAt, i18n.language, studio.timeZone)} · {session.title} · {format.amount(session.priceCents)}
            </span>
            <Button
              type="button"
              size="sm"
              variant="ghost"
              onClick={() => onAdd(session)}
              aria-label={t('money.editor.addSessionNamed', { title: session.title })}
            >
              <Plus aria-hidden="true" />
              {t('money.editor.addSession')}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
