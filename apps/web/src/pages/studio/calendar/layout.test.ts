// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dayKeyOf, instantAt, minutesFromDay, shiftAnchor, startOfWeekKey, viewRange } from './dates.ts';
import {
  assignLanes,
  clickSpan,
  createColumnLayout,
  createSpan,
  gridStartMinute,
  layoutColumn,
  moveSpan,
  resizeSpan,
  sessionsByColumn,
  type LayoutSession,
  type Placed,
} from './layout.ts';

const PARIS = 'Europe/Paris';
let nextId = 0;

function session(day: string, from: string, to: string, extra: Partial<LayoutSession> = {}, timeZone = PARIS): LayoutSession {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const endDay = minutes(to) <= minutes(from) ? addDays(day, 1) : day;
  nextId += 1;
  return {
    id: `s${String(nextId).padStart(4, '0')}`,
    roomId: 'room-a',
    engineerIds: [],
    startsAt: instantAt(day, minutes(from), timeZone).toISOString(),
    endsAt: instantAt(endDay, minutes(to), timeZone).toISOString(),
    ...extra,
  };
}

function block(startMin: number, endMin: number, id = `b${startMin}-${endMin}-${Math.random()}`): Placed {
  return { session: { id, roomId: 'r', engineerIds: [], startsAt: '', endsAt: '' }, fromMin: startMin, toMin: endMin, startMin, endMin, lane: 0, lanes: 1 };
}

describe('dates', () => {
  it('builds view ranges from studio midnights, DST included', () => {
    const week = viewRange('week', '2027-03-31', PARIS);
    expect(week.days[0]).toBe('2027-03-29');
    expect(week.days).toHaveLength(7);
    const spring = viewRange('week', '2027-03-28', PARIS);
    expect(spring.from.toISOString()).toBe('2027-03-21T23:00:00.000Z');
    expect(spring.to.toISOString()).toBe('2027-03-28T22:00:00.000Z');
    const month = viewRange('month', '2027-02-14', PARIS);
    expect(month.days[0]).toBe('2027-02-01');
    expect(month.days).toHaveLength(42);
    expect(viewRange('day', '2027-10-31', PARIS).to.getTime() - viewRange('day', '2027-10-31', PARIS).from.getTime()).toBe(25 * 3_600_000);
  });

  it('moves the anchor by a day, a week or a month', () => {
    expect(shiftAnchor('day', '2027-02-28', 1)).toBe('2027-03-01');
    expect(shiftAnchor('week', '2027-01-03', -1)).toBe('2026-12-27');
    expect(shiftAnchor('month', '2027-01-31', 1)).toBe('2027-02-01');
    expect(startOfWeekKey('2027-01-03')).toBe('2026-12-28');
  });

  it('measures wall minutes from a day, across midnight', () => {
    expect(minutesFromDay('2027-05-10', new Date(instantAt('2027-05-11', 90, PARIS)), PARIS)).toBe(1440 + 90);
    expect(minutesFromDay('2027-05-10', new Date(instantAt('2027-05-09', 1380, PARIS)), PARIS)).toBe(-60);
    expect(dayKeyOf(new Date('2027-05-10T22:30:00Z'), PARIS)).toBe('2027-05-11');
  });
});

