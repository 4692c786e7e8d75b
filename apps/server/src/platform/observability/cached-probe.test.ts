import { describe, expect, it, vi } from 'vitest';
import { CachedProbe } from './cached-probe.ts';

describe('a cached metrics probe', () => {
  it('reads once per period, shares a reading in flight, and retries after a failure', async () => {
    let reads = 0;
    let fail = false;
    const onError = vi.fn();
    const probe = new CachedProbe(
      async () => {
        reads++;
        if (fail) throw new Error('database gone');
        return reads;
      },
      60_000,
      onError,
    );
    const [a, b] = await Promise.all([probe.get(), probe.get()]);
    expect([a, b, reads]).toEqual([1, 1, 1]);
    expect(await probe.get()).toBe(1);
    expect(reads).toBe(1);

    const expired = new CachedProbe(
      async () => {
        reads++;
        if (fail) throw new Error('database gone');
        return reads;
      },
      0,
      onError,
    );
    fail = true;
    expect(await expired.get()).toBeNull();
    expect(onError).toHaveBeenCalledOnce();
    fail = false;
    expect(await expired.get()).toBe(reads);
  });
});
