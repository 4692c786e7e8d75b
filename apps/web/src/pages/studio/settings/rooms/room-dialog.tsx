import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import type { Room } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { RoomFields } from './room-fields.tsx';
import { ROOM_FIELD_RENAME, ROOM_FORM_FIELDS, toRoomInput, useRoomForm } from './room-form.ts';

/** Create a room (no `room`) or edit one. Mounted only while open, so the form starts fresh. */
export function RoomDialog({ room, onClose }: { room?: Room; onClose: () => void }) {
  const { t } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useRoomForm(studio.currency, room);
  const create = useMutation(trpc.rooms.create.mutationOptions());
  const update = useMutation(trpc.rooms.update.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const input = toRoomInput(values);
      const saved = room ? await update.mutateAsync({ ...input, id: room.id }) : await create.mutateAsync(input);
      toast(t(room ? 'rooms.updated' : 'rooms.created', { name: saved.name }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.rooms.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.dashboard.pathKey() }),
      ]);
      onClose();
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ROOM_FORM_FIELDS, rename: ROOM_FIELD_RENAME }));
    }
  });

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{room ? t('rooms.editTitle', { name: room.name }) : t('rooms.createTitle')}</DialogTitle>
          <DialogDescription>{t('rooms.dialogDescription')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={formError} />
          <RoomFields form={form} currency={studio.currency} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              {room ? t('common.save') : t('rooms.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
