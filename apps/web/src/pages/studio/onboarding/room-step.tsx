import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useTRPC } from '@/lib/trpc/global.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { RoomFields } from '../settings/rooms/room-fields.tsx';
import { ROOM_FIELD_RENAME, ROOM_FORM_FIELDS, toRoomInput, useRoomForm } from '../settings/rooms/room-form.ts';

/** Step 3: the first room, then the studio is ready and opens on its dashboard. */
export function RoomStep() {
  const { t } = useTranslation();
  const { studio, pathTo } = useCurrentStudio();
  const navigate = useNavigate();
  const trpc = useTRPC();
  const studioTrpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const createRoom = useMutation(studioTrpc.rooms.create.mutationOptions());
  const completeOnboarding = useMutation(studioTrpc.studio.completeOnboarding.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  // Once the room exists a retry must not create it twice; only finishing remains.
  const [roomCreated, setRoomCreated] = useState(false);
  const form = useRoomForm(studio.currency);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      if (!roomCreated) {
        await createRoom.mutateAsync(toRoomInput(values));
        setRoomCreated(true);
      }
      await completeOnboarding.mutateAsync();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: studioTrpc.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
      ]);
      await navigate(pathTo(), { replace: true });
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ROOM_FORM_FIELDS, rename: ROOM_FIELD_RENAME }));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormError message={formError} />
      <RoomFields form={form} currency={studio.currency} />
      <Button type="submit" loading={form.formState.isSubmitting}>
        {t('onboarding.room.submit')}
      </Button>
    </form>
  );
}
