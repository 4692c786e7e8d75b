/**
 * The review player: draws the waveform from pre-computed peaks at once (no decoding in the browser)
 * and streams the audio through a media element, which fetches the signed URL with HTTP Range
 * requests. Comments are markers (points) and shaded regions (ranges) on the waveform; clicking one
 * seeks to it. Changing `source` (A/B) keeps the playhead and the play state.
 *
 * Reusable: the share page passes its own URLs, peaks and comments.
 */
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.js';
import { Pause, Play, ZoomIn, ZoomOut } from 'lucide-react';
import { pickLevel, peaksForWavesurfer, type Peaks } from '@rsm/shared/peaks-format';
import { Button } from '@/components/ui/button.tsx';
import { styleNonce } from '@/app/boot.ts';
import { formatPosition } from './review-math.ts';
import { MARKER_COLORS as COLORS, MARKER_PREFIX, SELECTION_ID, markerContent } from './player-markers.ts';

export interface PlayerSource {
  /** What plays (a version id). A new id keeps the playhead: that is the A/B switch. */
  id: string;
  /** Signed URL of the preview or the original. */
  url: string;
  peaks: Peaks;
  durationMs: number;
  /** Media element volume, 0..1 (level matching). */
  volume: number;
}

export interface PlayerMarker {
  id: string;
  atMs: number;
  endMs: number | null;
  /** Shown on hover and read by screen readers. */
  label: string;
  /** The number printed on the marker (the comment's place in the list). */
  index: number;
  resolved: boolean;
}

export interface PlayerHandle {
  seek(ms: number): void;
  currentMs(): number;
  togglePlay(): void;
}

interface WaveformPlayerProps {
  source: PlayerSource;
  markers: PlayerMarker[];
  onMarkerClick?: (id: string) => void;
  /** When given, dragging across the waveform selects a range (for a range comment); null clears it. */
  onRangeSelected?: (range: { startMs: number; endMs: number } | null) => void;
  /** The selection to show (the parent clears it after saving). */
  selection?: { startMs: number; endMs: number } | null;
  /** The playhead, as it moves (a few times a second while playing). */
  onTimeChange?: (ms: number) => void;
  /** Playback started (the share page counts plays). */
  onPlay?: () => void;
  handleRef?: Ref<PlayerHandle>;
}

