/**
 * Listening and commenting on a track: the player on version A, optionally compared with version B
 * (A/B at the same playhead, level-matched from the measured loudness), and A's — or B's, when B is
 * playing — comments as markers and threads.
 */
import { useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Button } from '@/components/ui/button.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { cn } from '@/lib/cn.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { CommentComposer } from './comment-composer.tsx';
import { CommentsPane } from './comments-pane.tsx';
import { threadMarkers } from './player-markers.ts';
import { ExportButtons } from './export-buttons.tsx';
import { levelMatchedVolumes, volumeToDb } from './review-math.ts';
import { usePeaks } from './use-peaks.ts';
import { useStaffComments } from './use-staff-comments.ts';
import { WaveformPlayer, type PlayerHandle, type PlayerMarker, type PlayerSource } from './waveform-player.tsx';

export type VersionSummary = RouterOutputs['versions']['list']['versions'][number];

/** Signed URLs are valid 15 minutes: refetch well before. */
const URL_STALE_MS = 10 * 60_000;

function usePlayable(versionId: string | null) {
  const trpc = useStudioTRPC();
  const urls = useQuery({
    ...trpc.audio.versionUrls.queryOptions({ versionId: versionId ?? '' }),
    enabled: Boolean(versionId),
    staleTime: URL_STALE_MS,
    refetchInterval: URL_STALE_MS,
  });
  const peaks = usePeaks(versionId, urls.data?.peaks ?? null);
  return { urls, peaks };
}

function versionName(t: (key: string, options?: Record<string, unknown>) => string, v: VersionSummary) {
  return t('review.versions.name', { number: v.number, label: t(`review.labels.${v.label}`) });
}

