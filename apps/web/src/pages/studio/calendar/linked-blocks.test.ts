// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { instantAt } from './dates.ts';
import { blockingSpan, linkedBlocksByColumn, type LinkedSession } from './linked-blocks.ts';

const PARIS = 'Europe/Paris';
const DAY = '2027-05-10';

function session(id: string, roomId: string, from: number, to: number, linkedRoomIds: string[] = [], day = DAY): LinkedSession {
  return { id, roomId, engineerIds: [], startsAt: instantAt(day, from, PARIS).toISOString(), endsAt: instantAt(day, to, PARIS).toISOString(), linkedRoomIds };
}

describe('linked-room blocks', () => {
  const tracking = session('tracking', 'studio-a', 14 * 60, 18 * 60, ['booth']);
  const vocals = session('vocals', 'booth', 10 * 60, 11 * 60);
  const tomorrow = session('tomorrow', 'studio-a', 14 * 60, 15 * 60, ['booth'], '2027-05-11');
  const columns = [
    { key: 'studio-a', day: DAY, roomId: 'studio-a' },
    { key: 'booth', day: DAY, roomId: 'booth' },
  ];

  it('shade the booth’s column for the time Studio A’s session blocks it, and nothing else', () => {
    const blocks = linkedBlocksByColumn([tracking, vocals, tomorrow], columns, PARIS);
    expect(blocks[0]).toEqual([]);
    expect(blocks[1]!.map((b) => [b.session.id, b.startMin, b.endMin])).toEqual([['tracking', 14 * 60, 18 * 60]]);
  });

  it('apply in week view only when one room is shown', () => {
    const week = [
      { key: DAY, day: DAY },
      { key: '2027-05-11', day: '2027-05-11' },
    ];
    expect(linkedBlocksByColumn([tracking, tomorrow], week, PARIS)).toEqual([[], []]);
    expect(linkedBlocksByColumn([tracking, tomorrow], week, PARIS, 'booth').map((column) => column.map((b) => b.session.id))).toEqual([
      ['tracking'],
      ['tomorrow'],
    ]);
  });

  it('refuse a drop that overlaps them, and allow one that only touches', () => {
    const booth = linkedBlocksByColumn([tracking], columns, PARIS)[1];
    expect(blockingSpan(booth, 17 * 60, 19 * 60, 'vocals')?.session.id).toBe('tracking');
    expect(blockingSpan(booth, 18 * 60, 19 * 60, 'vocals')).toBeUndefined();
    expect(blockingSpan(booth, 12 * 60, 14 * 60, 'vocals')).toBeUndefined();
  });
});
