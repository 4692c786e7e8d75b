import { useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header.tsx';
import { Button } from '@/components/ui/button.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { BookingRoom, RouterOutputs } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { AddDatedRange, DatedRangeList } from './dated-ranges.tsx';
import { WHOLE_STUDIO } from './dated-range.ts';
import { WeekHoursForm } from './week-hours-form.tsx';
import { isClosedAllWeek, openingRowsOf, weekFromOpening, type WeekHours } from './weekly-hours.ts';

type Hours = RouterOutputs['booking']['hours'];

/** When the studio can be booked: weekly opening hours, a room's own hours, and dated closures. */
export function HoursPage() {
  const { t } = useTranslation();
  const { can, studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const hours = useQuery(trpc.booking.hours.queryOptions());
  const resources = useQuery(trpc.booking.all.queryOptions());
  const canWrite = can('resources:write');

  return (
    <>
      <PageHeader title={t('hours.title')} description={t('hours.description', { timeZone: studio.timeZone })} />
      {!canWrite ? <p className="mb-4 text-sm text-muted-foreground">{t('common.readOnly')}</p> : null}
      {hours.isPending || resources.isPending ? (
        <div className="grid gap-4" role="status" aria-label={t('common.loading')}>
          <Skeleton className="h-96" />
          <Skeleton className="h-40" />
        </div>
      ) : hours.isError || resources.isError ? (
        <FormError message={apiErrorMessage(t, hours.error ?? resources.error)} />
      ) : (
        <div className="grid gap-6">
          <StudioHours hours={hours.data} canWrite={canWrite} />
          {resources.data.rooms.length > 0 ? <RoomHours hours={hours.data} rooms={resources.data.rooms} canWrite={canWrite} /> : null}
          <Closures hours={hours.data} rooms={resources.data.rooms} canWrite={canWrite} />
        </div>
      )}
    </>
  );
}

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Card>
        <CardHeader>
          <CardTitle id={id}>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">{children}</CardContent>
      </Card>
    </section>
  );
}

/** Saves one scope's weekly hours (null: the whole studio) and refreshes what depends on them. */
function useSaveOpeningHours() {
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.booking.setOpeningHours.mutationOptions());
  return async (roomId: string | null, week: WeekHours) => {
    await save.mutateAsync({ roomId, hours: openingRowsOf(week) });
    await queryClient.invalidateQueries({ queryKey: trpc.booking.hours.queryKey() });
  };
}

