import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArrowLeft } from 'lucide-react';
import { FormError } from '@/components/form/form-error.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { VersionsPanel } from '@/pages/studio/projects/audio/versions-panel.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { CreditsEditor } from './credits-editor.tsx';
import { projectErrorMessage } from './project-errors.ts';
import { TrackForm } from './track-form.tsx';
import { ShareDialog } from './sharing/share-dialog.tsx';
import { SharesList } from './sharing/shares-list.tsx';
import { VersionSharing } from './sharing/version-sharing.tsx';

/** One track: its metadata and progress, its credits, and its audio versions (the review panel). */
export function TrackPage() {
  const { projectId = '', trackId = '' } = useParams();
  const { t } = useTranslation();
  const { can, pathTo } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const track = useQuery(trpc.tracks.get.queryOptions({ id: trackId }));
  const canWrite = can('projects:write');

  return (
    <div className="grid gap-8">
      <Link to={pathTo(`projects/${projectId}`)} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" />
        {track.data?.projectName ?? t('projects.title')}
      </Link>
      {track.isPending ? (
        <Skeleton className="h-16" />
      ) : track.isError ? (
        <FormError message={projectErrorMessage(t, track.error)} />
      ) : (
        <header className="grid gap-1">
          <p className="text-sm text-muted-foreground">{t('projects.tracks.numberOf', { number: track.data.number, total: track.data.trackTotal })}</p>
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="track-title">
            {track.data.title}
          </h1>
          <div>
            <ShareDialog target={{ kind: 'track', id: track.data.id }} />
          </div>
        </header>
      )}
      {/* Mounted at once with the id from the address, so the versions and their waveform load in parallel with the track. */}
      {track.isError ? null : <VersionsPanel trackId={trackId} />}
      {track.data ? (
        <>
          <TrackForm key={track.data.updatedAt} track={track.data} canWrite={canWrite} />
          <CreditsEditor trackId={track.data.id} canWrite={canWrite} />
          <VersionSharing trackId={track.data.id} />
          <SharesList target={{ kind: 'track', id: track.data.id }} />
        </>
      ) : null}
    </div>
  );
}
