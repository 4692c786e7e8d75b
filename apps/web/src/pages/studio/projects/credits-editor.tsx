import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArrowDown, ArrowUp, GripVertical, Pencil, Plus, Trash2, Users } from 'lucide-react';
import { splitTotalHundredths } from '@rsm/shared/projects-schemas';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { cn } from '@/lib/cn.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { CreditDialog } from './credit-dialog.tsx';
import { projectErrorMessage } from './project-errors.ts';
import { formatPercent } from './project-format.ts';
import type { Credit } from './project-types.ts';
import { useReorder } from './use-reorder.ts';
import { useOrderCommit } from './use-order-commit.ts';

/** Who is credited on a track, with roles, instruments and splits; the split total is always shown. */
export function CreditsEditor({ trackId, canWrite }: { trackId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const listKey = trpc.credits.list.queryKey({ trackId });
  const credits = useQuery(trpc.credits.list.queryOptions({ trackId }));
  const reorder = useMutation(trpc.credits.reorder.mutationOptions());
  const remove = useMutation(trpc.credits.delete.mutationOptions());
  const [editing, setEditing] = useState<Credit | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Credit | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.credits.pathKey() });

  const commitOrder = useOrderCommit<Credit>({
    listKey,
    save: (ids) => reorder.mutateAsync({ parentId: trackId, ids }),
    refresh,
    onError: (error) => toast(projectErrorMessage(t, error), 'error'),
  });
  const { shown, draggingId, onHandlePointerDown, moveBy } = useReorder(credits.data ?? [], list, (ids) => void commitOrder(ids));
  const total = splitTotalHundredths(shown.map((c) => c.splitPercent));

  return (
    <section className="grid gap-3" aria-labelledby="track-credits-title">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="track-credits-title" className="text-lg font-semibold">
          {t('projects.credits.title')}
        </h2>
        <p className={cn('text-sm', total > 10_000 ? 'font-medium text-destructive' : 'text-muted-foreground')} data-testid="split-total">
          {t('projects.credits.total', { total: formatPercent(total, i18n.language) })}
        </p>
      </div>
      {credits.isPending ? (
        <Skeleton className="h-24" />
      ) : credits.isError ? (
        <FormError message={projectErrorMessage(t, credits.error)} />
      ) : shown.length === 0 ? (
        <EmptyState icon={Users} title={t('projects.credits.emptyTitle')} description={t('projects.credits.emptyDescription')} />
      ) : (
        <ol ref={list} className="grid gap-2" data-testid="credit-list">
          {shown.map((credit, index) => (
            <li
              key={credit.id}
              data-reorder-id={credit.id}
              data-testid="credit-row"
              className={cn('flex items-center gap-2 rounded-md border p-3', draggingId === credit.id && 'bg-accent/60')}
            >
              {canWrite ? (
                <button
                  type="button"
                  className="cursor-grab touch-none p-1 text-muted-foreground"
                  onPointerDown={(event) => onHandlePointerDown(event, credit.id)}
                  aria-label={t('projects.credits.dragHandle', { name: credit.personName })}
                >
                  <GripVertical className="size-4" aria-hidden="true" />
                </button>
              ) : null}
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {credit.personName}
                  {credit.clientName ? <span className="text-sm font-normal text-muted-foreground"> · {credit.clientName}</span> : null}
                </p>
                <p className="flex flex-wrap gap-1 text-sm text-muted-foreground">
                  {credit.roles.map((role) => (
                    <Badge key={role} variant="outline">
                      {t(`projects.credits.roles.${role}`)}
                    </Badge>
                  ))}
                  {credit.instruments.length ? <span>{credit.instruments.join(', ')}</span> : null}
                </p>
              </div>
              <span className="text-sm tabular-nums">
                {credit.splitPercent === null ? '—' : `${formatPercent(Math.round(credit.splitPercent * 100), i18n.language)} %`}
              </span>
              {canWrite ? (
                <span className="flex whitespace-nowrap">
                  <Button
                    variant="ghost"
                    size="icon"
                    disabled={index === 0}
                    onClick={() => moveBy(credit.id, -1)}
                    aria-label={t('projects.credits.moveUp', { name: credit.personName })}
                  >
                    <ArrowUp aria-hidden="true" />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon"
                    disabled={index === shown.length - 1}
                    onClick={() => moveBy(credit.id, 1)}
                    aria-label={t('projects.credits.moveDown', { name: credit.personName })}
                  >
                    <ArrowDown aria-hidden="true" />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon"
                    onClick={() => setEditing(credit)}
                    aria-label={t('projects.credits.editNamed', { name: credit.personName })}
                  >
                    <Pencil aria-hidden="true" />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon"
                    onClick={() => setDeleting(credit)}
                    aria-label={t('projects.credits.deleteNamed', { name: credit.personName })}
                  >
                    <Trash2 aria-hidden="true" />
                  </Button>
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {canWrite ? (
        <div>
          <Button variant="outline" onClick={() => setEditing('new')}>
            <Plus aria-hidden="true" />
            {t('projects.credits.add')}
          </Button>
        </div>
      ) : null}
      {editing ? (
        <CreditDialog
          trackId={trackId}
          credit={editing === 'new' ? undefined : editing}
          othersHundredths={splitTotalHundredths(shown.filter((c) => editing === 'new' || c.id !== editing.id).map((c) => c.splitPercent))}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('projects.credits.deleteTitle', { name: deleting?.personName ?? '' })}
        description={t('projects.credits.deleteDescription')}
        confirmLabel={t('projects.credits.delete')}
        onConfirm={async () => {
          await remove.mutateAsync({ id: deleting!.id });
          await refresh();
        }}
      />
    </section>
  );
}
