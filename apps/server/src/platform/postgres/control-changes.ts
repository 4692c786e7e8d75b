/**
 * Listens to the control database's change notices (channel rsm_control_changes, sent by triggers on
 * sessions, users, memberships, studios and tenant databases — control migration "control_changes") so
 * caches of those rows are dropped as soon as any server commits a change. While the listening
 * connection is down nothing can be trusted: `connected` is false (caches stand aside), and every
 * reconnection starts from a reset.
 */
import pg from 'pg';
import type { Logger } from '../observability/logger.ts';
import { LIVE_CHANNEL, parseLiveNotice, type LiveHub } from '../live/live-hub.ts';

export const CONTROL_CHANGES_CHANNEL = 'rsm_control_changes';

export interface ControlChange {
  table: string;
  /** The row's key columns, in trigger argument order (e.g. memberships: [studioId, userId]). */
  key: string[];
}

export interface ControlChangeSubscriber {
  changed(change: ControlChange): void;
  /** Everything cached may be stale (connection lost or re-established). */
  reset(): void;
}

export function parseControlChange(payload: string): ControlChange {
  const [table = '', ...key] = payload.split(':');
  return { table, key };
}

export class ControlChangeListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = 250;
  connected = false;

  constructor(
    private readonly url: string,
    private readonly subscriber: ControlChangeSubscriber,
    private readonly logger: Logger,
    /** The live notices (live-hub.ts) ride on the same listening connection: one per server, not two. */
    private readonly live: Pick<LiveHub, 'deliver' | 'reset'> | null = null,
  ) {}

  private resetAll(): void {
    this.subscriber.reset();
    this.live?.reset();
  }

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'rsm-control-changes' });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      this.connected = false;
      this.resetAll();
      void client.end().catch(() => undefined);
      this.scheduleRetry();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === CONTROL_CHANGES_CHANNEL && message.payload) this.subscriber.changed(parseControlChange(message.payload));
      else if (message.channel === LIVE_CHANNEL && message.payload && this.live) {
        const notice = parseLiveNotice(message.payload);
        if (notice) this.live.deliver(notice);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CONTROL_CHANGES_CHANNEL}`);
      if (this.live) await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message } }, 'control change listener could not connect; look-ups go to the database meanwhile');
      void client.end().catch(() => undefined);
      this.scheduleRetry();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = 250;
    this.resetAll(); // changes made while nobody listened are unknown
    this.connected = true;
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.connected = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

const CACHED_TABLES = '(auth_sessions|users|memberships|studios|tenant_databases)';
const WRITE_STATEMENT = new RegExp(
  `^\\s*(?:update\\s+"?${CACHED_TABLES}"?|delete\\s+from\\s+"?${CACHED_TABLES}"?|insert\\s+into\\s+"?${CACHED_TABLES}"?[\\s\\S]*\\bon\\s+conflict\\b[\\s\\S]*\\bdo\\s+update\\b)`,
  'i',
);

/** The cached table a statement writes, if any (plain inserts add rows nobody cached: not counted). */
export function cachedTableWrittenBy(text: string): string | null {
  const match = WRITE_STATEMENT.exec(text);
  return match ? (match[1] ?? match[2] ?? match[3] ?? null) : null;
}

/**
 * Tells `onWrite` when this server writes a cached control row through `pool` — when the statement is
 * sent, when it completes and when its connection goes back to the pool (after a transaction's COMMIT) —
 * so the server's own cache never serves a row it has just changed. Other servers learn through the
 * notices, a few milliseconds later.
 */
export function watchControlWrites(pool: pg.Pool, onWrite: (table: string) => void): void {
  const written = new WeakMap<pg.PoolClient, Set<string>>();
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : typeof (first as { text?: unknown } | null)?.text === 'string' ? (first as { text: string }).text : '';
      const table = text ? cachedTableWrittenBy(text) : null;
      if (!table) return query(...args);
      onWrite(table);
      let tables = written.get(client as pg.PoolClient);
      if (!tables) written.set(client as pg.PoolClient, (tables = new Set()));
      tables.add(table);
      const result = query(...args);
      if (result instanceof Promise)
        void result.then(
          () => onWrite(table),
          () => onWrite(table),
        );
      return result;
    };
  });
  pool.on('release', (_error, client) => {
    const tables = written.get(client);
    if (!tables) return;
    written.delete(client);
    for (const table of tables) onWrite(table);
  });
}