const ZOOMS = [1, 2, 4, 8, 16];
const SEEK_STEP_MS = 5000;
export function WaveformPlayer({ source, markers, onMarkerClick, onRangeSelected, selection, onTimeChange, onPlay, handleRef }: WaveformPlayerProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const wsRef = useRef<WaveSurfer | null>(null);
  const regionsRef = useRef<RegionsPlugin | null>(null);
  const loadedRef = useRef<{ id: string; zoom: number } | null>(null);
  const callbacks = useRef({ onMarkerClick, onRangeSelected, onTimeChange, onPlay });
  callbacks.current = { onMarkerClick, onRangeSelected, onTimeChange, onPlay };
  const [ready, setReady] = useState(false);
  /** Completed loads: markers are placed after each, once the new duration is known. */
  const [loads, setLoads] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [timeMs, setTimeMsState] = useState(0);
  const setTimeMs = (ms: number) => {
    setTimeMsState(ms);
    callbacks.current.onTimeChange?.(ms);
  };
  const [zoom, setZoom] = useState(1);
  const media = useRef<HTMLAudioElement | null>(null);
  const latestUrl = useRef(source.url);
  latestUrl.current = source.url;
  /** Bumped when the media failed on an expired signed URL and a fresher one is known: reload there. */
  const [retries, setRetries] = useState(0);

  // One wavesurfer per mount; sources and markers change on it.
  useEffect(() => {
    const audio = document.createElement('audio');
    audio.preload = 'metadata';
    media.current = audio;
    // Signed URLs expire (the parent refreshes them): a Range request on an old one fails, so the
    // element is pointed at the fresh URL at the same position.
    const onMediaError = () => {
      if (audio.getAttribute('src') === latestUrl.current || !loadedRef.current) return;
      loadedRef.current = { ...loadedRef.current, id: '' };
      setRetries((n) => n + 1);
    };
    audio.addEventListener('error', onMediaError);
    const regions = RegionsPlugin.create();
    const ws = WaveSurfer.create({
      container: containerRef.current!,
      media: audio,
      height: 112,
      waveColor: '#94a3b8',
      progressColor: '#0f172a',
      cursorColor: '#ea580c',
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barRadius: 1,
      normalize: true,
      dragToSeek: false,
      // The page's CSP puts a nonce in style-src: wavesurfer's shadow-root <style> needs it, or nothing is positioned.
      ...(styleNonce ? { cspNonce: styleNonce } : {}),
      plugins: [regions],
    });
    wsRef.current = ws;
    regionsRef.current = regions;
    let painted = false;
    const unsubscribe = [
      ws.on('redrawcomplete', () => {
        if (painted) return;
        painted = true;
        // The benchmark measures first paint from this mark.
        performance.mark('rsm:waveform-painted');
      }),
      ws.on('timeupdate', (seconds) => setTimeMs(Math.round(seconds * 1000))),
      ws.on('play', () => {
        setPlaying(true);
        callbacks.current.onPlay?.();
      }),
      ws.on('pause', () => setPlaying(false)),
      ws.on('finish', () => setPlaying(false)),
      regions.on('region-clicked', (region: Region, event: MouseEvent) => {
        event.stopPropagation();
        if (!region.id.startsWith(MARKER_PREFIX)) return;
        ws.setTime(region.start);
        setTimeMs(Math.round(region.start * 1000));
        callbacks.current.onMarkerClick?.(region.id.slice(MARKER_PREFIX.length));
      }),
      regions.on('region-created', (region: Region) => {
        if (region.id.startsWith(MARKER_PREFIX) || region.id === SELECTION_ID) return;
        // A drag on the waveform: it becomes the one selection.
        regions.getRegions().forEach((r) => r.id === SELECTION_ID && r.remove());
        region.setOptions({ id: SELECTION_ID, color: COLORS.selection });
        callbacks.current.onRangeSelected?.({ startMs: Math.round(region.start * 1000), endMs: Math.round(region.end * 1000) });
      }),
      regions.on('region-updated', (region: Region) => {
        if (region.id === SELECTION_ID) callbacks.current.onRangeSelected?.({ startMs: Math.round(region.start * 1000), endMs: Math.round(region.end * 1000) });
      }),
    ];
    return () => {
      unsubscribe.forEach((off) => off());
      audio.removeEventListener('error', onMediaError);
      ws.destroy();
      audio.removeAttribute('src');
      audio.load();
      wsRef.current = null;
      regionsRef.current = null;
      loadedRef.current = null;
    };
  }, []);

  // Range selection by dragging, only where the parent takes ranges.
  const selectable = Boolean(onRangeSelected);
  useEffect(() => {
    if (!selectable || !ready) return;
    return regionsRef.current?.enableDragSelection({ color: COLORS.selection });
  }, [selectable, ready]);

  // Load (or switch to) the source, keeping the playhead and play state; reload finer peaks on zoom.
  useEffect(() => {
    const ws = wsRef.current;
    if (!ws) return;
    const previous = loadedRef.current;
    if (previous && previous.id === source.id && previous.zoom === zoom) return;
    // With 'rsm:waveform-painted', measures the draw itself (peaks in hand → pixels), apart from the network.
    if (!previous) performance.mark('rsm:waveform-peaks-ready');
    const keepMs = previous ? Math.round(ws.getCurrentTime() * 1000) : 0;
    const wasPlaying = ws.isPlaying();
    const durationSeconds = source.durationMs / 1000;
    const width = (containerRef.current?.clientWidth ?? 800) * (window.devicePixelRatio || 1);
    const level = pickLevel(source.peaks, Math.ceil(width * zoom));
    loadedRef.current = { id: source.id, zoom };
    ws.setOptions({ minPxPerSec: zoom === 1 ? 0 : ((width / durationSeconds) * zoom) / (window.devicePixelRatio || 1) });
    let live = true;
    ws.load(source.url, peaksForWavesurfer(level), durationSeconds)
      .then(() => {
        if (!live) return;
        const at = Math.min(keepMs, source.durationMs) / 1000;
        ws.setTime(at);
        setTimeMs(Math.round(at * 1000));
        setReady(true);
        setLoads((n) => n + 1);
        if (wasPlaying) void ws.play();
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [source.id, source.url, source.peaks, source.durationMs, zoom, retries]);

  useEffect(() => {
    if (media.current) media.current.volume = Math.max(0, Math.min(1, source.volume));
  }, [source.volume, source.id]);

  // Markers follow the comments, and are placed again after each load: a region added while a load is
  // under way would be clamped to a zero duration (and pinned at 0:00).
  useEffect(() => {
    const regions = regionsRef.current;
    if (!regions || loads === 0 || !wsRef.current?.getDuration()) return;
    regions.getRegions().forEach((r) => r.id !== SELECTION_ID && r.remove());
    for (const marker of markers) {
      regions.addRegion({
        id: `${MARKER_PREFIX}${marker.id}`,
        start: marker.atMs / 1000,
        ...(marker.endMs !== null ? { end: marker.endMs / 1000 } : {}),
        color: marker.endMs !== null ? (marker.resolved ? COLORS.resolved : COLORS.open) : marker.resolved ? COLORS.pointResolved : COLORS.point,
        drag: false,
        resize: false,
        content: markerContent(marker),
      });
    }
  }, [markers, loads]);

  // The parent clears the selection once the range comment is saved.
  useEffect(() => {
    if (selection) return;
    regionsRef.current?.getRegions().forEach((r) => r.id === SELECTION_ID && r.remove());
  }, [selection]);

  useImperativeHandle(
    handleRef,
    () => ({
      seek(ms: number) {
        wsRef.current?.setTime(ms / 1000);
        setTimeMs(ms);
      },
      currentMs: () => Math.round((wsRef.current?.getCurrentTime() ?? 0) * 1000),
      togglePlay: () => void wsRef.current?.playPause(),
    }),
    [],
  );

  function onKeyDown(event: React.KeyboardEvent) {
    const ws = wsRef.current;
    if (!ws || event.target !== event.currentTarget) return;
    if (event.key === ' ') {
      event.preventDefault();
      void ws.playPause();
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      const next = Math.max(0, Math.min(source.durationMs, ws.getCurrentTime() * 1000 + (event.key === 'ArrowLeft' ? -SEEK_STEP_MS : SEEK_STEP_MS)));
      ws.setTime(next / 1000);
      setTimeMs(Math.round(next));
    }
  }

  const zoomIndex = ZOOMS.indexOf(zoom);
  return (
    <div className="grid gap-2" data-testid="waveform-player" data-current-ms={timeMs} data-source-id={source.id} data-ready={ready ? 'true' : 'false'}>
      <div
        ref={containerRef}
        tabIndex={0}
        role="slider"
        aria-label={t('review.player.waveform')}
        aria-valuemin={0}
        aria-valuemax={Math.round(source.durationMs / 1000)}
        aria-valuenow={Math.round(timeMs / 1000)}
        aria-valuetext={formatPosition(timeMs)}
        onKeyDown={onKeyDown}
        className="w-full touch-pan-y rounded-md border bg-muted/30 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="button"
          size="icon"
          onClick={() => void wsRef.current?.playPause()}
          aria-label={playing ? t('review.player.pause') : t('review.player.play')}
          data-testid="player-toggle"
          disabled={!ready}
        >
          {playing ? <Pause aria-hidden="true" /> : <Play aria-hidden="true" />}
        </Button>
        <span className="font-mono text-sm tabular-nums" data-testid="player-time">
          {formatPosition(timeMs)} / {formatPosition(source.durationMs)}
        </span>
        <span className="ml-auto flex items-center gap-1">
          <Button
            type="button"
            size="icon"
            variant="ghost"
            onClick={() => setZoom(ZOOMS[zoomIndex - 1] ?? 1)}
            disabled={zoomIndex <= 0}
            aria-label={t('review.player.zoomOut')}
          >
            <ZoomOut aria-hidden="true" />
          </Button>
          <span className="w-8 text-center text-xs text-muted-foreground tabular-nums">×{zoom}</span>
          <Button
            type="button"
            size="icon"
            variant="ghost"
            onClick={() => setZoom(ZOOMS[zoomIndex + 1] ?? zoom)}
            disabled={zoomIndex >= ZOOMS.length - 1}
            aria-label={t('review.player.zoomIn')}
          >
            <ZoomIn aria-hidden="true" />
          </Button>
        </span>
      </div>
      <p className="sr-only">{t('review.player.keyboardHelp')}</p>
    </div>
  );
}
