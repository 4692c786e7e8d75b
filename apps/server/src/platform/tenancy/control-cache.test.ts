/**
 * Issue #14: the calls of one page (a tRPC batch) ask the same session and membership at once; one control
 * query answers them all, and a load begun before a change is never handed to a caller arriving after it.
 */
import { describe, expect, it } from 'vitest';
import { ControlCache } from './control-cache.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('control cache look-ups at once', () => {
  it('runs one load for the same key asked by several calls together, and stores it', async () => {
    const cache = new ControlCache(() => true);
    const row = deferred<{ id: string }>();
    let loads = 0;
    const lookup = {
      key: 'u1@studio',
      tagsOf: () => ({ studioId: 's1', userId: 'u1' }),
      load: () => {
        loads++;
        return row.promise;
      },
    };
    const answers = Promise.all(Array.from({ length: 8 }, () => cache.membership(lookup)));
    row.resolve({ id: 'm1' });
    expect(await answers).toEqual(Array.from({ length: 8 }, () => ({ id: 'm1' })));
    expect(loads).toBe(1);
    expect(await cache.membership(lookup)).toEqual({ id: 'm1' });
    expect(loads).toBe(1);
  });

  it('does not hand a load begun before a change to a caller arriving after it', async () => {
    const cache = new ControlCache(() => true);
    const before = deferred<{ role: string }>();
    const after = deferred<{ role: string }>();
    const pending = [before, after];
    let loads = 0;
    const lookup = {
      key: 'u1@studio',
      tagsOf: () => ({ studioId: 's1', userId: 'u1' }),
      load: () => pending[loads++]!.promise,
    };
    const first = cache.membership(lookup);
    cache.changed({ table: 'memberships', key: ['s1', 'u1'] }); // the role changed while the first load ran
    const second = cache.membership(lookup);
    before.resolve({ role: 'engineer' });
    after.resolve({ role: 'manager' });
    expect(await first).toEqual({ role: 'engineer' });
    expect(await second).toEqual({ role: 'manager' });
    expect(loads).toBe(2);
    // Only the load begun after the change is kept.
    expect(await cache.membership(lookup)).toEqual({ role: 'manager' });
    expect(loads).toBe(2);
  });

  it('keys loads per shelf: a session and a membership with the same key are different look-ups', async () => {
    const cache = new ControlCache(() => true);
    const loaded: string[] = [];
    const lookup = (what: string) => ({ key: 'same', tagsOf: () => ({}), load: async () => (loaded.push(what), what) });
    expect(await Promise.all([cache.session(lookup('session')), cache.membership(lookup('membership'))])).toEqual(['session', 'membership']);
    expect(loaded.sort()).toEqual(['membership', 'session']);
  });

  it('lets a failed load fail every caller that joined it, and the next caller load again', async () => {
    const cache = new ControlCache(() => true);
    let loads = 0;
    const failing = { key: 'k', tagsOf: () => ({}), load: () => (loads++ === 0 ? Promise.reject(new Error('control database busy')) : Promise.resolve('ok')) };
    const together = await Promise.allSettled([cache.studio(failing), cache.studio(failing)]);
    expect(together.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await cache.studio(failing)).toBe('ok');
    expect(loads).toBe(2);
  });
});
