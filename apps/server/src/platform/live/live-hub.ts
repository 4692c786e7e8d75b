/**
 * Live updates (PRODUCT.md: notifications "in-app in real time"): when something changes in a studio — a
 * colleague books a session, a client accepts a quote in the portal, Stripe confirms a payment — every open
 * page of that studio learns it at once and refreshes what it shows.
 *
 * A notice says only *that* something changed, where (the area: sessions, money…) and from which browser tab;
 * never what changed: the pages read the data again through their own authorized procedures, so a notice can
 * leak nothing a member could not already read, and one notice format serves every change.
 *
 * Notices travel through PostgreSQL's NOTIFY on the control database (channel `rsm_live`), which every app
 * server listens to (control-changes.ts): a change made through one server reaches browsers connected to any
 * other. Each server keeps only its own listeners (the open event streams, live.routes.ts).
 */
import type { ControlDb } from '../postgres/control-db.ts';
import { sql } from 'drizzle-orm';
import type { Logger } from '../observability/logger.ts';

export const LIVE_CHANNEL = 'rsm_live';

export interface LiveNotice {
  studioId: string;
  /** What changed, as the API names its areas (the first part of a procedure's path: `sessions`, `money`…). */
  area: string;
  /** The browser tab whose action it was (it already refreshed itself), when the action came from one. */
  tab: string | null;
}

export type LiveListener = (notice: LiveNotice | { reset: true }) => void;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AREA = /^[a-zA-Z][a-zA-Z0-9]{0,40}$/;
const TAB = /^[a-zA-Z0-9_-]{8,64}$/;

/** The tab id a browser sends (header `x-rsm-tab`), or null when absent or not a plausible id. */
export function tabIdOf(value: unknown): string | null {
  return typeof value === 'string' && TAB.test(value) ? value : null;
}

/** A notice from its NOTIFY payload, or null for anything malformed (the channel is ours, but be strict). */
export function parseLiveNotice(payload: string): LiveNotice | null {
  const [studioId = '', area = '', tab = ''] = payload.split('|');
  if (!UUID.test(studioId) || !AREA.test(area)) return null;
  return { studioId, area, tab: tab ? tabIdOf(tab) : null };
}

export const formatLiveNotice = (n: LiveNotice): string => `${n.studioId}|${n.area}|${n.tab ?? ''}`;

/** This server's listeners, by studio. */
export class LiveHub {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private count = 0;

  constructor(
    private readonly controlDb: ControlDb | null,
    private readonly logger: Logger,
  ) {}

  /** Listens to one studio's notices; returns the function that stops listening. */
  listen(studioId: string, listener: LiveListener): () => void {
    let set = this.listeners.get(studioId);
    if (!set) this.listeners.set(studioId, (set = new Set()));
    set.add(listener);
    this.count++;
    return () => {
      if (!set.delete(listener)) return;
      this.count--;
      if (set.size === 0) this.listeners.delete(studioId);
    };
  }

  /** Open listeners on this server (the metrics and the per-server cap read it). */
  get size(): number {
    return this.count;
  }

  /**
   * Tells every server that `area` changed in the studio. After the change has committed; a failure is logged,
   * never thrown: the change itself succeeded, and pages still show it on their next read.
   */
  async publish(notice: LiveNotice): Promise<void> {
    if (!this.controlDb) return this.deliver(notice);
    try {
      await this.controlDb.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${formatLiveNotice(notice)})`);
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message }, studioId: notice.studioId }, 'live notice not published');
    }
  }

  /** A notice received from the channel (this server's own included). */
  deliver(notice: LiveNotice): void {
    for (const listener of this.listeners.get(notice.studioId) ?? []) listener(notice);
  }

  /** Notices may have been missed (the listening connection was lost): every page reads everything again. */
  reset(): void {
    for (const set of this.listeners.values()) for (const listener of set) listener({ reset: true });
  }
}
