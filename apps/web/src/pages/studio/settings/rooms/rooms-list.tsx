import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Archive, ArchiveRestore, Clock, Pencil, Users } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { Room } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { RoomRulesDialog } from './room-rules-dialog.tsx';

/** Rooms with rate and capacity; edit / archive / restore when `onEdit` is given (rooms:write). */
export function RoomsList({ rooms, onEdit }: { rooms: Room[]; onEdit: ((room: Room) => void) | undefined }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  return (
    <Card className="py-0">
      <ul className="divide-y" data-testid="rooms-list">
        {rooms.map((room) => (
          <li key={room.id} className="flex flex-wrap items-center gap-3 px-4 py-3 sm:flex-nowrap">
            <span className="size-3 shrink-0 rounded-full" style={{ backgroundColor: room.color }} aria-hidden="true" />
            <div className="min-w-0 flex-1">
              <p className="flex items-center gap-2 font-medium">
                <span className="truncate">{room.name}</span>
                {room.archivedAt ? <Badge variant="outline">{t('rooms.archivedBadge')}</Badge> : null}
              </p>
              {room.description ? <p className="truncate text-sm text-muted-foreground">{room.description}</p> : null}
            </div>
            <span className="flex items-center gap-1 text-sm text-muted-foreground">
              <Users className="size-3.5" aria-hidden="true" />
              {t('rooms.capacityCount', { count: room.capacity })}
            </span>
            <span className="w-32 text-right text-sm font-medium tabular-nums">
              {t('rooms.perHour', { amount: formatMinor(room.hourlyRateCents, studio.currency, i18n.language) })}
            </span>
            {onEdit ? <RoomActions room={room} onEdit={onEdit} /> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function RoomActions({ room, onEdit }: { room: Room; onEdit: (room: Room) => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const refresh = async (message: string) => {
    toast(message);
    // Both lists (settings and dashboard) show rooms.
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.rooms.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.dashboard.pathKey() }),
    ]);
  };
  const onError = (error: unknown) => toast(apiErrorMessage(t, error), 'error');
  const archive = useMutation(trpc.rooms.archive.mutationOptions({ onSuccess: () => refresh(t('rooms.archived', { name: room.name })), onError }));
  const restore = useMutation(trpc.rooms.restore.mutationOptions({ onSuccess: () => refresh(t('rooms.restored', { name: room.name })), onError }));
  const { can } = useCurrentStudio();
  const [rulesOpen, setRulesOpen] = useState(false);

  return (
    <div className="flex gap-1">
      {can('resources:write') && !room.archivedAt ? (
        <Button variant="ghost" size="sm" onClick={() => setRulesOpen(true)} aria-label={t('roomRules.openNamed', { name: room.name })}>
          <Clock aria-hidden="true" />
          {t('roomRules.open')}
        </Button>
      ) : null}
      {rulesOpen ? <RoomRulesDialog roomId={room.id} roomName={room.name} onClose={() => setRulesOpen(false)} /> : null}
      <Button variant="ghost" size="icon" onClick={() => onEdit(room)} aria-label={t('rooms.editNamed', { name: room.name })}>
        <Pencil aria-hidden="true" />
      </Button>
      {room.archivedAt ? (
        <Button variant="ghost" size="sm" onClick={() => restore.mutate({ id: room.id })} loading={restore.isPending}>
          <ArchiveRestore aria-hidden="true" />
          {t('rooms.restore')}
        </Button>
      ) : (
        <Button variant="ghost" size="sm" onClick={() => archive.mutate({ id: room.id })} loading={archive.isPending}>
          <Archive aria-hidden="true" />
          {t('rooms.archive')}
        </Button>
      )}
    </div>
  );
}
