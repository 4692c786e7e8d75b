import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Plus, Rss, Trash2 } from 'lucide-react';
import { PageHeader } from '@/components/page-header.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { formatDate } from '@/lib/format.ts';
import type { BookingResources, RouterOutputs } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { FeedDialog } from './feed-dialog.tsx';
import { feedTitle } from './feed-form.ts';

type Feed = RouterOutputs['calendarFeeds']['list'][number];

/** Secret iCalendar addresses of the studio's sessions, for Google Calendar, Apple Calendar or Outlook. */
export function CalendarFeedsPage() {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const feeds = useQuery(trpc.calendarFeeds.list.queryOptions());
  const resources = useQuery(trpc.booking.all.queryOptions());
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('calendarFeeds.title')}
        description={t('calendarFeeds.description')}
        actions={
          <Button onClick={() => setCreating(true)} disabled={!resources.data}>
            <Plus aria-hidden="true" />
            {t('calendarFeeds.add')}
          </Button>
        }
      />
      {feeds.isPending || resources.isPending ? (
        <div className="grid gap-2" role="status" aria-label={t('common.loading')}>
          {[0, 1].map((row) => (
            <Skeleton key={row} className="h-16 w-full" />
          ))}
        </div>
      ) : feeds.isError || resources.isError ? (
        <FormError message={apiErrorMessage(t, feeds.error ?? resources.error)} />
      ) : feeds.data.length === 0 ? (
        <EmptyState icon={Rss} title={t('calendarFeeds.emptyTitle')} description={t('calendarFeeds.emptyDescription')} />
      ) : (
        <FeedsList feeds={feeds.data} resources={resources.data} />
      )}
      {creating && resources.data ? <FeedDialog resources={resources.data} onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function FeedsList({ feeds, resources }: { feeds: Feed[]; resources: BookingResources }) {
  const { t, i18n } = useTranslation();
  const { studio, user, can } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const members = useQuery(trpc.members.list.queryOptions());
  const [revoking, setRevoking] = useState<Feed | null>(null);
  const nameOf = (feed: Feed) => {
    const title = feedTitle(feed, resources.rooms, resources.engineers);
    if ('label' in title) return title.label;
    return title.name ? t(`calendarFeeds.named.${title.scope}`, { name: title.name }) : t(`calendarFeeds.unnamed.${title.scope}`);
  };
  const creatorOf = (feed: Feed) => {
    if (feed.createdBy === user.id) return t('calendarFeeds.byYou');
    return members.data?.members.find((member) => member.userId === feed.createdBy)?.name ?? t('calendar.panel.formerMember');
  };
  // The server lets the creator, or whoever manages resources, revoke a feed.
  const mayRevoke = (feed: Feed) => can('resources:write') || feed.createdBy === user.id;

  return (
    <Card className="py-0">
      <ul className="divide-y" data-testid="feeds-list">
        {feeds.map((feed) => (
          <li key={feed.id} className="flex flex-wrap items-center gap-3 px-4 py-3 sm:flex-nowrap">
            <Rss className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2 font-medium">
                <span className="truncate">{nameOf(feed)}</span>
                <Badge variant="outline">{t(`calendarFeeds.scopes.${feed.scope}`)}</Badge>
              </p>
              <p className="text-sm text-muted-foreground">
                {t('calendarFeeds.created', { date: formatDate(feed.createdAt, i18n.language, studio.timeZone), name: creatorOf(feed) })}
              </p>
            </div>
            {mayRevoke(feed) ? (
              <Button
                variant="ghost"
                size="sm"
                className="text-destructive"
                onClick={() => setRevoking(feed)}
                aria-label={t('calendarFeeds.revokeNamed', { name: nameOf(feed) })}
              >
                <Trash2 aria-hidden="true" />
                {t('calendarFeeds.revoke')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {revoking ? <RevokeFeed feed={revoking} name={nameOf(revoking)} onClose={() => setRevoking(null)} /> : null}
    </Card>
  );
}

function RevokeFeed({ feed, name, onClose }: { feed: Feed; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const revoke = useMutation(trpc.calendarFeeds.revoke.mutationOptions());
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('calendarFeeds.revokeTitle', { name })}
      description={t('calendarFeeds.revokeDescription')}
      confirmLabel={t('calendarFeeds.revoke')}
      onConfirm={async () => {
        await revoke.mutateAsync({ id: feed.id });
        await queryClient.invalidateQueries({ queryKey: trpc.calendarFeeds.list.queryKey() });
        toast(t('calendarFeeds.revoked', { name }));
      }}
    />
  );
}
