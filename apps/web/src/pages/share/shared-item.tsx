/** The share page's wiring of the shared item: plays and comments through the link's token. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { CommentsPanel } from './comments-panel.tsx';
import { SharedItemView, type SharedItemData } from './shared-item-view.tsx';
import type { PlayerMarker } from '@/pages/studio/projects/audio/waveform-player.tsx';

export function SharedItem({ token, grant, item, onExpired }: { token: string; grant: string | null; item: SharedItemData; onExpired: () => void }) {
  const trpc = useStudioTRPC();
  const recordPlay = useMutation(trpc.share.recordPlay.mutationOptions());
  return (
    <SharedItemView
      item={item}
      onExpired={onExpired}
      onPlay={(versionId) => recordPlay.mutate({ token, grant, versionId })}
      renderComments={(version, positionMs, showMarkers) => (
        <VersionComments token={token} grant={grant} versionId={version.id} canComment={item.canComment} positionMs={positionMs} showMarkers={showMarkers} />
      )}
    />
  );
}

function VersionComments({
  token,
  grant,
  versionId,
  canComment,
  positionMs,
  showMarkers,
}: {
  token: string;
  grant: string | null;
  versionId: string;
  canComment: boolean;
  positionMs: () => number;
  showMarkers: (markers: PlayerMarker[]) => void;
}) {
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const threads = useQuery(trpc.share.comments.queryOptions({ token, grant, versionId }));
  const add = useMutation(trpc.share.comment.mutationOptions());
  return (
    <CommentsPanel
      versionId={versionId}
      threads={threads.data}
      error={threads.error}
      canComment={canComment}
      positionMs={positionMs}
      showMarkers={showMarkers}
      onAdd={async (input) => {
        await add.mutateAsync({ token, grant, versionId, ...input });
        await queryClient.invalidateQueries({ queryKey: trpc.share.comments.queryKey({ token, grant, versionId }) });
      }}
    />
  );
}
