/**
 * Connections to the tenant databases of one PostgreSQL cluster.
 *
 * Hundreds of studios share a cluster, so a pool per studio would exhaust
 * `max_connections`. Instead every connection to the cluster counts against
 * one global cap; each studio may hold at most a few at once; idle ones are
 * kept for reuse. When another studio needs a slot, the idle connection of
 * the least-used studio goes first (use counts decay over a few seconds), so
 * a long tail of occasional studios churns among itself instead of evicting
 * the busy studios' connections; ties go to the least recently used. Idle
 * connections are also closed after PG_IDLE_TIMEOUT_MS. When the cap is reached a
 * request waits a bounded time and then fails with `OverloadedError` (served
 * as 503 + Retry-After), never a crash.
 *
 * Opening a connection costs ~20 ms of PostgreSQL's CPU before the first query, so opens have their
 * own budget: at most `maxConcurrentOpens` at once per cluster. A studio with an idle connection never
 * waits behind them (it takes its idle connection first); a cold studio queues for an open slot and,
 * under a burst of cold studios, is shed after `coldAcquireTimeoutMs` rather than dragging every
 * request into a 40-second queue (ADR 0004).
 *
 * A page of the web app is a burst of calls to one studio. A studio already holding a connection waits
 * up to `extraOpenPatienceMs` for one of its own to come back before another is opened: queries take about
 * a millisecond, an open costs several, so one connection serves the burst (and the cluster's connection
 * count stays near the number of studios in use). While one of the studio's connections is still being
 * opened, the patience does not run out: that connection is moments away, and on a loaded machine an open
 * can outlast the patience (a cold page then opened several). Past the patience a studio under sustained load still
 * opens up to `maxPerDatabase`, and a procedure that needs a second connection of its studio gets one.
 */
import pg from 'pg';

const USE_HALF_LIFE_MS = 5_000;

export class OverloadedError extends Error {
  readonly retryAfterSeconds = 1;
  constructor(clusterId: string) {
    super(`All connections to cluster ${clusterId} are busy`);
    this.name = 'OverloadedError';
  }
}

export interface Lease {
  readonly client: pg.Client;
  readonly database: string;
  /** Give the connection back; pass `true` if it is in an unknown state and must be closed. */
  release(broken?: boolean): void;
}

export interface ClusterConnectionOptions {
  clusterId: string;
  /** Any URL of the cluster; the database name is replaced per tenant. */
  url: string;
  maxConnections: number;
  maxPerDatabase: number;
  idleTimeoutMs: number;
  acquireTimeoutMs: number;
  /** Connections being opened at once (each costs the cluster ~20 ms of CPU); default 3. */
  maxConcurrentOpens?: number;
  /** How long a studio with no connection of its own may wait before it is shed; default 500 ms. */
  coldAcquireTimeoutMs?: number;
  /** How long a studio holding a busy connection waits for it before opening another; default 20 ms. */
  extraOpenPatienceMs?: number;
  applicationName?: string;
}

interface Waiter {
  database: string;
  resolve: (lease: Lease) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  enqueuedAt: number;
  /** Until then the waiter takes only a connection its studio already has (see extraOpenPatienceMs). */
  patientUntil: number;
  patienceTimer: NodeJS.Timeout | null;
}

export interface ConnectionStats {
  clusterId: string;
  open: number;
  active: number;
  idle: number;
  waiting: number;
  databasesOpen: number;
  maxConnections: number;
  peakOpen: number;
  acquireTimeouts: number;
  /** Connections being opened right now. */
  opening: number;
}

/**
 * An error the server sends before it closes the session: FATAL or PANIC, or a code of class 08 (connection
 * exception) or 57P (operator intervention: terminated, shutting down). The code is checked too because the
 * severity text is translated when the server's messages are.
 */
export function endsTheSession(message: { severity?: string; code?: string }): boolean {
  if (message.severity === 'FATAL' || message.severity === 'PANIC') return true;
  const code = message.code ?? '';
  return code.startsWith('08') || code.startsWith('57P');
}

