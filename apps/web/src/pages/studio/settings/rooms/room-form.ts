import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { roomInput, type RoomInput } from '@rsm/shared/schemas';
import { amountTextSchema, integerTextSchema, minorToAmountText } from '@/lib/forms.ts';
import type { Room } from '@/lib/trpc/types.ts';

/** The shared room rules, with the rate and capacity typed as text. */
function roomFormSchema(currency: string) {
  return roomInput.omit({ hourlyRateCents: true, capacity: true }).extend({
    hourlyRate: amountTextSchema(currency),
    capacity: integerTextSchema(roomInput.shape.capacity, 'errors.capacity_invalid'),
  });
}

export const DEFAULT_ROOM_COLOR = '#6366f1';

export function useRoomForm(currency: string, room?: Room) {
  const { i18n } = useTranslation();
  return useForm({
    resolver: zodResolver(roomFormSchema(currency)),
    defaultValues: {
      name: room?.name ?? '',
      description: room?.description ?? '',
      hourlyRate: room ? minorToAmountText(room.hourlyRateCents, currency, i18n.language) : '',
      capacity: room ? String(room.capacity) : '1',
      color: room?.color ?? DEFAULT_ROOM_COLOR,
    },
  });
}

export type RoomForm = ReturnType<typeof useRoomForm>;
type RoomFormOutput = Parameters<Parameters<RoomForm['handleSubmit']>[0]>[0];

export function toRoomInput({ hourlyRate, ...rest }: RoomFormOutput): RoomInput {
  return { ...rest, hourlyRateCents: hourlyRate };
}

export const ROOM_FORM_FIELDS = ['name', 'description', 'hourlyRate', 'capacity', 'color'] as const;
/** Server field names that differ from the form's. */
export const ROOM_FIELD_RENAME = { hourlyRateCents: 'hourlyRate' } as const;
