/**
 * The price of a session, computed before it is saved and stored on it as a snapshot (integer cents,
 * studio currency). Pure: the rate card and the duration in, priced lines out.
 *
 * - Billable time is at least the room's minimum duration; time beyond it is billed in overtime blocks
 *   (e.g. 30 min), rounded up.
 * - The room's hourly price is compared with its half-day (≤ 4 h) and day (≤ 10 h) prices; the cheapest
 *   applies. Beyond a day: the day price plus overtime at the hourly rate.
 * - With an engineer, a room's "with engineer" hourly rate (when set) replaces room + first engineer;
 *   every other engineer is billed at their own hourly rate.
 * - Gear is billed per started day.
 */
import { prorate } from '@rsm/shared/money';

export interface RoomRates {
  name: string;
  hourlyRateCents: number;
  halfDayRateCents: number | null;
  dayRateCents: number | null;
  hourlyRateWithEngineerCents: number | null;
  minDurationMinutes: number;
  overtimeBlockMinutes: number;
}

export interface PriceLine {
  kind: 'room' | 'engineer' | 'gear';
  label: string;
  quantity: number;
  unit: 'minutes' | 'days' | 'package';
  totalCents: number;
}

export interface Price {
  totalCents: number;
  lines: PriceLine[];
}

const HALF_DAY_MINUTES = 4 * 60;
const DAY_MINUTES = 10 * 60;

export function billableMinutes(durationMinutes: number, room: Pick<RoomRates, 'minDurationMinutes' | 'overtimeBlockMinutes'>): number {
  const atLeast = Math.max(durationMinutes, room.minDurationMinutes);
  const beyond = atLeast - room.minDurationMinutes;
  return room.minDurationMinutes + Math.ceil(beyond / room.overtimeBlockMinutes) * room.overtimeBlockMinutes;
}

function roomLine(room: RoomRates, minutes: number, hourlyCents: number, label: string): PriceLine {
  const hourly = prorate(hourlyCents, minutes, 60);
  const candidates: { cents: number; unit: PriceLine['unit'] }[] = [{ cents: hourly, unit: 'minutes' }];
  if (room.halfDayRateCents !== null && minutes <= HALF_DAY_MINUTES) candidates.push({ cents: room.halfDayRateCents, unit: 'package' });
  if (room.dayRateCents !== null) {
    if (minutes <= DAY_MINUTES) candidates.push({ cents: room.dayRateCents, unit: 'package' });
    else candidates.push({ cents: room.dayRateCents + prorate(hourlyCents, minutes - DAY_MINUTES, 60), unit: 'package' });
  }
  const best = candidates.reduce((a, b) => (b.cents < a.cents ? b : a));
  return { kind: 'room', label, quantity: minutes, unit: best.unit, totalCents: best.cents };
}

export function priceSession(input: {
  room: RoomRates;
  durationMinutes: number;
  engineers: { name: string; hourlyRateCents: number }[];
  gear: { name: string; dailyRateCents: number }[];
}): Price {
  const minutes = billableMinutes(input.durationMinutes, input.room);
  const lines: PriceLine[] = [];
  const engineerIncluded = input.engineers.length > 0 && input.room.hourlyRateWithEngineerCents !== null;
  lines.push(roomLine(input.room, minutes, engineerIncluded ? input.room.hourlyRateWithEngineerCents! : input.room.hourlyRateCents, input.room.name));
  input.engineers.forEach((engineer, index) => {
    if (engineerIncluded && index === 0) return;
    lines.push({ kind: 'engineer', label: engineer.name, quantity: minutes, unit: 'minutes', totalCents: prorate(engineer.hourlyRateCents, minutes, 60) });
  });
  const days = Math.max(1, Math.ceil(input.durationMinutes / (24 * 60)));
  for (const item of input.gear) lines.push({ kind: 'gear', label: item.name, quantity: days, unit: 'days', totalCents: item.dailyRateCents * days });
  return { totalCents: lines.reduce((sum, line) => sum + line.totalCents, 0), lines };
}
