import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { TextField } from '@/components/form/text-field.tsx';
import type { TimeFields } from './session-form.ts';

/** Start and end as a date and a time each, on the studio's clock (the zone is named under them). */
type TimeFieldName = keyof TimeFields;

type SessionTimeFieldsProps = {
  registrations: Record<TimeFieldName, UseFormRegisterReturn>;
  errors: Partial<Record<TimeFieldName, { message?: string | undefined } | undefined>>;
  timeZone: string;
  step: number;
};

export function SessionTimeFields({ registrations, errors, timeZone, step }: SessionTimeFieldsProps) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-2">
      <div className="grid grid-cols-2 gap-3">
        <TextField label={t('calendar.fields.startDate')} type="date" registration={registrations.startDate} error={errors.startDate?.message} />
        <TextField
          label={t('calendar.fields.startTime')}
          type="time"
          step={step * 60}
          registration={registrations.startTime}
          error={errors.startTime?.message}
        />
        <TextField label={t('calendar.fields.endDate')} type="date" registration={registrations.endDate} error={errors.endDate?.message} />
        <TextField label={t('calendar.fields.endTime')} type="time" step={step * 60} registration={registrations.endTime} error={errors.endTime?.message} />
      </div>
      <p className="text-xs text-muted-foreground">{t('calendar.timesIn', { timeZone })}</p>
    </div>
  );
}
