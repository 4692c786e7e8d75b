/** One version of the stack: facts, badges, processing state and the actions a staff member may take. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertTriangle, CheckCircle2, Headphones, Loader2, MessageSquare, Pencil, Star } from 'lucide-react';
import { VERSION_LABELS, VERSION_NOTE_MAX_LENGTH, type VersionLabel } from '@rsm/shared/review-schemas';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';
import { formatPosition } from './review-math.ts';
import type { VersionSummary } from './version-review.tsx';
import { formatDateTime } from '@/lib/studio-time.ts';

interface VersionRowProps {
  version: VersionSummary;
  selected: boolean;
  canWrite: boolean;
  busy: boolean;
  onListen: () => void;
  onSetCurrent: () => void;
  onApprove: (approve: boolean) => void;
  onLabel: (label: VersionLabel) => void;
  onNote: (note: string) => Promise<unknown>;
}

function NoteEditor({ initial, onSave, onDone }: { initial: string; onSave: (note: string) => Promise<unknown>; onDone: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState(initial);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="mt-1 grid gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        onSave(note.trim())
          .then(onDone, () => undefined)
          .finally(() => setBusy(false));
      }}
    >
      <textarea
        aria-label={t('review.versions.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={VERSION_NOTE_MAX_LENGTH}
        rows={2}
        className="w-full rounded-md border bg-background px-3 py-2 text-sm"
        autoFocus
      />
      <div className="flex gap-2">
        <Button type="submit" size="sm" loading={busy}>
          {t('common.save')}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

export function VersionRow({ version: v, selected, canWrite, busy, onListen, onSetCurrent, onApprove, onLabel, onNote }: VersionRowProps) {
  const { t, i18n } = useTranslation();
  const [editingNote, setEditingNote] = useState(false);
  const ready = v.processing === 'ready';
  const approvable = ready && v.label !== 'stems';
  const created = formatDateTime(v.createdAt, i18n.language);
  return (
    <li
      className={cn('grid gap-2 py-3 sm:grid-cols-[1fr_auto] sm:items-center', selected && 'rounded-md bg-muted/40 px-2')}
      data-testid="version-row"
      data-version-id={v.id}
    >
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-semibold">v{v.number}</span>
          {canWrite ? (
            <select
              aria-label={t('review.versions.label')}
              value={v.label}
              onChange={(e) => onLabel(e.target.value as VersionLabel)}
              disabled={busy}
              className="h-7 rounded-md border bg-background px-1 text-sm"
            >
              {VERSION_LABELS.map((label) => (
                <option key={label} value={label} disabled={label === 'stems' && v.isApprovedMaster}>
                  {t(`review.labels.${label}`)}
                </option>
              ))}
            </select>
          ) : (
            <span>{t(`review.labels.${v.label}`)}</span>
          )}
          {v.isCurrent ? <Badge variant="secondary">{t('review.versions.current')}</Badge> : null}
          {v.isApprovedMaster ? (
            <Badge variant="success">
              <Star className="size-3" aria-hidden="true" />
              {t('review.versions.approvedMaster')}
            </Badge>
          ) : null}
          {v.processing === 'pending' ? (
            <Badge variant="outline">
              <Loader2 className="size-3 animate-spin" aria-hidden="true" />
              {t('review.versions.processing')}
            </Badge>
          ) : null}
          {v.processing === 'failed' ? (
            <Badge variant="destructive">
              <AlertTriangle className="size-3" aria-hidden="true" />
              {t('review.versions.failed')}
            </Badge>
          ) : null}
        </p>
        <p className="truncate text-xs text-muted-foreground">{[v.originalName, v.uploaderName, created].filter(Boolean).join(' · ')}</p>
        {v.processing === 'failed' && v.processingErrorCode ? (
          <p className="text-xs text-destructive">{t(`review.versions.errors.${v.processingErrorCode}`)}</p>
        ) : null}
        {ready ? (
          <p className="flex flex-wrap gap-x-3 text-xs text-muted-foreground tabular-nums">
            {v.durationMs !== null ? <span>{formatPosition(v.durationMs, false)}</span> : null}
            {v.integratedLufs !== null ? <span>{t('review.versions.lufs', { value: v.integratedLufs.toFixed(1) })}</span> : null}
            {v.truePeakDb !== null ? <span>{t('review.versions.truePeak', { value: v.truePeakDb.toFixed(1) })}</span> : null}
            <span className="inline-flex items-center gap-1">
              <MessageSquare className="size-3" aria-hidden="true" />
              {t('review.versions.commentCounts', { open: v.comments.open, resolved: v.comments.resolved })}
            </span>
          </p>
        ) : null}
        {editingNote ? (
          <NoteEditor initial={v.note} onSave={onNote} onDone={() => setEditingNote(false)} />
        ) : v.note ? (
          <p className="text-sm whitespace-pre-wrap">{v.note}</p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-1 sm:justify-end">
        {ready && v.hasPeaks ? (
          <Button type="button" size="sm" variant={selected ? 'secondary' : 'outline'} onClick={onListen} aria-pressed={selected}>
            <Headphones aria-hidden="true" />
            {t('review.versions.listen')}
          </Button>
        ) : null}
        {canWrite && !editingNote ? (
          <Button type="button" size="sm" variant="ghost" onClick={() => setEditingNote(true)} disabled={busy}>
            <Pencil aria-hidden="true" />
            {v.note ? t('review.versions.editNote') : t('review.versions.addNote')}
          </Button>
        ) : null}
        {canWrite && !v.isCurrent ? (
          <Button type="button" size="sm" variant="ghost" onClick={onSetCurrent} disabled={busy}>
            {t('review.versions.setCurrent')}
          </Button>
        ) : null}
        {canWrite && v.isApprovedMaster ? (
          <Button type="button" size="sm" variant="ghost" onClick={() => onApprove(false)} disabled={busy}>
            {t('review.versions.clearMaster')}
          </Button>
        ) : canWrite && approvable ? (
          <Button type="button" size="sm" variant="ghost" onClick={() => onApprove(true)} disabled={busy}>
            <CheckCircle2 aria-hidden="true" />
            {t('review.versions.approveMaster')}
          </Button>
        ) : null}
      </div>
    </li>
  );
}
