/**
 * A database reading made for /metrics: run at scrape time, never per request, and reused for `ttlMs` so that
 * several scrapers (or a dashboard refreshing often) cost one query. Concurrent scrapes share the query in
 * flight. A failed reading yields null (the series are left out of that scrape) and is retried next scrape.
 */
export class CachedProbe<T> {
  private value: T | null = null;
  private readAt = -Infinity;
  private inFlight: Promise<T | null> | null = null;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get(): Promise<T | null> {
    if (performance.now() - this.readAt < this.ttlMs) return Promise.resolve(this.value);
    this.inFlight ??= this.read()
      .then((value) => {
        this.value = value;
        this.readAt = performance.now();
        return value;
      })
      .catch((error: unknown) => {
        this.onError(error);
        return null;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }
}
