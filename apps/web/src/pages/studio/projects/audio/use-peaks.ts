/**
 * Waveform peaks of a version, fetched once per URL-less key and decoded (the binary format of
 * `@rsm/shared/peaks-format`). Cached per version for the page's life, so A/B switches redraw at once.
 */
import { useEffect, useState } from 'react';
import { decodePeaks, type Peaks } from '@rsm/shared/peaks-format';

const cache = new Map<string, Promise<Peaks>>();

export function loadPeaks(cacheKey: string, url: string): Promise<Peaks> {
  let pending = cache.get(cacheKey);
  if (!pending) {
    pending = fetch(url, { credentials: 'same-origin' }).then(async (response) => {
      if (!response.ok) throw new Error(`peaks ${response.status}`);
      return decodePeaks(await response.arrayBuffer());
    });
    // A failed fetch (expired URL, network) is retried next time rather than cached.
    pending.catch(() => cache.delete(cacheKey));
    cache.set(cacheKey, pending);
  }
  return pending;
}

export type PeaksState = { status: 'loading' } | { status: 'ready'; peaks: Peaks } | { status: 'missing' } | { status: 'error' };

export function usePeaks(cacheKey: string | null, url: string | null): PeaksState {
  const [state, setState] = useState<{ key: string | null; value: PeaksState }>({ key: null, value: { status: 'loading' } });
  useEffect(() => {
    if (!cacheKey || !url) return;
    let live = true;
    loadPeaks(cacheKey, url).then(
      (peaks) => live && setState({ key: cacheKey, value: { status: 'ready', peaks } }),
      () => live && setState({ key: cacheKey, value: { status: 'error' } }),
    );
    return () => {
      live = false;
    };
  }, [cacheKey, url]);
  if (!cacheKey) return { status: 'loading' };
  if (!url) return { status: 'missing' };
  return state.key === cacheKey ? state.value : { status: 'loading' };
}
