import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DoorOpen, Plus } from 'lucide-react';
import { PageHeader } from '@/components/page-header.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ArchiveViewSwitch, ListSkeleton, type ArchiveView } from '@/components/settings/archive-view.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { Room } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { RoomDialog } from './room-dialog.tsx';
import { RoomsList } from './rooms-list.tsx';

export function RoomsPage() {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const rooms = useQuery(trpc.rooms.list.queryOptions({ includeArchived: true }));
  const [view, setView] = useState<ArchiveView>('active');
  // `undefined` = dialog closed, `null` = creating, a room = editing it.
  const [editing, setEditing] = useState<Room | null | undefined>(undefined);
  const canWrite = can('rooms:write');

  const all = rooms.data ?? [];
  const shown = all.filter((room) => (view === 'active' ? !room.archivedAt : Boolean(room.archivedAt)));

  return (
    <>
      <PageHeader
        title={t('rooms.title')}
        description={t('rooms.description')}
        actions={
          canWrite ? (
            <Button onClick={() => setEditing(null)}>
              <Plus aria-hidden="true" />
              {t('rooms.add')}
            </Button>
          ) : null
        }
      />
      <ArchiveViewSwitch
        view={view}
        onChange={setView}
        groupLabel={t('rooms.filter')}
        optionLabel={(option) =>
          t(`rooms.views.${option}`, { count: all.filter((room) => (option === 'active' ? !room.archivedAt : Boolean(room.archivedAt))).length })
        }
      />
      {rooms.isPending ? (
        <ListSkeleton />
      ) : rooms.isError ? (
        <FormError message={apiErrorMessage(t, rooms.error)} />
      ) : shown.length === 0 ? (
        <EmptyState
          icon={DoorOpen}
          title={view === 'active' ? t('rooms.emptyTitle') : t('rooms.emptyArchived')}
          description={view === 'active' ? t('rooms.emptyDescription') : undefined}
        />
      ) : (
        <RoomsList rooms={shown} onEdit={canWrite ? setEditing : undefined} />
      )}
      {editing !== undefined ? <RoomDialog room={editing ?? undefined} onClose={() => setEditing(undefined)} /> : null}
    </>
  );
}
