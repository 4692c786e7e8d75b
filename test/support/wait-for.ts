/** Polls `what` until it answers something truthy, and returns it; throws "timed out" after `ms`. */
export async function waitFor<T>(what: () => Promise<T | null | undefined | false>, ms = 20_000, everyMs = 100): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
