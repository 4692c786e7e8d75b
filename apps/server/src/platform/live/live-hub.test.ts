import { describe, expect, it, vi } from 'vitest';
import { formatLiveNotice, LiveHub, parseLiveNotice, tabIdOf } from './live-hub.ts';

const STUDIO = '0b6c3f5e-8a4d-4f3e-9c1a-2b3c4d5e6f70';
const logger = { warn: vi.fn() } as never;

describe('live notices', () => {
  it('round-trip through the NOTIFY payload', () => {
    const notice = { studioId: STUDIO, area: 'sessions', tab: 'a1b2c3d4e5f6' };
    expect(parseLiveNotice(formatLiveNotice(notice))).toEqual(notice);
    expect(parseLiveNotice(formatLiveNotice({ ...notice, tab: null }))).toEqual({ ...notice, tab: null });
  });

  it('drop malformed payloads and implausible tab ids', () => {
    expect(parseLiveNotice('not-a-uuid|rooms|')).toBeNull();
    expect(parseLiveNotice(`${STUDIO}|rooms; drop table|`)).toBeNull();
    expect(parseLiveNotice(`${STUDIO}||`)).toBeNull();
    expect(parseLiveNotice(`${STUDIO}|rooms|<script>`)).toEqual({ studioId: STUDIO, area: 'rooms', tab: null });
    expect(tabIdOf('short')).toBeNull();
    expect(tabIdOf(['a1b2c3d4e5f6'])).toBeNull();
    expect(tabIdOf('a'.repeat(65))).toBeNull();
  });

  it('reach only the listeners of their studio, until they stop listening; a reset reaches all', () => {
    const hub = new LiveHub(null, logger);
    const mine = vi.fn();
    const theirs = vi.fn();
    const stop = hub.listen(STUDIO, mine);
    hub.listen('1b6c3f5e-8a4d-4f3e-9c1a-2b3c4d5e6f70', theirs);
    expect(hub.size).toBe(2);
    hub.deliver({ studioId: STUDIO, area: 'money', tab: null });
    expect(mine).toHaveBeenCalledWith({ studioId: STUDIO, area: 'money', tab: null });
    expect(theirs).not.toHaveBeenCalled();
    hub.reset();
    expect(theirs).toHaveBeenCalledWith({ reset: true });
    stop();
    stop();
    expect(hub.size).toBe(1);
    hub.deliver({ studioId: STUDIO, area: 'money', tab: null });
    expect(mine).toHaveBeenCalledTimes(2);
  });
});
