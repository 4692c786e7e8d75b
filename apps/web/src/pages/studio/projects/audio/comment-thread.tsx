/** One comment thread: its position (click → seek), the words, replies, and the actions the viewer may take. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckCircle2, CornerDownRight, Eye, EyeOff, Pencil, RotateCcw, Trash2 } from 'lucide-react';
import type { CommentVisibility } from '@rsm/shared/review-schemas';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';
import { formatPosition } from './review-math.ts';
import type { ReviewComment, ReviewThread, ReviewViewer } from './review-types.ts';
import { formatDateTime } from '@/lib/studio-time.ts';

export interface ThreadActions {
  onSeek: (ms: number) => void;
  /** `visibility` only from staff (clients' replies are always shared). */
  onReply?: (parentId: string, body: string, visibility?: CommentVisibility) => Promise<unknown>;
  /** Staff only: share a staff comment with the client or make it internal. */
  onSetVisibility?: (commentId: string, visibility: CommentVisibility) => Promise<unknown>;
  onEdit?: (commentId: string, body: string) => Promise<unknown>;
  onDelete?: (commentId: string) => Promise<unknown>;
  onResolve?: (commentId: string, resolved: boolean) => Promise<unknown>;
}

function InlineEditor({
  initial,
  label,
  shareInitially,
  onSave,
  onCancel,
}: {
  initial: string;
  label: string;
  /** Offers the "shared with the client" choice, preset to this (staff replies); none when undefined. */
  shareInitially?: boolean;
  onSave: (body: string, shared: boolean) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState(initial);
  const [shared, setShared] = useState(shareInitially ?? false);
  const [busy, setBusy] = useState(false);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    try {
      await onSave(body.trim(), shared);
      onCancel();
    } catch {
      // The caller shows the error; the text stays so nothing typed is lost.
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="mt-2 grid gap-2">
      <textarea
        aria-label={label}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={5000}
        rows={2}
        className="w-full rounded-md border bg-background px-3 py-2 text-sm"
        autoFocus
      />
      {shareInitially !== undefined ? <ShareChoice checked={shared} onChange={setShared} /> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" loading={busy} disabled={!body.trim()}>
          {t('review.comments.save')}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The staff's choice, when writing, to show a comment to the client (internal when unchecked). */
export function ShareChoice({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <label className="flex items-center gap-2 text-xs text-muted-foreground">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-4" data-testid="comment-share-choice" />
      {t('review.comments.shareChoice')}
    </label>
  );
}

/** Staff see who may read a comment; a staff comment can be switched either way. */
function VisibilityControl({ comment, onSetVisibility }: { comment: ReviewComment; onSetVisibility: NonNullable<ThreadActions['onSetVisibility']> }) {
  const { t } = useTranslation();
  const shared = comment.visibility === 'client';
  return (
    <>
      <Badge variant={shared ? 'secondary' : 'outline'} data-testid="comment-visibility">
        {shared ? t('review.comments.shared') : t('review.comments.internal')}
      </Badge>
      {comment.author.kind === 'staff' && !comment.deleted ? (
        <Button
          type="button"
          size="sm"
          variant="ghost"
          className="h-6 px-1.5"
          onClick={() => void onSetVisibility(comment.id, shared ? 'internal' : 'client').catch(() => undefined)}
        >
          {shared ? <EyeOff aria-hidden="true" /> : <Eye aria-hidden="true" />}
          {shared ? t('review.comments.makeInternal') : t('review.comments.shareWithClient')}
        </Button>
      ) : null}
    </>
  );
}

function CommentBody({ comment, viewer, actions, onReply }: { comment: ReviewComment; viewer: ReviewViewer; actions: ThreadActions; onReply?: () => void }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const own = comment.author.kind === viewer.kind && comment.author.id === viewer.id && !comment.deleted;
  const when = formatDateTime(comment.createdAt, i18n.language);
  return (
    <div className="min-w-0">
      <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-muted-foreground">
        <span className="font-medium text-foreground">{comment.author.name}</span>
        {comment.author.kind === 'client' ? <span>{t('review.comments.client')}</span> : null}
        <time dateTime={comment.createdAt}>{when}</time>
        {comment.editedAt ? <span>{t('review.comments.edited')}</span> : null}
        {actions.onSetVisibility ? <VisibilityControl comment={comment} onSetVisibility={actions.onSetVisibility} /> : null}
      </p>
      {comment.deleted ? (
        <p className="text-sm text-muted-foreground italic">{t('review.comments.deleted')}</p>
      ) : editing && actions.onEdit ? (
        <InlineEditor
          initial={comment.body}
          label={t('review.comments.editLabel')}
          onSave={(body) => actions.onEdit!(comment.id, body)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="text-sm break-words whitespace-pre-wrap" data-testid="comment-body">
          {comment.body}
        </p>
      )}
      {!editing ? (
        <div className="mt-1 flex flex-wrap gap-1">
          {onReply ? (
            <Button type="button" size="sm" variant="ghost" className="h-7 px-2" onClick={onReply}>
              <CornerDownRight aria-hidden="true" />
              {t('review.comments.reply')}
            </Button>
          ) : null}
          {own && actions.onEdit ? (
            <Button type="button" size="sm" variant="ghost" className="h-7 px-2" onClick={() => setEditing(true)}>
              <Pencil aria-hidden="true" />
              {t('review.comments.edit')}
            </Button>
          ) : null}
          {own && actions.onDelete ? (
            <Button type="button" size="sm" variant="ghost" className="h-7 px-2" onClick={() => void actions.onDelete!(comment.id).catch(() => undefined)}>
              <Trash2 aria-hidden="true" />
              {t('review.comments.delete')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function CommentThreadItem({
  thread,
  index,
  viewer,
  canResolve,
  active,
  actions,
}: {
  thread: ReviewThread;
  index: number;
  viewer: ReviewViewer;
  canResolve: boolean;
  active: boolean;
  actions: ThreadActions;
}) {
  const { t } = useTranslation();
  const [replying, setReplying] = useState(false);
  const resolved = thread.resolvedAt !== null;
  const position = thread.endMs === null ? formatPosition(thread.atMs) : `${formatPosition(thread.atMs)}–${formatPosition(thread.endMs)}`;
  return (
    <li
      data-testid="comment-thread"
      data-comment-id={thread.id}
      data-resolved={resolved ? 'true' : 'false'}
      className={cn('rounded-md border p-3', active && 'border-primary ring-1 ring-primary', resolved && 'opacity-75')}
    >
      <div className="flex items-start gap-3">
        <button
          type="button"
          onClick={() => actions.onSeek(thread.atMs)}
          className="shrink-0 rounded bg-orange-600 px-1.5 font-mono text-xs leading-5 text-white tabular-nums hover:bg-orange-700"
          aria-label={t('review.comments.seekTo', { position })}
          data-testid="comment-seek"
        >
          {index}
        </button>
        <div className="min-w-0 flex-1">
          <button type="button" onClick={() => actions.onSeek(thread.atMs)} className="font-mono text-xs text-muted-foreground tabular-nums hover:underline">
            {position}
          </button>
          <CommentBody comment={thread} viewer={viewer} actions={actions} onReply={actions.onReply && !thread.deleted ? () => setReplying(true) : undefined} />
          {thread.replies.length > 0 ? (
            <ul className="mt-2 grid gap-2 border-l pl-3">
              {thread.replies.map((reply) => (
                <li key={reply.id}>
                  <CommentBody comment={reply} viewer={viewer} actions={actions} />
                </li>
              ))}
            </ul>
          ) : null}
          {replying && actions.onReply ? (
            <InlineEditor
              initial=""
              label={t('review.comments.replyLabel')}
              // Staff choose; a reply in a thread the client reads starts shared, like the thread.
              shareInitially={actions.onSetVisibility ? thread.visibility === 'client' : undefined}
              onSave={(body, shared) => actions.onReply!(thread.id, body, actions.onSetVisibility ? (shared ? 'client' : 'internal') : undefined)}
              onCancel={() => setReplying(false)}
            />
          ) : null}
        </div>
        {canResolve && actions.onResolve && !thread.deleted ? (
          <Button
            type="button"
            size="sm"
            variant={resolved ? 'ghost' : 'outline'}
            className="h-7 shrink-0 px-2"
            onClick={() => void actions.onResolve!(thread.id, !resolved).catch(() => undefined)}
          >
            {resolved ? <RotateCcw aria-hidden="true" /> : <CheckCircle2 aria-hidden="true" />}
            {resolved ? t('review.comments.reopen') : t('review.comments.resolve')}
          </Button>
        ) : null}
      </div>
      {resolved && thread.resolvedByName ? (
        <p className="mt-1 text-xs text-muted-foreground">{t('review.comments.resolvedBy', { name: thread.resolvedByName })}</p>
      ) : null}
    </li>
  );
}