export function VersionReview({ versions, initialVersionId }: { versions: VersionSummary[]; initialVersionId: string }) {
  const { t } = useTranslation();
  const { user, can } = useCurrentStudio();
  const playable = versions.filter((v) => v.processing === 'ready' && v.hasPeaks && v.durationMs);
  const [aId, setAId] = useState(initialVersionId);
  const [bId, setBId] = useState<string | null>(null);
  const [active, setActive] = useState<'a' | 'b'>('a');
  const [levelMatch, setLevelMatch] = useState(true);
  const [selection, setSelection] = useState<{ startMs: number; endMs: number } | null>(null);
  const [playheadMs, setPlayheadMs] = useState(0);
  const [activeThread, setActiveThread] = useState<string | null>(null);
  const player = useRef<PlayerHandle>(null);

  const a = versions.find((v) => v.id === aId) ?? null;
  const b = bId ? (versions.find((v) => v.id === bId) ?? null) : null;
  const pa = usePlayable(a?.id ?? null);
  const pb = usePlayable(b?.id ?? null);
  const playingVersion = active === 'b' && b ? b : a;
  const playing = active === 'b' && b ? pb : pa;
  const volumes = levelMatchedVolumes(a?.integratedLufs ?? null, b?.integratedLufs ?? null);
  const volume = !levelMatch || !b ? 1 : active === 'a' ? volumes.a : volumes.b;

  const comments = useStaffComments(playingVersion?.id ?? null);
  const threads = useMemo(() => comments.list.data?.threads ?? [], [comments.list.data]);
  const markers: PlayerMarker[] = useMemo(() => threadMarkers(threads), [threads]);

  const source: PlayerSource | null =
    playingVersion && playing.urls.data && playing.peaks.status === 'ready'
      ? {
          id: playingVersion.id,
          url: playing.urls.data.playback,
          peaks: playing.peaks.peaks,
          durationMs: playingVersion.durationMs ?? playing.peaks.peaks.durationMs,
          volume,
        }
      : null;
  const bReady = Boolean(b && pb.urls.data && pb.peaks.status === 'ready');

  function seek(ms: number) {
    player.current?.seek(ms);
    setPlayheadMs(ms);
  }

  if (!a) return null;
  const canWrite = can('projects:write');
  return (
    <div className="grid gap-4" data-testid="version-review">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
        <div className="grid gap-2 sm:grid-cols-2">
          <label className="grid gap-1 text-sm">
            <span className="font-medium">{t('review.ab.a')}</span>
            <select value={a.id} onChange={(e) => setAId(e.target.value)} className="h-9 rounded-md border bg-background px-2" data-testid="ab-select-a">
              {playable.map((v) => (
                <option key={v.id} value={v.id}>
                  {versionName(t, v)}
                </option>
              ))}
            </select>
          </label>
          <label className="grid gap-1 text-sm">
            <span className="font-medium">{t('review.ab.b')}</span>
            <select
              value={b?.id ?? ''}
              onChange={(e) => {
                setBId(e.target.value || null);
                if (!e.target.value) setActive('a');
              }}
              className="h-9 rounded-md border bg-background px-2"
              data-testid="ab-select-b"
            >
              <option value="">{t('review.ab.none')}</option>
              {playable
                .filter((v) => v.id !== a.id)
                .map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionName(t, v)}
                  </option>
                ))}
            </select>
          </label>
        </div>
        {b ? (
          <div className="flex flex-wrap items-center gap-3">
            <div role="group" aria-label={t('review.ab.toggle')} className="inline-flex rounded-md border p-0.5">
              {(['a', 'b'] as const).map((side) => (
                <button
                  key={side}
                  type="button"
                  aria-pressed={active === side}
                  disabled={side === 'b' && !bReady}
                  onClick={() => setActive(side)}
                  className={cn(
                    'min-w-10 rounded px-3 py-1 text-sm font-semibold',
                    active === side ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:text-foreground',
                  )}
                  data-testid={`ab-${side}`}
                >
                  {side.toUpperCase()}
                </button>
              ))}
            </div>
            <Button type="button" size="sm" variant="outline" disabled={!bReady} onClick={() => setActive(active === 'a' ? 'b' : 'a')} data-testid="ab-toggle">
              {t('review.ab.switch')}
            </Button>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={levelMatch} onChange={(e) => setLevelMatch(e.target.checked)} data-testid="level-match" />
              {t('review.ab.levelMatch')}
              <span className="text-xs text-muted-foreground tabular-nums">
                {a.integratedLufs === null || b.integratedLufs === null
                  ? t('review.ab.noLoudness')
                  : t('review.ab.gains', { a: volumeToDb(volumes.a).toFixed(1), b: volumeToDb(volumes.b).toFixed(1) })}
              </span>
            </label>
          </div>
        ) : null}
      </div>

      {source ? (
        <WaveformPlayer
          source={source}
          markers={markers}
          handleRef={player}
          selection={selection}
          onMarkerClick={(id) => setActiveThread(id)}
          onTimeChange={setPlayheadMs}
          onRangeSelected={canWrite ? setSelection : undefined}
        />
      ) : playing.peaks.status === 'error' || playing.urls.isError ? (
        <p className="rounded-md border border-destructive/40 p-4 text-sm text-destructive">{t('review.player.loadFailed')}</p>
      ) : (
        <Skeleton className="h-36 w-full" aria-label={t('common.loading')} />
      )}

      {playingVersion ? (
        <CommentsPane
          threads={threads}
          viewer={{ kind: 'staff', id: user.id }}
          canResolve={() => canWrite}
          activeId={activeThread}
          actions={{ onSeek: seek, ...(canWrite ? comments.actions : {}) }}
          tools={<ExportButtons versionId={playingVersion.id} disabled={threads.length === 0} />}
          composer={
            canWrite && source ? (
              <CommentComposer
                playheadMs={playheadMs}
                range={selection}
                onClearRange={() => setSelection(null)}
                onSubmit={async (body, shared) => {
                  const at = selection ?? { startMs: player.current?.currentMs() ?? 0, endMs: null };
                  await comments.create({ atMs: at.startMs, endMs: at.endMs, body, visibility: shared ? 'client' : 'internal' });
                  setSelection(null);
                }}
              />
            ) : null
          }
        />
      ) : null}
    </div>
  );
}