export function databaseUrl(clusterUrl: string, database: string): string {
  const url = new URL(clusterUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export class ClusterConnections {
  private open = 0;
  private peakOpen = 0;
  private timeouts = 0;
  private opening = 0;
  /** Connections being opened, per database. */
  private readonly openingFor = new Map<string, number>();
  private readonly active = new Map<string, number>();
  /** Idle clients in least-recently-used order (Map keeps insertion order). */
  private readonly idle = new Map<pg.Client, { database: string; since: number }>();
  private readonly waiters: Waiter[] = [];
  /** Connections that failed or ended while leased: closed, not reused, when given back. */
  private readonly lost = new WeakSet<pg.Client>();
  /** Recent use per database: +1 per acquire, halved every USE_HALF_LIFE_MS. */
  private readonly usage = new Map<string, { score: number; at: number }>();
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: ClusterConnectionOptions) {
    this.sweeper = setInterval(() => this.evictIdle(), Math.min(1_000, options.idleTimeoutMs)).unref();
  }

  get clusterId(): string {
    return this.options.clusterId;
  }

  acquire(database: string): Promise<Lease> {
    if (this.closed) return Promise.reject(new Error('connection manager is closed'));
    const patience = this.options.extraOpenPatienceMs ?? 20;
    const immediate = this.tryAcquire(database, patience <= 0);
    if (immediate) return immediate;
    // A studio that holds connections gets one back as soon as a request of its own finishes; a cold
    // one needs an open, the scarce resource under a burst, so it is shed sooner.
    const cold = !this.holdsConnections(database);
    const timeoutMs = cold ? Math.min(this.options.acquireTimeoutMs, this.options.coldAcquireTimeoutMs ?? 500) : this.options.acquireTimeoutMs;
    return new Promise<Lease>((resolve, reject) => {
      const now = Date.now();
      const waiter: Waiter = {
        database,
        resolve,
        reject,
        enqueuedAt: now,
        patientUntil: cold ? now : now + patience,
        // When the patience is over the waiter may open a connection of its own: look again then.
        patienceTimer: cold ? null : setTimeout(() => this.dispatch(), patience),
        timer: setTimeout(() => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          if (waiter.patienceTimer) clearTimeout(waiter.patienceTimer);
          this.timeouts++;
          reject(new OverloadedError(this.options.clusterId));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  stats(): ConnectionStats {
    const databases = new Set<string>();
    for (const { database } of this.idle.values()) databases.add(database);
    for (const [database, count] of this.active) if (count > 0) databases.add(database);
    let active = 0;
    for (const count of this.active.values()) active += count;
    return {
      clusterId: this.options.clusterId,
      open: this.open,
      active,
      idle: this.idle.size,
      waiting: this.waiters.length,
      databasesOpen: databases.size,
      maxConnections: this.options.maxConnections,
      peakOpen: this.peakOpen,
      acquireTimeouts: this.timeouts,
      opening: this.opening,
    };
  }

  /** Connections of one database in use now (the cluster-wide count in stats() includes other studios' work). */
  activeFor(database: string): number {
    return this.active.get(database) ?? 0;
  }

  resetPeak(): void {
    this.peakOpen = this.open;
  }

  /** Close idle connections to a database (before dropping or cloning it). */
  async closeDatabase(database: string): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [client, entry] of this.idle) {
      if (entry.database === database) closing.push(this.destroy(client));
    }
    await Promise.all(closing);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      if (waiter.patienceTimer) clearTimeout(waiter.patienceTimer);
      waiter.reject(new Error('connection manager is closing'));
    }
    await Promise.all([...this.idle.keys()].map((client) => this.destroy(client)));
  }

  /**
   * Returns a lease promise if one can be had now without waiting, else null. Without `mayOpenExtra`, a
   * studio whose connections are all busy waits for one of them rather than opening another.
   */
  private tryAcquire(database: string, mayOpenExtra: boolean): Promise<Lease> | null {
    const busy = this.active.get(database) ?? 0;
    if (busy >= this.options.maxPerDatabase) return null;
    for (const [client, entry] of this.idle) {
      if (entry.database !== database) continue;
      this.recordUse(database);
      this.idle.delete(client);
      this.markActive(database, +1);
      return Promise.resolve(this.lease(client, database));
    }
    if (busy > 0 && (!mayOpenExtra || this.openingFor.has(database))) return null;
    if (this.opening >= (this.options.maxConcurrentOpens ?? 3)) return null;
    if (this.open >= this.options.maxConnections) {
      const victim = this.evictionCandidate();
      if (!victim) return null;
      void this.destroy(victim); // free a slot held by an idle connection of a less busy studio
    }
    this.recordUse(database);
    return this.connect(database);
  }

  private holdsConnections(database: string): boolean {
    if ((this.active.get(database) ?? 0) > 0) return true;
    for (const entry of this.idle.values()) if (entry.database === database) return true;
    return false;
  }

  private score(database: string, now: number): number {
    const entry = this.usage.get(database);
    if (!entry) return 0;
    return entry.score * 0.5 ** ((now - entry.at) / USE_HALF_LIFE_MS);
  }

  private recordUse(database: string): void {
    const now = Date.now();
    this.usage.set(database, { score: this.score(database, now) + 1, at: now });
  }

  /** The idle connection whose studio has been used least lately (the oldest among equals). */
  private evictionCandidate(): pg.Client | null {
    const now = Date.now();
    let best: pg.Client | null = null;
    let bestScore = Number.POSITIVE_INFINITY;
    const idlePerDatabase = new Map<string, number>();
    for (const { database } of this.idle.values()) idlePerDatabase.set(database, (idlePerDatabase.get(database) ?? 0) + 1);
    for (const [client, { database }] of this.idle) {
      // A studio's spare idle connections go before another studio's last one.
      const score = this.score(database, now) / (idlePerDatabase.get(database) ?? 1);
      if (score < bestScore) {
        best = client;
        bestScore = score;
      }
    }
    return best;
  }

  private async connect(database: string): Promise<Lease> {
    this.open++;
    this.peakOpen = Math.max(this.peakOpen, this.open);
    this.markActive(database, +1);
    const client = new pg.Client({
      connectionString: databaseUrl(this.options.url, database),
      application_name: this.options.applicationName ?? 'rsm-tenant',
      statement_timeout: 30_000,
      // A request's read calls share a connection and send their queries without waiting for each other's answers
      // (shared-reads.ts, ADR 26); used by one caller at a time, a pipelined connection behaves as any other.
      pipeline: true,
    });
    const closedByServer = () => {
      // A connection the server closed while idle: forget it. An active one surfaces the error to its query and is
      // closed when given back, whoever gives it back (a procedure may not look at why its query failed).
      if (this.idle.has(client)) void this.destroy(client);
      else this.lost.add(client);
    };
    client.on('error', closedByServer);
    client.on('end', closedByServer);
    // A session the server ends while a query runs (terminated, shut down) fails that query first and closes the
    // socket a moment later: without this, a holder that gives the connection back at once would return it to the
    // idle set before 'end' arrives, and the studio's next call would get a dead connection.
    client.connection.on('errorMessage', (message: { severity?: string; code?: string }) => {
      if (endsTheSession(message)) this.lost.add(client);
    });
    this.opening++;
    this.openingFor.set(database, (this.openingFor.get(database) ?? 0) + 1);
    const opened = () => {
      this.opening--;
      const left = (this.openingFor.get(database) ?? 1) - 1;
      if (left > 0) this.openingFor.set(database, left);
      else this.openingFor.delete(database);
    };
    try {
      await client.connect();
    } catch (error) {
      opened();
      this.open--;
      this.markActive(database, -1);
      this.dispatch();
      throw error;
    }
    opened();
    this.renewPatience(database);
    this.dispatch(); // an open slot is free again for a waiting cold studio
    return this.lease(client, database);
  }

  private lease(client: pg.Client, database: string): Lease {
    let released = false;
    return {
      client,
      database,
      release: (broken = false) => {
        if (released) return;
        released = true;
        this.markActive(database, -1);
        if (broken || this.closed || this.lost.has(client)) {
          void this.destroy(client, true);
        } else {
          this.idle.set(client, { database, since: Date.now() });
        }
        this.dispatch();
      },
    };
  }

  /** The studio's connection has just opened: its waiting calls wait for it, not for the open, from now on. */
  private renewPatience(database: string): void {
    const patience = this.options.extraOpenPatienceMs ?? 20;
    if (patience <= 0) return;
    const until = Date.now() + patience;
    for (const waiter of this.waiters) {
      if (waiter.database !== database || waiter.patienceTimer === null) continue;
      clearTimeout(waiter.patienceTimer);
      waiter.patientUntil = until;
      waiter.patienceTimer = setTimeout(() => this.dispatch(), patience);
    }
  }

  private markActive(database: string, delta: number): void {
    const next = (this.active.get(database) ?? 0) + delta;
    if (next <= 0) this.active.delete(database);
    else this.active.set(database, next);
  }

  /** Hand freed capacity to waiters, oldest first. */
  private dispatch(): void {
    const now = Date.now();
    for (let i = 0; i < this.waiters.length;) {
      const waiter = this.waiters[i]!;
      const lease = this.tryAcquire(waiter.database, now + 1 >= waiter.patientUntil); // timers may fire within the millisecond
      if (!lease) {
        i++;
        continue;
      }
      this.waiters.splice(i, 1);
      clearTimeout(waiter.timer);
      if (waiter.patienceTimer) clearTimeout(waiter.patienceTimer);
      lease.then(waiter.resolve, waiter.reject);
    }
  }

  private async destroy(client: pg.Client, wasActive = false): Promise<void> {
    const wasIdle = this.idle.delete(client);
    if (!wasIdle && !wasActive) return; // already destroyed
    this.open--;
    try {
      await client.end();
    } catch {
      // the connection is gone either way
    }
    this.dispatch();
  }

  private evictIdle(): void {
    const now = Date.now();
    for (const [database, entry] of this.usage) if (now - entry.at > 20 * USE_HALF_LIFE_MS) this.usage.delete(database);
    const cutoff = now - this.options.idleTimeoutMs;
    for (const [client, entry] of this.idle) {
      if (entry.since > cutoff) break; // LRU order: the rest are younger
      void this.destroy(client);
    }
  }
}
