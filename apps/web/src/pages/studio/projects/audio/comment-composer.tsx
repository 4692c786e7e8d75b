/** "Add a comment" at the playhead, or over the range dragged on the waveform. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { X } from 'lucide-react';
import { COMMENT_MAX_LENGTH } from '@rsm/shared/review-schemas';
import { Button } from '@/components/ui/button.tsx';
import { ShareChoice } from './comment-thread.tsx';
import { formatPosition } from './review-math.ts';

interface CommentComposerProps {
  /** The playhead, shown as where a point comment lands. */
  playheadMs: number;
  range: { startMs: number; endMs: number } | null;
  onClearRange: () => void;
  /** Resolves when saved; rejects (the caller shows the error) and the text is kept. `shared`: shown to the client. */
  onSubmit: (body: string, shared: boolean) => Promise<unknown>;
}

export function CommentComposer({ playheadMs, range, onClearRange, onSubmit }: CommentComposerProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  // Internal unless staff decide otherwise: the client sees only what is shared with them.
  const [shared, setShared] = useState(false);
  const [busy, setBusy] = useState(false);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    try {
      await onSubmit(body.trim(), shared);
      setBody('');
      setShared(false);
    } catch {
      // Error shown by the caller; the text stays.
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="grid gap-2 rounded-md border p-3" data-testid="comment-composer">
      <label htmlFor="review-comment-body" className="flex flex-wrap items-center gap-2 text-sm font-medium">
        {range
          ? t('review.composer.range', { start: formatPosition(range.startMs), end: formatPosition(range.endMs) })
          : t('review.composer.point', { position: formatPosition(playheadMs) })}
        {range ? (
          <Button type="button" size="sm" variant="ghost" className="h-6 px-1.5" onClick={onClearRange}>
            <X aria-hidden="true" />
            {t('review.composer.clearRange')}
          </Button>
        ) : null}
      </label>
      <textarea
        id="review-comment-body"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={COMMENT_MAX_LENGTH}
        rows={2}
        placeholder={t('review.composer.placeholder')}
        className="w-full rounded-md border bg-background px-3 py-2 text-sm"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit(e);
        }}
      />
      <ShareChoice checked={shared} onChange={setShared} />
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground">{t('review.composer.hint')}</p>
        <Button type="submit" size="sm" loading={busy} disabled={!body.trim()} data-testid="comment-submit">
          {t('review.composer.submit')}
        </Button>
      </div>
    </form>
  );
}
