import { describe, expect, it } from 'vitest';
import { InTurn } from './in-turn.ts';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('InTurn', () => {
  it('starts a save only when the one before it is answered, so the server sees them in the order made', async () => {
    const saves = new InTurn();
    const started: string[] = [];
    const first = deferred();
    const a = saves.run(async () => {
      started.push('first');
      await first.promise;
    });
    const b = saves.run(async () => {
      started.push('second');
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual(['first']);
    expect(saves.busy).toBe(true);
    first.resolve();
    await a;
    expect(saves.busy).toBe(true); // the second is still to come: no refresh yet
    await b;
    expect(started).toEqual(['first', 'second']);
    expect(saves.busy).toBe(false);
  });

  it('goes on with the next save after one fails, and hands the failure to its caller', async () => {
    const saves = new InTurn();
    const failing = saves.run(() => Promise.reject(new Error('refused')));
    const next = saves.run(() => Promise.resolve('saved'));
    await expect(failing).rejects.toThrow('refused');
    await expect(next).resolves.toBe('saved');
    expect(saves.busy).toBe(false);
  });
});
