import { skipToken, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AlertTriangle } from 'lucide-react';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';

interface Slot {
  roomId: string;
  startsAt: string;
  endsAt: string;
  engineerIds: string[];
}

/**
 * Staff may book outside opening hours, but should know it: the chosen time is checked against the same
 * availability function the public booking page uses (opening hours, closures, buffers, an engineer's
 * hours and time off, existing bookings). Silent when the time is free, while the form is incomplete, or
 * when the studio has not set opening hours.
 */
export function AvailabilityNotice({ slot }: { slot: Slot | null }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const minutes = slot ? Math.round((Date.parse(slot.endsAt) - Date.parse(slot.startsAt)) / 60_000) : 0;
  const input =
    slot && minutes > 0
      ? {
          roomId: slot.roomId,
          from: slot.startsAt,
          to: slot.endsAt,
          durationMinutes: minutes,
          ...(slot.engineerIds.length === 1 ? { engineerId: slot.engineerIds[0] } : {}),
        }
      : null;
  // A studio that has not set opening hours yet is not "closed" for its own staff: no notice then.
  const hours = useQuery(trpc.booking.hours.queryOptions(undefined, { staleTime: 60_000 }));
  const configured = (hours.data?.opening.length ?? 0) > 0;
  const check = useQuery(trpc.sessions.availability.queryOptions(configured && input ? input : skipToken, { retry: false }));
  if (!slot || !configured || !check.data) return null;
  const free = check.data.some((s) => s.startsAt === new Date(slot.startsAt).toISOString());
  if (free) return null;
  return (
    <p
      className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      role="status"
      data-testid="availability-notice"
    >
      <AlertTriangle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {t('calendar.outsideAvailability')}
    </p>
  );
}
