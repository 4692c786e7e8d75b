/**
 * The tracks and versions a share link (or a portal share) shows: a player per version, the download
 * button or why there is none, and the comments slot. Used by the public share page and the portal.
 */
import { useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Download, Lock } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { formatDateTime } from '@/lib/format.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { usePeaks } from '@/pages/studio/projects/audio/use-peaks.ts';
import { WaveformPlayer, type PlayerHandle, type PlayerMarker } from '@/pages/studio/projects/audio/waveform-player.tsx';

export type SharedItemData = Extract<RouterOutputs['share']['open'], { state: 'open' }>['item'];
type Version = SharedItemData['tracks'][number]['versions'][number];

type Props = {
  item: SharedItemData;
  /** Once per playback start (the server also de-duplicates). */
  onPlay: (versionId: string) => void;
  /** A media address stopped working (expired): fetch fresh ones. */
  onExpired: () => void;
  /** The comments of a version; `showMarkers` puts them on its waveform (click → seek). */
  renderComments?: (version: Version, positionMs: () => number, showMarkers: (markers: PlayerMarker[]) => void) => ReactNode;
};

export function SharedItemView({ item, onPlay, onExpired, renderComments }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <div className="grid gap-4" data-testid="shared-item">
      <div>
        <h1 className="text-2xl font-semibold" data-testid="shared-project-name">
          {item.projectName}
        </h1>
        {item.expiresAt ? (
          <p className="text-sm text-muted-foreground">{t('sharing.page.expires', { date: formatDateTime(item.expiresAt, i18n.language) })}</p>
        ) : null}
      </div>
      {item.tracks.length === 0 ? <p className="text-muted-foreground">{t('sharing.page.nothing')}</p> : null}
      {item.tracks.map((track) => (
        <Card key={track.id}>
          <CardHeader>
            <CardTitle as="h2" className="text-lg">
              {track.position}. {track.title}
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            {track.versions.length === 0 ? <p className="text-sm text-muted-foreground">{t('sharing.page.noVersion')}</p> : null}
            {track.versions.map((version) => (
              <VersionRow key={version.id} version={version} onPlay={onPlay} onExpired={onExpired} renderComments={renderComments} />
            ))}
          </CardContent>
        </Card>
      ))}
    </div>
  );
}

function VersionRow({ version, onPlay, onExpired, renderComments }: { version: Version } & Pick<Props, 'onPlay' | 'onExpired' | 'renderComments'>) {
  const { t } = useTranslation();
  const position = useRef<() => number>(() => 0);
  const [markers, setMarkers] = useState<PlayerMarker[]>([]);
  return (
    <div className="grid gap-2 border-t pt-3 first:border-t-0 first:pt-0" data-testid="shared-version">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">v{version.number}</span>
        <Badge variant="outline">{t(`sharing.labels.${version.label}`, { defaultValue: version.label })}</Badge>
        {!version.ready ? <Badge variant="secondary">{t('sharing.page.processing')}</Badge> : null}
      </div>
      {version.note ? <p className="text-sm whitespace-pre-line text-muted-foreground">{version.note}</p> : null}
      <VersionPlayer version={version} markers={markers} onPlay={() => onPlay(version.id)} onExpired={onExpired} position={position} />
      <DownloadArea download={version.download} />
      {renderComments?.(version, () => position.current(), setMarkers)}
    </div>
  );
}

type PlayerProps = { version: Version; onPlay: () => void; onExpired: () => void; position: RefObject<() => number> };

/** The review waveform player when the waveform is computed; the browser's own player until then. */
function VersionPlayer({ version, markers, onPlay, onExpired, position }: PlayerProps & { markers: PlayerMarker[] }) {
  const peaks = usePeaks(version.peaksUrl ? `share:${version.id}` : null, version.peaksUrl);
  const handle = useRef<PlayerHandle>(null);
  if (version.peaksUrl && version.durationMs && peaks.status === 'ready') {
    position.current = () => handle.current?.currentMs() ?? 0;
    return (
      <WaveformPlayer
        source={{ id: version.id, url: version.streamUrl, peaks: peaks.peaks, durationMs: version.durationMs, volume: 1 }}
        markers={markers}
        onPlay={onPlay}
        handleRef={handle}
      />
    );
  }
  return <NativePlayer version={version} onPlay={onPlay} onExpired={onExpired} position={position} />;
}

function NativePlayer({ version, onPlay, onExpired, position }: PlayerProps) {
  const { t } = useTranslation();
  const audio = useRef<HTMLAudioElement>(null);
  // Keep the address the element started with while it works: a fresh one would restart playback.
  const [src, setSrc] = useState(version.streamUrl);
  const [resumeAt, setResumeAt] = useState<number | null>(null);
  if (src !== version.streamUrl && resumeAt !== null) setSrc(version.streamUrl);
  position.current = () => Math.round((audio.current?.currentTime ?? 0) * 1000);
  return (
    <audio
      ref={audio}
      controls
      preload="metadata"
      src={src}
      className="w-full"
      data-testid="shared-audio"
      onPlay={onPlay}
      onLoadedMetadata={() => {
        if (resumeAt !== null && audio.current) {
          audio.current.currentTime = resumeAt;
          setResumeAt(null);
        }
      }}
      onError={() => {
        setResumeAt(audio.current?.currentTime ?? 0);
        onExpired();
      }}
    >
      {t('sharing.page.noAudio')}
    </audio>
  );
}

function DownloadArea({ download }: { download: Version['download'] }) {
  const { t } = useTranslation();
  if (download.state === 'stream_only') return null;
  if (download.state === 'locked')
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground" data-testid="shared-locked">
        <Lock aria-hidden="true" className="size-4" />
        {t('sharing.page.lockedUntilPaid')}
      </p>
    );
  return (
    <div>
      <Button asChild variant="outline" size="sm">
        <a href={download.url} download data-testid="shared-download">
          <Download aria-hidden="true" />
          {t('sharing.page.download')}
        </a>
      </Button>
    </div>
  );
}
