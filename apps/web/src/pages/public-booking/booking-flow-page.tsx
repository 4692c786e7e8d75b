import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarOff, MailCheck } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import type { DayKey } from '@/pages/studio/calendar/dates.ts';
import { usePublicBooking } from './public-booking-layout.tsx';
import { DetailsStep } from './details-step.tsx';
import { RoomStep } from './room-step.tsx';
import { TimeStep, type ChosenSlot } from './time-step.tsx';

type Step =
  | { name: 'room' }
  | { name: 'time'; roomId: string; durationMinutes: number; week: DayKey | null; taken?: boolean }
  | { name: 'details'; roomId: string; durationMinutes: number; week: DayKey; slot: ChosenSlot }
  | { name: 'sent'; email: string };

/** Room and length → a start from the calendar → details → "check your e-mail". */
export function BookingFlowPage() {
  const { t } = useTranslation();
  const { page } = usePublicBooking();
  const [step, setStep] = useState<Step>({ name: 'room' });

  if (page.paused) {
    return (
      <div className="grid justify-items-center gap-3 rounded-lg border bg-background p-8 text-center" data-testid="booking-paused">
        <CalendarOff className="size-10 text-muted-foreground" aria-hidden="true" />
        <h2 className="text-xl font-semibold">{t('bookingPage.public.pausedTitle')}</h2>
        <p className="max-w-md text-muted-foreground">{t('bookingPage.public.pausedBody', { studio: page.studioName })}</p>
      </div>
    );
  }

  if (step.name === 'sent') {
    return (
      <div className="grid justify-items-center gap-3 rounded-lg border bg-background p-8 text-center" data-testid="check-email">
        <MailCheck className="size-10 text-primary" aria-hidden="true" />
        <h2 className="text-xl font-semibold">{t('bookingPage.public.checkEmailTitle')}</h2>
        <p className="max-w-md text-muted-foreground">{t('bookingPage.public.checkEmailBody', { email: step.email })}</p>
        <Button variant="outline" onClick={() => setStep({ name: 'room' })}>
          {t('bookingPage.public.bookAnother')}
        </Button>
      </div>
    );
  }

  return (
    <div className="grid gap-6">
      {page.welcomeText && step.name === 'room' ? <p className="whitespace-pre-line">{page.welcomeText}</p> : null}
      {step.name === 'room' ? (
        <RoomStep page={page} onChoose={(roomId, durationMinutes) => setStep({ name: 'time', roomId, durationMinutes, week: null })} />
      ) : null}
      {step.name === 'time' ? (
        <>
          {step.taken ? (
            <Alert variant="destructive">
              <AlertDescription>{t('bookingPage.errors.slotTaken')}</AlertDescription>
            </Alert>
          ) : null}
          <TimeStep
            key={`${step.roomId}:${step.durationMinutes}`}
            page={page}
            roomId={step.roomId}
            durationMinutes={step.durationMinutes}
            initialWeek={step.week}
            onBack={() => setStep({ name: 'room' })}
            onChoose={(slot, week) => setStep({ name: 'details', roomId: step.roomId, durationMinutes: step.durationMinutes, week, slot })}
          />
        </>
      ) : null}
      {step.name === 'details' ? (
        <DetailsStep
          page={page}
          slot={step.slot}
          onBack={() => setStep({ name: 'time', roomId: step.roomId, durationMinutes: step.durationMinutes, week: step.week })}
          onSlotTaken={() => setStep({ name: 'time', roomId: step.roomId, durationMinutes: step.durationMinutes, week: step.week, taken: true })}
          onSent={(email) => setStep({ name: 'sent', email })}
        />
      ) : null}
    </div>
  );
}
