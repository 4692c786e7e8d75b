import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArrowDown, ArrowUp, GripVertical, Music, Plus, Trash2 } from 'lucide-react';
import { formatIsrc, TRACK_STAGES } from '@rsm/shared/projects-schemas';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { cn } from '@/lib/cn.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { formatDuration } from './project-format.ts';
import { projectErrorMessage } from './project-errors.ts';
import type { Track } from './project-types.ts';
import { useReorder } from './use-reorder.ts';
import { useOrderCommit } from './use-order-commit.ts';

const STATUS_CLASS = { todo: 'bg-muted-foreground/25', in_progress: 'bg-amber-500', done: 'bg-emerald-600' } as const;

/** The project's tracks in release order: add, open, reorder (drag or buttons), delete. */
export function ProjectTracks({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { pathTo } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const listKey = trpc.tracks.list.queryKey({ projectId });
  const tracks = useQuery(trpc.tracks.list.queryOptions({ projectId }));
  const create = useMutation(trpc.tracks.create.mutationOptions());
  const reorder = useMutation(trpc.tracks.reorder.mutationOptions());
  const remove = useMutation(trpc.tracks.delete.mutationOptions());
  const [title, setTitle] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Track | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.tracks.pathKey() }).then(() => queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() }));

  const commitOrder = useOrderCommit<Track>({
    listKey,
    save: (ids) => reorder.mutateAsync({ parentId: projectId, ids }),
    refresh,
    onError: (error) => toast(projectErrorMessage(t, error), 'error'),
    arrange: (rows) => rows.map((track, i) => ({ ...track, number: i + 1 })),
  });
  const { shown, draggingId, onHandlePointerDown, moveBy } = useReorder(tracks.data ?? [], body, (ids) => void commitOrder(ids));

  const add = async () => {
    if (!title.trim()) return setAddError(t('errors.required'));
    setAddError(null);
    try {
      await create.mutateAsync({ projectId, title: title.trim() });
      setTitle('');
      await refresh();
    } catch (error) {
      setAddError(projectErrorMessage(t, error));
    }
  };

  return (
    <section className="grid gap-3" aria-labelledby="project-tracks-title">
      <h2 id="project-tracks-title" className="text-lg font-semibold">
        {t('projects.tracks.title')}
      </h2>
      {tracks.isPending ? (
        <Skeleton className="h-40" />
      ) : tracks.isError ? (
        <FormError message={projectErrorMessage(t, tracks.error)} />
      ) : shown.length === 0 ? (
        <EmptyState icon={Music} title={t('projects.tracks.emptyTitle')} description={t('projects.tracks.emptyDescription')} />
      ) : (
        <div className="overflow-x-auto rounded-md border">
          <Table data-testid="track-list">
            <TableHeader>
              <TableRow>
                {canWrite ? <TableHead className="w-8" /> : null}
                <TableHead className="w-10">#</TableHead>
                <TableHead>{t('projects.tracks.fields.title')}</TableHead>
                <TableHead className="hidden sm:table-cell">{t('projects.tracks.fields.duration')}</TableHead>
                <TableHead className="hidden md:table-cell">{t('projects.tracks.fields.bpm')}</TableHead>
                <TableHead className="hidden md:table-cell">{t('projects.tracks.fields.key')}</TableHead>
                <TableHead className="hidden lg:table-cell">{t('projects.tracks.fields.isrc')}</TableHead>
                <TableHead className="hidden sm:table-cell">{t('projects.tracks.progress')}</TableHead>
                {canWrite ? (
                  <TableHead>
                    <span className="sr-only">{t('common.actions')}</span>
                  </TableHead>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody ref={body}>
              {shown.map((track, index) => (
                <TableRow key={track.id} data-reorder-id={track.id} data-testid="track-row" className={cn(draggingId === track.id && 'bg-accent/60')}>
                  {canWrite ? (
                    <TableCell className="w-8 px-1">
                      <button
                        type="button"
                        className="cursor-grab touch-none p-1 text-muted-foreground"
                        onPointerDown={(event) => onHandlePointerDown(event, track.id)}
                        aria-label={t('projects.tracks.dragHandle', { title: track.title })}
                        data-testid="track-drag-handle"
                      >
                        <GripVertical className="size-4" aria-hidden="true" />
                      </button>
                    </TableCell>
                  ) : null}
                  <TableCell className="tabular-nums">{index + 1}</TableCell>
                  <TableCell className="font-medium">
                    <Link to={pathTo(`projects/${projectId}/tracks/${track.id}`)} className="hover:underline">
                      {track.title}
                    </Link>
                  </TableCell>
                  <TableCell className="hidden tabular-nums sm:table-cell">{formatDuration(track.durationSeconds) || '—'}</TableCell>
                  <TableCell className="hidden tabular-nums md:table-cell">{track.bpm ?? '—'}</TableCell>
                  <TableCell className="hidden md:table-cell">{track.musicalKey || '—'}</TableCell>
                  <TableCell className="hidden font-mono text-xs lg:table-cell">{track.isrc ? formatIsrc(track.isrc) : '—'}</TableCell>
                  <TableCell className="hidden sm:table-cell">
                    <span className="flex gap-1">
                      {TRACK_STAGES.map((stage) => {
                        const status = track.stageStatus[stage] ?? 'todo';
                        const label = `${t(`projects.stages.${stage}`)}: ${t(`projects.tracks.status.${status}`)}`;
                        return <span key={stage} className={cn('size-2.5 rounded-full', STATUS_CLASS[status])} title={label} aria-label={label} role="img" />;
                      })}
                    </span>
                  </TableCell>
                  {canWrite ? (
                    <TableCell className="text-right whitespace-nowrap">
                      <Button
                        variant="ghost"
                        size="icon"
                        disabled={index === 0}
                        onClick={() => moveBy(track.id, -1)}
                        aria-label={t('projects.tracks.moveUp', { title: track.title })}
                      >
                        <ArrowUp aria-hidden="true" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon"
                        disabled={index === shown.length - 1}
                        onClick={() => moveBy(track.id, 1)}
                        aria-label={t('projects.tracks.moveDown', { title: track.title })}
                      >
                        <ArrowDown aria-hidden="true" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon"
                        onClick={() => setDeleting(track)}
                        aria-label={t('projects.tracks.deleteNamed', { title: track.title })}
                      >
                        <Trash2 aria-hidden="true" />
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {canWrite ? (
        <form
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <Input
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder={t('projects.tracks.newPlaceholder')}
            aria-label={t('projects.tracks.newLabel')}
            maxLength={200}
          />
          <Button type="submit" variant="outline" loading={create.isPending}>
            <Plus aria-hidden="true" />
            {t('projects.tracks.add')}
          </Button>
        </form>
      ) : null}
      <FormError message={addError} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('projects.tracks.deleteTitle', { title: deleting?.title ?? '' })}
        description={
          deleting && deleting.versionCount > 0
            ? t('projects.errors.track_has_versions', { versions: deleting.versionCount })
            : t('projects.tracks.deleteDescription')
        }
        confirmLabel={t('projects.tracks.delete')}
        onConfirm={async () => {
          try {
            await remove.mutateAsync({ id: deleting!.id });
            toast(t('projects.tracks.deleted', { title: deleting!.title }));
          } catch (error) {
            // e.g. audio versions were uploaded meanwhile: the sentence says why, the dialog closes.
            toast(projectErrorMessage(t, error), 'error');
          }
          await refresh();
        }}
      />
    </section>
  );
}
