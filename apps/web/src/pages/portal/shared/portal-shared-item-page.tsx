/** One shared item in the portal: the same view as the share page, the client commenting as themselves. */
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArrowLeft, LinkIcon } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage, hasAppCode } from '@/lib/trpc/errors.ts';
import { CommentsPanel } from '@/pages/share/comments-panel.tsx';
import { SharedItemView } from '@/pages/share/shared-item-view.tsx';
import type { PlayerMarker } from '@/pages/studio/projects/audio/waveform-player.tsx';
import { useCurrentPortal } from '../portal-context.ts';
import { PortalGate } from '../portal-gate.tsx';

export function PortalSharedItemPage() {
  return <PortalGate>{() => <SharedItem />}</PortalGate>;
}

function SharedItem() {
  const { t } = useTranslation();
  const { linkId = '' } = useParams();
  const trpc = useStudioTRPC();
  const { pathTo } = useCurrentPortal();
  const item = useQuery(trpc.portalShares.open.queryOptions({ linkId }, { refetchInterval: 10 * 60_000 }));
  const recordPlay = useMutation(trpc.portalShares.recordPlay.mutationOptions());
  return (
    <div className="grid gap-4">
      <Link to={pathTo('shared')} className="flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t('sharing.portal.back')}
      </Link>
      {item.isPending ? (
        <PageSpinner />
      ) : item.isError ? (
        hasAppCode(item.error, 'TOKEN_INVALID') ? (
          <EmptyState icon={LinkIcon} title={t('sharing.page.invalidTitle')} description={t('sharing.page.invalidDescription')} />
        ) : (
          <FormError message={apiErrorMessage(t, item.error)} />
        )
      ) : (
        <SharedItemView
          item={item.data}
          onExpired={() => void item.refetch()}
          onPlay={(versionId) => recordPlay.mutate({ linkId, versionId })}
          renderComments={(version, positionMs, showMarkers) => (
            <VersionComments linkId={linkId} versionId={version.id} positionMs={positionMs} showMarkers={showMarkers} />
          )}
        />
      )}
    </div>
  );
}

function VersionComments({
  linkId,
  versionId,
  positionMs,
  showMarkers,
}: {
  linkId: string;
  versionId: string;
  positionMs: () => number;
  showMarkers: (markers: PlayerMarker[]) => void;
}) {
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const threads = useQuery(trpc.portalShares.comments.queryOptions({ linkId, versionId }));
  const add = useMutation(trpc.portalShares.comment.mutationOptions());
  return (
    <CommentsPanel
      versionId={versionId}
      threads={threads.data}
      error={threads.error}
      canComment
      positionMs={positionMs}
      showMarkers={showMarkers}
      onAdd={async (input) => {
        await add.mutateAsync({ linkId, versionId, ...input });
        await queryClient.invalidateQueries({ queryKey: trpc.portalShares.comments.queryKey({ linkId, versionId }) });
      }}
    />
  );
}