describe('assignLanes', () => {
  it('puts non-overlapping blocks in one lane and touching blocks do not overlap', () => {
    const laid = assignLanes([block(600, 660), block(660, 720), block(800, 900)]);
    expect(laid.map((b) => [b.lane, b.lanes])).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
  });

  it('gives overlapping blocks side-by-side lanes, reusing freed lanes', () => {
    const laid = assignLanes([block(600, 720, 'a'), block(630, 690, 'b'), block(700, 760, 'c'), block(900, 960, 'd')]);
    const byId = Object.fromEntries(laid.map((b) => [b.session.id, [b.lane, b.lanes]]));
    expect(byId).toEqual({ a: [0, 2], b: [1, 2], c: [1, 2], d: [0, 1] });
  });

  it('never lets two overlapping blocks share a lane, and lanes stay below the lane count (property)', () => {
    const spans = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 1400 }), fc.integer({ min: 15, max: 300 })).map(([start, length]) => [start, Math.min(1440, start + length)] as const),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(spans, (input) => {
        const laid = assignLanes(input.map(([start, end], index) => block(start, end, `x${index}`)));
        expect(laid).toHaveLength(input.length);
        for (const a of laid) {
          expect(a.lane).toBeLessThan(a.lanes);
          for (const b of laid) {
            if (a === b) continue;
            const overlap = a.startMin < b.endMin && b.startMin < a.endMin;
            if (overlap) {
              expect(a.lane).not.toBe(b.lane);
              expect(a.lanes).toBe(b.lanes);
            }
          }
        }
      }),
    );
  });
});

describe('placing sessions in columns', () => {
  it('puts a session in its room column on its day, at its wall-clock minutes', () => {
    const a = session('2027-05-10', '10:00', '12:00');
    const b = session('2027-05-10', '11:00', '13:00', { roomId: 'room-b' });
    const columns = [
      { key: 'a', day: '2027-05-10', roomId: 'room-a' },
      { key: 'b', day: '2027-05-10', roomId: 'room-b' },
    ];
    const [colA, colB] = createColumnLayout()([a, b], columns, PARIS);
    expect(colA!.map((p) => [p.session.id, p.startMin, p.endMin])).toEqual([[a.id, 600, 720]]);
    expect(colB!.map((p) => [p.session.id, p.startMin, p.endMin])).toEqual([[b.id, 660, 780]]);
  });

  it('splits a session across midnight over two day columns', () => {
    const late = session('2027-05-10', '22:00', '02:00');
    const week = viewRange('week', '2027-05-10', PARIS).days.map((day) => ({ key: day, day }));
    const placed = createColumnLayout()([late], week, PARIS);
    expect(placed[0]!.map((p) => [p.startMin, p.endMin, p.fromMin, p.toMin])).toEqual([[1320, 1440, 1320, 1560]]);
    expect(placed[1]!.map((p) => [p.startMin, p.endMin, p.fromMin, p.toMin])).toEqual([[0, 120, -120, 120]]);
    expect(placed.slice(2).every((column) => column.length === 0)).toBe(true);
  });

  it('does not show a session ending at midnight on the next day', () => {
    const evening = session('2027-05-10', '20:00', '00:00');
    const columns = [
      { key: 'mon', day: '2027-05-10' },
      { key: 'tue', day: '2027-05-11' },
    ];
    expect(sessionsByColumn([evening], columns, PARIS).map((c) => c.length)).toEqual([1, 0]);
  });

  it('shows a session in every engineer column it books', () => {
    const both = session('2027-05-10', '10:00', '12:00', { engineerIds: ['e1', 'e2'] });
    const columns = ['e1', 'e2', 'e3'].map((engineerId) => ({ key: engineerId, day: '2027-05-10', engineerId }));
    expect(sessionsByColumn([both], columns, PARIS).map((c) => c.length)).toEqual([1, 1, 0]);
  });

  it('places by the studio zone, not the machine zone', () => {
    const ny = session('2027-05-10', '09:00', '10:00', {}, 'America/New_York');
    const [column] = createColumnLayout()([ny], [{ key: 'x', day: '2027-05-10' }], 'America/New_York');
    expect(column![0]).toMatchObject({ startMin: 540, endMin: 600 });
  });

  it('draws a session on the spring-forward day by its wall clock (01:00–04:00 is 3 rows of hours for 2 real hours)', () => {
    const night = session('2027-03-28', '01:00', '04:00');
    expect(Date.parse(night.endsAt) - Date.parse(night.startsAt)).toBe(2 * 3_600_000);
    expect(layoutColumn([night], '2027-03-28', PARIS)[0]).toMatchObject({ startMin: 60, endMin: 240 });
  });

  it('keeps the result of unchanged columns, and re-lays out only the changed ones', () => {
    const layout = createColumnLayout<LayoutSession>();
    const a = session('2027-05-10', '10:00', '12:00');
    const b = session('2027-05-11', '10:00', '12:00');
    const columns = [
      { key: 'mon', day: '2027-05-10' },
      { key: 'tue', day: '2027-05-11' },
    ];
    const first = layout([a, b], columns, PARIS);
    const moved = { ...b, startsAt: instantAt('2027-05-11', 780, PARIS).toISOString(), endsAt: instantAt('2027-05-11', 900, PARIS).toISOString() };
    const second = layout([a, moved], columns, PARIS);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]![0]).toMatchObject({ startMin: 780, endMin: 900 });
  });

  it('lays out 500 sessions in a week, and lays them out again without recomputing unchanged columns', () => {
    const days = viewRange('week', '2027-05-10', PARIS).days;
    const rooms = Array.from({ length: 10 }, (_, index) => `room-${index}`);
    const many = Array.from({ length: 500 }, (_, index) =>
      session(days[index % 7]!, `${String(6 + (index % 17)).padStart(2, '0')}:00`, `${String(7 + (index % 17)).padStart(2, '0')}:30`, {
        roomId: rooms[index % 10]!,
      }),
    );
    const columns = days.map((day) => ({ key: day, day }));
    const layout = createColumnLayout<LayoutSession>();
    const placed = layout(many, columns, PARIS);
    expect(placed.flat()).toHaveLength(500);
    // The same sessions in a new array: every column is reused as is (no wall-clock bound, which a busy machine breaks).
    const again = layout([...many], columns, PARIS);
    again.forEach((column, index) => expect(column).toBe(placed[index]));
  });

  it('starts the grid at 06:00 unless a block starts earlier', () => {
    expect(gridStartMinute([[block(600, 660)]])).toBe(360);
    expect(gridStartMinute([[block(600, 660)], [block(150, 300)]])).toBe(120);
  });
});

