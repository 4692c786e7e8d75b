/**
 * The look-ups every request makes in the control database — the session behind the cookie, the
 * caller's membership of the studio in the URL, a studio by its address — kept in memory so a busy
 * studio's requests cost no control round trip (issue #14: each round trip is a system call pair and
 * a query's CPU on both sides).
 *
 * Correctness comes from the control database itself: triggers announce every change to those rows
 * (ControlChangeListener) and the matching entries are dropped at once, on every server. While the
 * listener is not connected the cache stands aside (every look-up goes to the database). A look-up that
 * raced with a change is not stored (generation check), and entries live at most ENTRY_TTL_MS anyway: five
 * minutes, so a user reading a page for a minute, or a studio visited now and then, still finds its session
 * and membership here (each miss is two control round trips on the way to the studio's first page).
 * Misses are never cached, so inserts (a new session) need no notice; a studio's team figures are the
 * exception, and inserts into memberships are announced as well.
 */
import type { ControlChange, ControlChangeSubscriber } from '../postgres/control-changes.ts';

const ENTRY_TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 20_000;

interface Entry<T> {
  value: T;
  at: number;
  studioId: string | null;
  userId: string | null;
}

class Shelf<T> {
  readonly entries = new Map<string, Entry<T>>();

  constructor(readonly name: string) {}

  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.at > ENTRY_TTL_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!); // oldest first
  }

  dropWhere(match: (key: string, entry: Entry<T>) => boolean): void {
    for (const [key, entry] of this.entries) if (match(key, entry)) this.entries.delete(key);
  }
}

export interface CachedLookup<T> {
  key: string;
  load: () => Promise<T | null>;
  /** Which studio / user the row belongs to, so a change to either drops it. */
  tagsOf: (value: T) => { studioId?: string | null; userId?: string | null };
}

export class ControlCache implements ControlChangeSubscriber {
  private readonly shelves = {
    sessions: new Shelf<unknown>('sessions'),
    memberships: new Shelf<unknown>('memberships'),
    studios: new Shelf<unknown>('studios'),
    /** Per studio, what is counted over all its memberships (the dashboard's team size). */
    teams: new Shelf<unknown>('teams'),
  };
  /** Bumped by every change or reset: a load that started before a bump is not stored (nor joined). */
  private generation = 0;
  /**
   * Loads under way, per shelf and key: the calls of one page (a tRPC batch) ask the same membership at once,
   * and one query answers them all. A load begun before a change is not joined by a caller arriving after it.
   */
  private readonly loading = new Map<string, { generation: number; promise: Promise<unknown> }>();
  hits = 0;
  misses = 0;

  constructor(private readonly isLive: () => boolean) {}

  session<T>(lookup: CachedLookup<T>): Promise<T | null> {
    return this.through(this.shelves.sessions as Shelf<T>, lookup);
  }

  membership<T>(lookup: CachedLookup<T>): Promise<T | null> {
    return this.through(this.shelves.memberships as Shelf<T>, lookup);
  }

  studio<T>(lookup: CachedLookup<T>): Promise<T | null> {
    return this.through(this.shelves.studios as Shelf<T>, lookup);
  }

  /** A figure over all the studio's memberships: dropped when any membership of the studio is added, changed or removed. */
  team<T>(lookup: CachedLookup<T>): Promise<T | null> {
    return this.through(this.shelves.teams as Shelf<T>, lookup);
  }

  private async through<T>(shelf: Shelf<T>, { key, load, tagsOf }: CachedLookup<T>): Promise<T | null> {
    if (!this.isLive()) return load();
    const cached = shelf.get(key, Date.now());
    if (cached !== undefined) {
      this.hits++;
      return cached;
    }
    const generation = this.generation;
    const flightKey = `${shelf.name}\u0000${key}`;
    const inFlight = this.loading.get(flightKey);
    if (inFlight && inFlight.generation === generation) {
      this.hits++;
      return inFlight.promise as Promise<T | null>;
    }
    this.misses++;
    const promise = load().then((value) => {
      if (value !== null && generation === this.generation && this.isLive()) {
        const tags = tagsOf(value);
        shelf.set(key, { value, at: Date.now(), studioId: tags.studioId ?? null, userId: tags.userId ?? null });
      }
      return value;
    });
    this.loading.set(flightKey, { generation, promise });
    const forget = () => {
      if (this.loading.get(flightKey)?.promise === promise) this.loading.delete(flightKey);
    };
    promise.then(forget, forget);
    return promise;
  }

  /**
   * This server is writing rows of `table` (see watchControlWrites): drop every entry the write may
   * touch now and again when it commits, so the next request of this very server never sees the old
   * row, without waiting for the notice to come back.
   */
  wrote(table: string): void {
    this.generation++;
    const { sessions, memberships, studios, teams } = this.shelves;
    if (table === 'auth_sessions' || table === 'users') sessions.entries.clear();
    if (table !== 'auth_sessions') memberships.entries.clear();
    if (table === 'memberships' || table === 'users') teams.entries.clear();
    if (table === 'studios' || table === 'tenant_databases') studios.entries.clear();
  }

  /** Drop what a committed change may have made stale. */
  changed({ table, key }: ControlChange): void {
    this.generation++;
    const { sessions, memberships, studios, teams } = this.shelves;
    switch (table) {
      case 'auth_sessions':
        sessions.entries.delete(`session:${key[0]}`);
        return;
      case 'users':
        sessions.dropWhere((_, e) => e.userId === key[0]);
        memberships.dropWhere((_, e) => e.userId === key[0]);
        return;
      case 'memberships':
        memberships.dropWhere((_, e) => e.studioId === key[0] && e.userId === key[1]);
        teams.dropWhere((_, e) => e.studioId === key[0]); // inserts are announced too (control migration 0011)
        return;
      case 'studios':
      case 'tenant_databases':
        memberships.dropWhere((_, e) => e.studioId === key[0]);
        studios.dropWhere((_, e) => e.studioId === key[0]);
        return;
      default:
        this.reset();
    }
  }

  reset(): void {
    this.generation++;
    for (const shelf of Object.values(this.shelves)) shelf.entries.clear();
  }

  size(): number {
    return Object.values(this.shelves).reduce((n, shelf) => n + shelf.entries.size, 0);
  }
}
