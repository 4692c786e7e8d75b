import { useTranslation } from 'react-i18next';
import { AudioWaveform, CalendarCheck, FileCheck2, Headphones, Hourglass, LineChart, MessageSquareText, Receipt, SlidersHorizontal, Users } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';

const AUDIENCES: { key: string; icon: LucideIcon }[] = [
  { key: 'owners', icon: SlidersHorizontal },
  { key: 'engineers', icon: Headphones },
  { key: 'clients', icon: Users },
];

const PROMISES: { key: string; icon: LucideIcon }[] = [
  { key: 'noDoubleBooking', icon: CalendarCheck },
  { key: 'holds', icon: Hourglass },
  { key: 'filesWhenPaid', icon: FileCheck2 },
  { key: 'comments', icon: MessageSquareText },
  { key: 'invoices', icon: Receipt },
  { key: 'analytics', icon: LineChart },
];

export function AudienceSection() {
  const { t } = useTranslation();
  return (
    <section className="border-y bg-muted/40">
      <div className="mx-auto max-w-6xl px-4 py-16 sm:px-8">
        <h2 className="text-center text-3xl font-semibold tracking-tight">{t('landing.audience.title')}</h2>
        <ul className="mt-10 grid gap-6 md:grid-cols-3">
          {AUDIENCES.map(({ key, icon: Icon }) => (
            <li key={key} className="rounded-xl border bg-background p-6">
              <Icon className="size-6" aria-hidden="true" />
              <h3 className="mt-4 font-semibold">{t(`landing.audience.${key}.title`)}</h3>
              <p className="mt-2 text-sm text-muted-foreground">{t(`landing.audience.${key}.text`)}</p>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

export function PromisesSection() {
  const { t } = useTranslation();
  return (
    <section className="mx-auto max-w-6xl px-4 py-16 sm:px-8">
      <div className="mx-auto max-w-2xl text-center">
        <AudioWaveform className="mx-auto size-8" aria-hidden="true" />
        <h2 className="mt-4 text-3xl font-semibold tracking-tight">{t('landing.promises.title')}</h2>
        <p className="mt-3 text-muted-foreground">{t('landing.promises.subtitle')}</p>
      </div>
      <ul className="mt-10 grid gap-x-8 gap-y-10 sm:grid-cols-2 lg:grid-cols-3">
        {PROMISES.map(({ key, icon: Icon }) => (
          <li key={key} className="flex gap-4">
            <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-primary text-primary-foreground">
              <Icon className="size-5" aria-hidden="true" />
            </span>
            <div>
              <h3 className="font-semibold">{t(`landing.promises.${key}.title`)}</h3>
              <p className="mt-1 text-sm text-muted-foreground">{t(`landing.promises.${key}.text`)}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