describe('drag arithmetic', () => {
  it('creates whole slots between press and release, in either direction', () => {
    expect(createSpan(605, 718, 30)).toEqual({ startMin: 600, endMin: 720 });
    expect(createSpan(718, 605, 30)).toEqual({ startMin: 600, endMin: 720 });
    expect(createSpan(600, 601, 30)).toEqual({ startMin: 600, endMin: 630 });
    expect(createSpan(1430, 1500, 30)).toEqual({ startMin: 1410, endMin: 1440 });
  });

  it('a click books the default length from the slot under the pointer', () => {
    expect(clickSpan(615, 30, 60)).toEqual({ startMin: 600, endMin: 660 });
    expect(clickSpan(1430, 30, 120)).toEqual({ startMin: 1320, endMin: 1440 });
    expect(clickSpan(600, 15, 50)).toEqual({ startMin: 600, endMin: 660 });
  });

  it('moves by whole steps and keeps the length', () => {
    expect(moveSpan(600, 720, 44, 30)).toEqual({ fromMin: 630, toMin: 750 });
    expect(moveSpan(600, 720, -700, 30)).toEqual({ fromMin: 0, toMin: 120 });
    // A block that began the day before may keep starting the day before.
    expect(moveSpan(-120, 120, 30, 30)).toEqual({ fromMin: -90, toMin: 150 });
  });

  it('resizes the end by whole steps, never below the minimum length', () => {
    expect(resizeSpan(600, 720, 40, 30, 60)).toEqual({ fromMin: 600, toMin: 750 });
    expect(resizeSpan(600, 720, -200, 30, 60)).toEqual({ fromMin: 600, toMin: 660 });
    expect(resizeSpan(600, 720, 2000, 30, 60)).toEqual({ fromMin: 600, toMin: 1440 });
  });
});