function StudioHours({ hours, canWrite }: { hours: Hours; canWrite: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const save = useSaveOpeningHours();
  const rows = hours.opening.filter((row) => row.roomId === null);
  return (
    <Section id="studio-hours" title={t('hours.studio.title')} description={t('hours.studio.description')}>
      <WeekHoursForm
        key={JSON.stringify(rows)}
        kind="opening"
        initial={weekFromOpening(rows)}
        canWrite={canWrite}
        label={t('hours.studio.title')}
        onSave={async (week) => {
          await save(null, week);
          toast(t('hours.studio.saved'));
        }}
      />
    </Section>
  );
}

type RoomMode = 'same' | 'own';

function RoomHours({ hours, rooms, canWrite }: { hours: Hours; rooms: BookingRoom[]; canWrite: boolean }) {
  const { t } = useTranslation();
  const [roomId, setRoomId] = useState(rooms[0]!.id);
  const room = rooms.find((candidate) => candidate.id === roomId) ?? rooms[0]!;
  const rows = hours.opening.filter((row) => row.roomId === room.id);
  return (
    <Section id="room-hours" title={t('hours.room.title')} description={t('hours.room.description')}>
      <div className="grid gap-2 sm:max-w-xs">
        <Label htmlFor="room-hours-room">{t('hours.room.choose')}</Label>
        <Select value={room.id} onValueChange={setRoomId}>
          <SelectTrigger id="room-hours-room">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {rooms.map((option) => (
              <SelectItem key={option.id} value={option.id}>
                {option.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <RoomHoursForm
        key={`${room.id}:${JSON.stringify(rows)}`}
        room={room}
        rows={rows}
        studioRows={hours.opening.filter((row) => row.roomId === null)}
        canWrite={canWrite}
      />
    </Section>
  );
}

type OpeningRows = Hours['opening'];

function RoomHoursForm({ room, rows, studioRows, canWrite }: { room: BookingRoom; rows: OpeningRows; studioRows: OpeningRows; canWrite: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const save = useSaveOpeningHours();
  const [mode, setMode] = useState<RoomMode>(rows.length > 0 ? 'own' : 'same');
  const [sameError, setSameError] = useState<string | null>(null);
  const saved: RoomMode = rows.length > 0 ? 'own' : 'same';

  const modeChoice = (
    <fieldset className="grid gap-2" disabled={!canWrite}>
      <legend className="mb-2 text-sm font-medium">{t('hours.room.modeLegend', { room: room.name })}</legend>
      <div className="flex flex-wrap gap-4">
        {(['same', 'own'] as const).map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`room-mode-${room.id}`}
              value={option}
              checked={mode === option}
              onChange={() => setMode(option)}
              className="size-4 accent-primary"
            />
            {t(`hours.room.modes.${option}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );

  if (mode === 'same') {
    return (
      <div className="grid gap-3">
        {modeChoice}
        <FormError message={sameError} />
        {canWrite && saved === 'own' ? (
          <div className="flex justify-end">
            <SaveSame
              onSave={async () => {
                setSameError(null);
                try {
                  await save(room.id, []);
                  toast(t('hours.room.saved', { room: room.name }));
                } catch (error) {
                  setSameError(apiErrorMessage(t, error));
                }
              }}
            />
          </div>
        ) : null}
      </div>
    );
  }
  // Switching to its own hours starts from the studio's, the usual starting point.
  const initial = weekFromOpening(rows.length > 0 ? rows : studioRows);
  return (
    <WeekHoursForm
      kind="opening"
      initial={initial}
      canWrite={canWrite}
      label={t('hours.room.formLabel', { room: room.name })}
      // An empty list means "same as the studio" to the API: a room closed all week is a closure.
      refuse={(week) => (isClosedAllWeek(week) ? t('hours.room.closedAllWeek') : null)}
      onSave={async (week) => {
        await save(room.id, week);
        toast(t('hours.room.saved', { room: room.name }));
      }}
    >
      {modeChoice}
    </WeekHoursForm>
  );
}

function SaveSame({ onSave }: { onSave: () => Promise<void> }) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const run = async () => {
    setSaving(true);
    try {
      await onSave();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Button type="button" loading={saving} onClick={() => void run()}>
      {t('hours.save')}
    </Button>
  );
}

function Closures({ hours, rooms, canWrite }: { hours: Hours; rooms: BookingRoom[]; canWrite: boolean }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const add = useMutation(trpc.booking.addClosure.mutationOptions());
  const remove = useMutation(trpc.booking.removeClosure.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.booking.hours.queryKey() });
  const placeName = (roomId: string | null) =>
    roomId === null ? t('hours.closures.wholeStudio') : (rooms.find((room) => room.id === roomId)?.name ?? t('hours.closures.formerRoom'));
  return (
    <Section id="closures" title={t('hours.closures.title')} description={t('hours.closures.description')}>
      <DatedRangeList
        items={hours.closures}
        placeOf={(closure) => placeName(closure.roomId)}
        empty={t('hours.closures.empty')}
        canWrite={canWrite}
        testId="closures-list"
        texts={{ remove: t('hours.closures.remove'), removeTitle: t('hours.closures.removeTitle'), removeDescription: t('hours.closures.removeDescription') }}
        onRemove={async (closure) => {
          await remove.mutateAsync({ id: closure.id });
          await refresh();
          toast(t('hours.closures.removed'));
        }}
      />
      {canWrite ? (
        <AddDatedRange
          openLabel={t('hours.closures.add')}
          label={t('hours.closures.add')}
          submitLabel={t('hours.closures.submit')}
          places={[{ value: WHOLE_STUDIO, label: t('hours.closures.wholeStudio') }, ...rooms.map((room) => ({ value: room.id, label: room.name }))]}
          onSubmit={async (input) => {
            await add.mutateAsync(input);
            await refresh();
            toast(t('hours.closures.added'));
          }}
        />
      ) : null}
    </Section>
  );
}
