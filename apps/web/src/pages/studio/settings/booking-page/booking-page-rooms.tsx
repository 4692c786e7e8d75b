import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';

type PageRoom = RouterOutputs['bookingPage']['settings']['rooms'][number];

/** Which rooms the public page offers, each with the description visitors read. */
export function BookingPageRooms({ rooms, disabled = false }: { rooms: PageRoom[]; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('bookingPage.rooms.title')}</CardTitle>
        <CardDescription>{t('bookingPage.rooms.help')}</CardDescription>
      </CardHeader>
      <CardContent>
        {rooms.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('bookingPage.rooms.none')}</p>
        ) : (
          <fieldset disabled={disabled}>
            <ul className="grid gap-4">
              {rooms.map((room) => (
                <RoomRow key={room.id} room={room} />
              ))}
            </ul>
          </fieldset>
        )}
      </CardContent>
    </Card>
  );
}

function RoomRow({ room }: { room: PageRoom }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [offered, setOffered] = useState(room.publicBooking);
  const [description, setDescription] = useState(room.description);
  const [error, setError] = useState<string | null>(null);
  const update = useMutation(trpc.bookingPage.updateRoom.mutationOptions());
  const dirty = offered !== room.publicBooking || description !== room.description;
  const save = async () => {
    setError(null);
    try {
      await update.mutateAsync({ id: room.id, publicBooking: offered, description });
      await queryClient.invalidateQueries({ queryKey: trpc.bookingPage.settings.queryKey() });
      toast(t('bookingPage.rooms.saved', { name: room.name }));
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
    }
  };
  return (
    <li className="grid gap-2 border-b pb-4 last:border-b-0 last:pb-0" data-testid="booking-page-room">
      <label className="flex items-center gap-3 text-sm font-medium">
        <input
          type="checkbox"
          className="size-4 accent-primary"
          checked={offered}
          onChange={(event) => setOffered(event.target.checked)}
          aria-label={t('bookingPage.rooms.offer', { name: room.name })}
        />
        <span className="size-2.5 rounded-full" style={{ backgroundColor: room.color }} aria-hidden="true" />
        {room.name}
      </label>
      <Textarea
        value={description}
        maxLength={1000}
        rows={2}
        placeholder={t('bookingPage.rooms.descriptionPlaceholder')}
        aria-label={t('bookingPage.rooms.description', { name: room.name })}
        onChange={(event) => setDescription(event.target.value)}
      />
      <FormError message={error} />
      {dirty ? (
        <Button type="button" size="sm" className="w-fit" loading={update.isPending} onClick={() => void save()}>
          {t('bookingPage.rooms.save')}
        </Button>
      ) : null}
    </li>
  );
}
