/**
 * Saves that must reach the server in the order the user made them, one after another. Two quick moves of a list
 * sent side by side can be handled by the server in either order, and the older order would then be the one kept;
 * here each save starts once the one before it has been answered (failed or not).
 */
export class InTurn {
  private tail: Promise<unknown> = Promise.resolve();
  private unfinished = 0;

  /** Runs `save` after the saves handed in before it; settles as `save` does. */
  run<R>(save: () => Promise<R>): Promise<R> {
    this.unfinished++;
    const result = this.tail.then(async () => {
      try {
        return await save();
      } finally {
        // Before `result` settles: whoever awaits it already sees whether more saves follow.
        this.unfinished--;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** True while a save handed in is not yet answered: a refresh now would show an order about to change. */
  get busy(): boolean {
    return this.unfinished > 0;
  }
}
