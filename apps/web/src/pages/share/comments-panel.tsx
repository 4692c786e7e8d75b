/**
 * A client's view of a version's comments (the studio's and their own), and a box to add one at the
 * current playback position. Data comes from the caller (share page or portal), so one component
 * serves both.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageSquare } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { threadMarkers } from '@/pages/studio/projects/audio/player-markers.ts';
import type { PlayerMarker } from '@/pages/studio/projects/audio/waveform-player.tsx';

type Threads = RouterOutputs['share']['comments'];

export function formatPosition(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

type Props = {
  versionId: string;
  threads: Threads | undefined;
  error: unknown;
  canComment: boolean;
  positionMs: () => number;
  onAdd: (input: { body: string; atMs: number; parentId?: string | null }) => Promise<unknown>;
  /** Receives the threads as waveform markers whenever they change. */
  showMarkers?: (markers: PlayerMarker[]) => void;
};

export function CommentsPanel({ versionId, threads, error, canComment, positionMs, onAdd, showMarkers }: Props) {
  const { t } = useTranslation();
  useEffect(() => {
    if (threads) showMarkers?.(threadMarkers(threads.threads));
  }, [threads, showMarkers]);
  const [body, setBody] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setFormError(t('errors.required'));
      return;
    }
    setPending(true);
    setFormError(null);
    try {
      await onAdd({ body: body.trim(), atMs: positionMs() });
      setBody('');
    } catch (e) {
      setFormError(apiErrorMessage(t, e));
    } finally {
      setPending(false);
    }
  };
  const id = `comment-${versionId}`;
  return (
    <details className="rounded-md border p-2">
      <summary className="flex cursor-pointer items-center gap-2 text-sm font-medium">
        <MessageSquare aria-hidden="true" className="size-4" />
        {t('sharing.comments.title', { count: threads?.threads.length ?? 0 })}
      </summary>
      <div className="mt-2 grid gap-3">
        {error ? <FormError message={apiErrorMessage(t, error)} /> : null}
        <ul className="grid gap-2" data-testid="share-comments">
          {threads?.threads.map((thread) => (
            <li key={thread.id} className="text-sm">
              <p>
                <span className="font-mono text-xs text-muted-foreground">{formatPosition(thread.atMs)}</span>{' '}
                <span className="font-medium">{thread.author.name}</span>{' '}
                {thread.deleted ? <em className="text-muted-foreground">{t('sharing.comments.deleted')}</em> : thread.body}
              </p>
              {thread.replies.map((reply) => (
                <p key={reply.id} className="ml-6">
                  <span className="font-medium">{reply.author.name}</span> {reply.body}
                </p>
              ))}
            </li>
          ))}
        </ul>
        {canComment ? (
          <form onSubmit={(event) => void submit(event)} noValidate className="grid gap-2">
            <FormError message={formError} />
            <Label htmlFor={id}>{t('sharing.comments.add')}</Label>
            <Textarea id={id} value={body} maxLength={5000} onChange={(e) => setBody(e.target.value)} placeholder={t('sharing.comments.placeholder')} />
            <div>
              <Button type="submit" size="sm" loading={pending}>
                {t('sharing.comments.send')}
              </Button>
            </div>
          </form>
        ) : (
          <p className="text-sm text-muted-foreground">{t('sharing.comments.anonymous')}</p>
        )}
      </div>
    </details>
  );
}
