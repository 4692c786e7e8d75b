/**
 * `node --import tsx bench/availability.ts [-- --runs 200 --busy 300]`
 *
 * Prints figures (not a pass/fail test) for freeSlots, the pure availability function: one room over a
 * month in Europe/Paris (the spring-forward day included) with N busy ranges, in its three uses —
 * free intervals, every start of a 2-hour session, and the same with an engineer. No database.
 */
import { freeSlots, type AvailabilityInput, type TimeRange } from '../apps/server/src/modules/booking/availability.ts';
import { saveResults, arg, ms, summarize } from './lib.ts';

const RUNS = arg('runs', 200);
const BUSY = arg('busy', 300);
const WARMUP = 20;
const MINUTE = 60_000;

/** A small deterministic generator, so that every run measures the same month. */
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const from = new Date('2027-03-01T00:00:00+01:00');
const to = new Date('2027-04-01T00:00:00+02:00');
const span = to.getTime() - from.getTime();
const busy: TimeRange[] = Array.from({ length: BUSY }, () => {
  const start = from.getTime() + Math.floor((random() * span) / (30 * MINUTE)) * 30 * MINUTE;
  return { startsAt: new Date(start), endsAt: new Date(start + (30 + Math.floor(random() * 3) * 30) * MINUTE) };
}).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
const everyDay = (opensAt: string, closesAt: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt, closesAt }));

const base: AvailabilityInput = {
  timeZone: 'Europe/Paris',
  from,
  to,
  now: new Date('2027-02-28T12:00:00+01:00'),
  room: { setupBufferMinutes: 30, teardownBufferMinutes: 30, minDurationMinutes: 60, incrementMinutes: 30 },
  openingHours: [...everyDay('09:00', '23:00'), { weekday: 5, opensAt: '23:00', closesAt: '03:00' }],
  closures: [{ startsAt: new Date('2027-03-15T00:00:00+01:00'), endsAt: new Date('2027-03-16T00:00:00+01:00') }],
  busy,
  minimumNoticeMinutes: 120,
  bookingWindowDays: 90,
};
const engineer = {
  hours: everyDay('10:00', '20:00'),
  timeOff: [{ startsAt: new Date('2027-03-20T00:00:00+01:00'), endsAt: new Date('2027-03-22T00:00:00+01:00') }],
  busy: busy.filter((_, i) => i % 3 === 0),
};

const cases: [string, AvailabilityInput][] = [
  ['free intervals', base],
  ['2-hour starts', { ...base, durationMinutes: 120 }],
  ['2-hour starts + engineer', { ...base, durationMinutes: 120, engineer }],
];

console.log(`bench:availability — one room, one month, ${BUSY} busy ranges, ${RUNS} runs per case (after ${WARMUP} warm-up runs)`);
const results: Record<string, unknown> = { runs: RUNS, busy: BUSY, date: new Date().toISOString() };
for (const [name, input] of cases) {
  let slots = 0;
  for (let i = 0; i < WARMUP; i++) slots = freeSlots(input).length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    freeSlots(input);
    times.push(performance.now() - started);
  }
  const figures = summarize(times);
  results[name] = { ...figures, slots };
  console.log(
    `  ${name.padEnd(26)} ${String(slots).padStart(5)} slots   p50 ${ms(figures.p50)}   p95 ${ms(figures.p95)}   p99 ${ms(figures.p99)}   max ${ms(figures.max)}`,
  );
}

saveResults('availability', results);
