import { useMutation, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Send } from 'lucide-react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import { useCurrentStudio } from '../studio-context.ts';

const KNOWN_ACTIONS = new Set([
  'link_requested',
  'link_sent_by_staff',
  'login',
  'logout',
  'session_viewed',
  'session_cancelled',
  'session_rescheduled',
  'profile_updated',
  'password_set',
  'password_removed',
]);

/** A client's portal activity (log-ins, views, cancels, reschedules, profile edits) and a button to send them a log-in link. */
export function PortalActivityCard({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { studio, can } = useCurrentStudio();
  const activity = useInfiniteQuery(
    trpc.clientPortal.activity.infiniteQueryOptions({ clientId, limit: 20 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const send = useMutation(trpc.clientPortal.sendLoginLink.mutationOptions());
  const items = activity.data?.pages.flatMap((p) => p.items) ?? [];
  const summary = activity.data?.pages[0];
  const when = (iso: string) => formatDateTime(iso, i18n.language, studio.timeZone);

  const onSend = async () => {
    const { email } = await send.mutateAsync({ clientId });
    toast(t('portal.staff.linkSent', { email }));
    await queryClient.invalidateQueries({ queryKey: trpc.clientPortal.activity.pathKey() });
  };

  return (
    <Card data-testid="portal-activity-card">
      <CardHeader>
        <CardTitle>{t('portal.staff.title')}</CardTitle>
        <CardDescription>
          {summary
            ? summary.lastLoginAt
              ? t('portal.staff.lastLogin', { when: when(summary.lastLoginAt), count: summary.activeSessions })
              : t('portal.staff.neverLoggedIn')
            : null}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {can('clients:write') ? (
          <div>
            <Button variant="outline" size="sm" loading={send.isPending} onClick={() => void onSend().catch(() => undefined)}>
              <Send aria-hidden="true" />
              {t('portal.staff.sendLink')}
            </Button>
            {send.isError ? <FormError message={apiErrorMessage(t, send.error)} /> : null}
          </div>
        ) : null}
        {activity.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : activity.isError ? (
          <FormError message={apiErrorMessage(t, activity.error)} />
        ) : items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('portal.staff.empty')}</p>
        ) : (
          <ol className="grid gap-2 text-sm">
            {items.map((item) => (
              <li key={item.id} className="flex flex-wrap justify-between gap-x-4 border-b pb-2 last:border-0">
                <span>{KNOWN_ACTIONS.has(item.action) ? t(`portal.staff.actions.${item.action}`) : item.action}</span>
                <span className="text-muted-foreground tabular-nums">{when(item.at)}</span>
              </li>
            ))}
          </ol>
        )}
        {activity.hasNextPage ? (
          <Button variant="ghost" size="sm" loading={activity.isFetchingNextPage} onClick={() => void activity.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
