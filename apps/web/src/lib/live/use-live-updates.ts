/**
 * Keeps a studio's open pages current: listens to the studio's live notices (GET /s/:slug/live, Server-Sent
 * Events) and, when a colleague, a client or a payment changes something, reads again the studio's queries
 * that are on screen (the others are only marked stale). Notices come in bursts (a booking writes a session,
 * its client and a mail), so they are gathered for a moment first. Forms keep what the user typed: they start
 * from their data once and are not reset by a refetch.
 *
 * One stream per browser, not per tab: over HTTP/1.1 a browser opens at most six connections to a server, and
 * a stream per tab would leave the seventh tab's requests waiting forever. The tabs of a studio elect one
 * holder of the stream with a Web Lock; it passes each notice on to the others on a BroadcastChannel. When it
 * closes, the next tab takes the lock and opens the stream. A tab that takes over, or whose stream dropped and
 * reconnected (EventSource does it by itself), reads everything again: notices sent meanwhile were missed.
 * Without Web Locks (an insecure context) each tab has its own stream.
 */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { hostStudioSlug } from '@/app/boot.ts';
import { studioKeyPrefix } from '@/lib/trpc/studio.tsx';
import { tabId } from './tab-id.ts';

const GATHER_MS = 300;
/** A stream ready this long after the page mounted means notices may have been missed meanwhile. */
const LATE_READY_MS = 2_000;

export function liveUpdatesUrl(slug: string): string {
  const base = hostStudioSlug ? '/live' : `/s/${encodeURIComponent(slug)}/live`;
  return `${base}?tab=${tabId}`;
}

export function useLiveUpdates(slug: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const mountedAt = Date.now();
    const name = `rsm-live:${slug}`;
    const stop = new AbortController();
    const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: [[studioKeyPrefix(slug)]] });
      }, GATHER_MS);
    };
    const changed = () => {
      refresh();
      channel?.postMessage('changed');
    };
    if (channel) channel.onmessage = () => refresh();

    /** `tookOver`: this tab waited for another's stream to end, so notices may have been missed meanwhile. */
    const hold = (tookOver: boolean) => {
      if (stop.signal.aborted) return;
      if (tookOver) changed();
      let dropped = false;
      source = new EventSource(liveUpdatesUrl(slug));
      source.onmessage = changed;
      source.onerror = () => {
        dropped = true;
      };
      source.addEventListener('ready', () => {
        if (tookOver || dropped || Date.now() - mountedAt > LATE_READY_MS) changed();
        tookOver = false;
        dropped = false;
      });
    };

    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks && channel) {
      // Held until this page leaves; the next tab waiting for it then opens the stream.
      const askedAt = Date.now();
      locks
        .request(name, { signal: stop.signal }, () => {
          hold(Date.now() - askedAt > 200);
          return new Promise<void>((release) => stop.signal.addEventListener('abort', () => release()));
        })
        .catch(() => undefined); // aborted while waiting: this page left before its turn
    } else hold(false);

    return () => {
      stop.abort();
      source?.close();
      channel?.close();
      if (timer) clearTimeout(timer);
    };
  }, [slug, queryClient]);
}
