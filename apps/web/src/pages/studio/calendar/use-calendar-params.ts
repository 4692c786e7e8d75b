import { useCallback, useSyncExternalStore } from 'react';
import { useSearchParams } from 'react-router';
import { CALENDAR_VIEWS, dayKeyOf, isDayKey, type CalendarView, type DayKey } from './dates.ts';

const PHONE_QUERY = '(max-width: 767px)';

function subscribeToPhone(onChange: () => void) {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function isPhoneNow(): boolean {
  return window.matchMedia(PHONE_QUERY).matches;
}

export function useIsPhone(): boolean {
  return useSyncExternalStore(subscribeToPhone, isPhoneNow);
}

function isView(value: string | null): value is CalendarView {
  return (CALENDAR_VIEWS as readonly (string | null)[]).includes(value);
}

/**
 * The view and the day shown live in the address (?view=week&date=2027-05-10), so a link or a reload
 * shows the same calendar. Without them: today in the studio's zone, the agenda on a phone, else the day.
 */
export function calendarParamsFrom(params: URLSearchParams, timeZone: string, isPhone = isPhoneNow()) {
  const rawView = params.get('view');
  const rawDate = params.get('date');
  const view: CalendarView = isView(rawView) ? rawView : isPhone ? 'agenda' : 'day';
  const today = dayKeyOf(new Date(), timeZone);
  const date: DayKey = isDayKey(rawDate) ? rawDate : today;
  return { view, date, today };
}

export function useCalendarParams(timeZone: string) {
  const [params, setParams] = useSearchParams();
  const isPhone = useIsPhone();
  const { view, date, today } = calendarParamsFrom(params, timeZone, isPhone);
  const go = useCallback(
    (next: { view?: CalendarView; date?: DayKey }) => {
      setParams((previous) => {
        const updated = new URLSearchParams(previous);
        if (next.view) updated.set('view', next.view);
        if (next.date) updated.set('date', next.date);
        return updated;
      });
    },
    [setParams],
  );
  return { view, date, today, isPhone, go };
}
