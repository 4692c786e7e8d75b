/**
 * The conversation of a version: threads in time order, filtered open / resolved / all. Presentational:
 * the staff review and the share page pass their own actions and viewer.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageSquare } from 'lucide-react';
import { cn } from '@/lib/cn.ts';
import { CommentThreadItem, type ThreadActions } from './comment-thread.tsx';
import type { ReviewThread, ReviewViewer, ThreadFilter } from './review-types.ts';

interface CommentsPaneProps {
  threads: ReviewThread[];
  viewer: ReviewViewer;
  /** Staff may resolve any thread; a client only their own. */
  canResolve: (thread: ReviewThread) => boolean;
  activeId?: string | null;
  actions: ThreadActions;
  /** The "add a comment" form, above the list. */
  composer?: ReactNode;
  /** Export buttons or other tools, beside the filter. */
  tools?: ReactNode;
}

/** Marker numbers: the thread's place in time order among every thread, whatever the filter. */
export function threadNumbers(threads: ReviewThread[]): Map<string, number> {
  return new Map(threads.map((thread, i) => [thread.id, i + 1]));
}

export function CommentsPane({ threads, viewer, canResolve, activeId, actions, composer, tools }: CommentsPaneProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<ThreadFilter>('open');
  const numbers = threadNumbers(threads);
  const counts = { open: threads.filter((th) => !th.resolvedAt).length, resolved: threads.filter((th) => th.resolvedAt).length, all: threads.length };
  const shown = threads.filter((th) => filter === 'all' || (filter === 'open' ? !th.resolvedAt : Boolean(th.resolvedAt)));
  return (
    <section className="grid gap-3" aria-label={t('review.comments.title')} data-testid="comments-pane">
      {composer}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="group" aria-label={t('review.comments.filter')} className="inline-flex rounded-md border p-0.5 text-sm">
          {(['open', 'resolved', 'all'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={filter === option}
              onClick={() => setFilter(option)}
              className={cn('rounded px-3 py-1', filter === option ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:text-foreground')}
            >
              {t(`review.comments.filters.${option}`, { count: counts[option] })}
            </button>
          ))}
        </div>
        {tools}
      </div>
      {shown.length === 0 ? (
        <p className="flex items-center gap-2 rounded-md border border-dashed p-4 text-sm text-muted-foreground">
          <MessageSquare className="size-4" aria-hidden="true" />
          {threads.length === 0 ? t('review.comments.empty') : t('review.comments.emptyFilter')}
        </p>
      ) : (
        <ol className="grid gap-2">
          {shown.map((thread) => (
            <CommentThreadItem
              key={thread.id}
              thread={thread}
              index={numbers.get(thread.id) ?? 0}
              viewer={viewer}
              canResolve={canResolve(thread)}
              active={activeId === thread.id}
              actions={actions}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
