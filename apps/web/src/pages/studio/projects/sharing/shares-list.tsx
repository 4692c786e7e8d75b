/**
 * The share links of a project, track or version: recipient, status, views / plays / downloads, and
 * revoke / extend. A project's list includes the links of its tracks and versions.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CalendarPlus, Download, Eye, Lock, Play, Share2, Trash2 } from 'lucide-react';
import type { ShareTarget } from '@rsm/shared/sharing-schemas';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { formatDateTime } from '@/lib/format.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';

type Link = RouterOutputs['sharing']['list'][number];
const EXTEND_DAYS = 7;

export function SharesList({ target }: { target: ShareTarget }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const { studio, can } = useCurrentStudio();
  const links = useQuery(trpc.sharing.list.queryOptions({ target }));
  const [revoking, setRevoking] = useState<Link | null>(null);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const setExpiry = useMutation(trpc.sharing.setExpiry.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sharing.list.queryKey() });

  const extend = async (link: Link) => {
    setError(null);
    const base = Math.max(Date.now(), link.expiresAt ? Date.parse(link.expiresAt) : Date.now());
    try {
      await setExpiry.mutateAsync({ id: link.id, expiresAt: new Date(base + EXTEND_DAYS * 86_400_000).toISOString() });
      await refresh();
      toast(t('sharing.list.extended'));
    } catch (e) {
      setError(apiErrorMessage(t, e));
    }
  };
  const nameOf = (link: Link) => link.recipientName || link.clientName || link.recipientEmail || t('sharing.anyone');

  return (
    <section className="grid gap-2" aria-labelledby="shares-heading">
      <h2 id="shares-heading" className="text-base font-semibold">
        {t('sharing.list.title')}
      </h2>
      <FormError message={error} />
      {links.isPending ? (
        <Skeleton className="h-16 w-full" />
      ) : links.isError ? (
        <FormError message={apiErrorMessage(t, links.error)} />
      ) : links.data.length === 0 ? (
        <EmptyState icon={Share2} title={t('sharing.list.emptyTitle')} description={t('sharing.list.emptyDescription')} />
      ) : (
        <Card className="py-0">
          <ul className="divide-y" data-testid="shares-list">
            {links.data.map((link) => (
              <li key={link.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="share-row">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 font-medium">
                    <span className="truncate">{nameOf(link)}</span>
                    <Badge variant={link.status === 'active' ? 'success' : link.status === 'revoked' ? 'destructive' : 'outline'} data-testid="share-status">
                      {t(`sharing.status.${link.status}`)}
                    </Badge>
                    {link.hasPassword ? (
                      <Badge variant="outline">
                        <Lock aria-hidden="true" className="size-3" />
                        {t('sharing.list.password')}
                      </Badge>
                    ) : null}
                    <Badge variant="outline">{link.allowDownload ? t('sharing.list.download') : t('sharing.list.streamOnly')}</Badge>
                  </p>
                  <p className="text-sm text-muted-foreground">
                    {link.trackTitle ? `${link.trackTitle}${link.versionNumber ? ` · v${link.versionNumber}` : ''} · ` : ''}
                    {link.expiresAt
                      ? t('sharing.list.expires', { date: formatDateTime(link.expiresAt, i18n.language, studio.timeZone) })
                      : t('sharing.list.noExpiry')}
                  </p>
                  <p className="flex gap-3 text-sm text-muted-foreground">
                    <span title={t('sharing.list.views')} aria-label={t('sharing.list.viewsCount', { count: link.viewCount })}>
                      <Eye className="inline size-3.5" aria-hidden="true" /> {link.viewCount}
                    </span>
                    <span title={t('sharing.list.plays')} aria-label={t('sharing.list.playsCount', { count: link.playCount })} data-testid="share-plays">
                      <Play className="inline size-3.5" aria-hidden="true" /> {link.playCount}
                    </span>
                    <span title={t('sharing.list.downloads')} aria-label={t('sharing.list.downloadsCount', { count: link.downloadCount })}>
                      <Download className="inline size-3.5" aria-hidden="true" /> {link.downloadCount}
                    </span>
                  </p>
                </div>
                {can('projects:write') && link.status !== 'revoked' ? (
                  <div className="flex gap-1">
                    <Button variant="ghost" size="sm" onClick={() => void extend(link)} disabled={setExpiry.isPending}>
                      <CalendarPlus aria-hidden="true" />
                      {t('sharing.list.extend', { count: EXTEND_DAYS })}
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      className="text-destructive"
                      onClick={() => setRevoking(link)}
                      aria-label={t('sharing.list.revokeNamed', { name: nameOf(link) })}
                    >
                      <Trash2 aria-hidden="true" />
                      {t('sharing.list.revoke')}
                    </Button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {revoking ? <RevokeLink link={revoking} name={nameOf(revoking)} onClose={() => setRevoking(null)} /> : null}
    </section>
  );
}

function RevokeLink({ link, name, onClose }: { link: Link; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const revoke = useMutation(trpc.sharing.revoke.mutationOptions());
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('sharing.list.revokeTitle', { name })}
      description={t('sharing.list.revokeDescription')}
      confirmLabel={t('sharing.list.revoke')}
      onConfirm={async () => {
        await revoke.mutateAsync({ id: link.id });
        await queryClient.invalidateQueries({ queryKey: trpc.sharing.list.queryKey() });
        toast(t('sharing.list.revoked', { name }));
      }}
    />
  );
}
