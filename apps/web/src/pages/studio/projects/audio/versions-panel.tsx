/**
 * The version stack of one track (rendered by the track page): upload a new version, listen and
 * compare (A/B), comment, and mark the current version and the approved master. Nothing here deletes
 * or overwrites a version.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Layers } from 'lucide-react';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { useReviewError } from './use-staff-comments.ts';
import { VersionReview } from './version-review.tsx';
import { VersionRow } from './version-row.tsx';
import { UploadVersion } from './upload-version.tsx';

const PROCESSING_POLL_MS = 3000;

export function VersionsPanel({ trackId }: { trackId: string }) {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const describe = useReviewError();
  const stack = useQuery({
    ...trpc.versions.list.queryOptions({ trackId }),
    // While a version is being processed, its peaks and loudness arrive within seconds.
    refetchInterval: (query) => (query.state.data?.versions.some((v) => v.processing === 'pending') ? PROCESSING_POLL_MS : false),
  });
  // A notification mail links to `…/tracks/<id>?version=<versionId>`: open that version.
  const [searchParams] = useSearchParams();
  const [listening, setListening] = useState<string | null>(() => searchParams.get('version'));

  const options = {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.versions.list.queryKey({ trackId }) }),
    onError: (error: unknown) => toast(describe(error), 'error'),
  };
  const update = useMutation(trpc.versions.update.mutationOptions(options));
  const setCurrent = useMutation(trpc.versions.setCurrent.mutationOptions(options));
  const approve = useMutation(trpc.versions.setApprovedMaster.mutationOptions(options));
  const busy = update.isPending || setCurrent.isPending || approve.isPending;
  const canWrite = can('projects:write');

  const versions = stack.data?.versions ?? [];
  const playable = versions.filter((v) => v.processing === 'ready' && v.hasPeaks && v.durationMs);
  const current = playable.find((v) => v.isCurrent) ?? playable[0] ?? null;
  const selected = playable.find((v) => v.id === listening) ?? current;

  return (
    <Card data-testid="versions-panel">
      <CardHeader>
        <CardTitle>{t('review.versions.title')}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6">
        {stack.isPending ? (
          <Skeleton className="h-40 w-full" aria-label={t('common.loading')} />
        ) : stack.isError ? (
          <FormError message={apiErrorMessage(t, stack.error)} />
        ) : (
          <>
            {selected ? <VersionReview key={selected.id} versions={versions} initialVersionId={selected.id} /> : null}
            {versions.length === 0 ? (
              <EmptyState icon={Layers} title={t('review.versions.emptyTitle')} description={t('review.versions.emptyDescription')} />
            ) : (
              <ol className="divide-y" aria-label={t('review.versions.stack')}>
                {versions.map((v) => (
                  <VersionRow
                    key={v.id}
                    version={v}
                    selected={selected?.id === v.id}
                    canWrite={canWrite}
                    busy={busy}
                    onListen={() => setListening(v.id)}
                    onSetCurrent={() => {
                      // Keep listening to what is playing: the review follows "current" only until one is picked.
                      setListening(selected?.id ?? null);
                      setCurrent.mutate({ versionId: v.id });
                    }}
                    onApprove={(yes) => approve.mutate({ trackId, versionId: yes ? v.id : null })}
                    onLabel={(label) => update.mutate({ versionId: v.id, label })}
                    onNote={(note) => update.mutateAsync({ versionId: v.id, note })}
                  />
                ))}
              </ol>
            )}
            {canWrite ? (
              <UploadVersion
                trackId={trackId}
                onUploaded={(versionId) => {
                  // The new version is current and being processed: the list polls until it is ready.
                  if (versionId) setListening(versionId);
                  void queryClient.invalidateQueries({ queryKey: trpc.versions.list.queryKey({ trackId }) });
                }}
              />
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
