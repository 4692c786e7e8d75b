// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { feedFormSchema, feedTitle, webcalUrl } from './feed-form.ts';

const ROOM = '7f1c1c9e-2b7c-4c55-9a55-1f0b7d1f6a11';

describe('feedFormSchema', () => {
  it('drops the room or engineer of a whole-studio feed', () => {
    expect(feedFormSchema.parse({ scope: 'studio', resourceId: ROOM, label: ' Front desk ' })).toEqual({
      scope: 'studio',
      resourceId: null,
      label: 'Front desk',
    });
  });

  it('needs the room or engineer of a room or engineer feed', () => {
    expect(feedFormSchema.parse({ scope: 'room', resourceId: ROOM, label: '' })).toEqual({ scope: 'room', resourceId: ROOM, label: '' });
    const result = feedFormSchema.safeParse({ scope: 'engineer', resourceId: '', label: '' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['resourceId', 'errors.required']]);
  });

  it('keeps names short', () => {
    expect(feedFormSchema.safeParse({ scope: 'studio', resourceId: '', label: 'x'.repeat(81) }).error?.issues[0]?.message).toBe('errors.too_long');
  });
});

describe('feed names and addresses', () => {
  it('subscribes with webcal://', () => {
    expect(webcalUrl('https://studio.example.com/ical/abc.ics')).toBe('webcal://studio.example.com/ical/abc.ics');
    expect(webcalUrl('http://localhost:3000/ical/abc.ics')).toBe('webcal://localhost:3000/ical/abc.ics');
  });

  it('names a feed by its label, else by what it shows', () => {
    const rooms = [{ id: ROOM, name: 'Live Room' }];
    expect(feedTitle({ scope: 'room', resourceId: ROOM, label: 'Desk' }, rooms, [])).toEqual({ label: 'Desk' });
    expect(feedTitle({ scope: 'room', resourceId: ROOM, label: '' }, rooms, [])).toEqual({ scope: 'room', name: 'Live Room' });
    expect(feedTitle({ scope: 'engineer', resourceId: ROOM, label: '' }, rooms, [])).toEqual({ scope: 'engineer', name: null });
    expect(feedTitle({ scope: 'studio', resourceId: null, label: '' }, rooms, [])).toEqual({ scope: 'studio', name: null });
  });
});
