import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Pencil, Trash2 } from 'lucide-react';
import { noteBodySchema } from '@rsm/shared/clients-schemas';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { LinkifiedText } from '@/components/linkified-text.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { formatDateTime } from '@/lib/format.ts';
import { apiErrorMessage, translateMessageKey } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';

const PAGE_SIZE = 20;

/** Staff notes about a client, newest first: write, edit one's own, delete one's own (owners and managers: any). */
export function NotesTimeline({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const { can, studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const [pages, setPages] = useState(1);
  const notes = useQuery(trpc.clients.notes.list.queryOptions({ clientId, page: 1, pageSize: PAGE_SIZE * pages }));
  const add = useMutation(trpc.clients.notes.add.mutationOptions());
  const edit = useMutation(trpc.clients.notes.edit.mutationOptions());
  const remove = useMutation(trpc.clients.notes.remove.mutationOptions());
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.clients.notes.list.pathKey() });

  const save = async (run: () => Promise<unknown>, body: string, after: () => void) => {
    const valid = noteBodySchema.safeParse(body);
    if (!valid.success) return setError(translateMessageKey(t, valid.error.issues[0]?.message ?? ''));
    setError(null);
    try {
      await run();
      after();
      await refresh();
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('clients.notes.title')}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        {can('clients:write') ? (
          <form
            className="grid gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void save(
                () => add.mutateAsync({ clientId, body: draft }),
                draft,
                () => setDraft(''),
              );
            }}
          >
            <Textarea
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder={t('clients.notes.placeholder')}
              aria-label={t('clients.notes.new')}
              rows={3}
            />
            <div className="flex justify-end">
              <Button type="submit" size="sm" loading={add.isPending} disabled={!draft.trim()}>
                {t('clients.notes.add')}
              </Button>
            </div>
          </form>
        ) : null}
        <FormError message={error} />
        {notes.data?.items.length === 0 ? <p className="text-sm text-muted-foreground">{t('clients.notes.empty')}</p> : null}
        <ol className="grid gap-3" data-testid="notes-timeline">
          {notes.data?.items.map((note) => (
            <li key={note.id} className="rounded-md border p-3">
              <div className="mb-1 flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
                <span className="font-medium text-foreground">{note.authorName ?? t('clients.notes.formerMember')}</span>
                <time dateTime={note.createdAt}>{formatDateTime(note.createdAt, i18n.language, studio.timeZone)}</time>
                {note.edited ? <span>{t('clients.notes.edited')}</span> : null}
                <span className="ml-auto flex gap-1">
                  {note.canEdit ? (
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-7"
                      onClick={() => setEditing({ id: note.id, body: note.body })}
                      aria-label={t('clients.notes.edit')}
                    >
                      <Pencil aria-hidden="true" />
                    </Button>
                  ) : null}
                  {note.canDelete ? (
                    <Button variant="ghost" size="icon" className="size-7" onClick={() => setDeleting(note.id)} aria-label={t('clients.notes.delete')}>
                      <Trash2 aria-hidden="true" />
                    </Button>
                  ) : null}
                </span>
              </div>
              {editing?.id === note.id ? (
                <div className="grid gap-2">
                  <Textarea
                    value={editing.body}
                    onChange={(e) => setEditing({ id: note.id, body: e.target.value })}
                    aria-label={t('clients.notes.edit')}
                    rows={3}
                  />
                  <div className="flex justify-end gap-2">
                    <Button size="sm" variant="outline" onClick={() => setEditing(null)}>
                      {t('common.cancel')}
                    </Button>
                    <Button
                      size="sm"
                      loading={edit.isPending}
                      onClick={() =>
                        void save(
                          () => edit.mutateAsync({ id: note.id, body: editing.body }),
                          editing.body,
                          () => setEditing(null),
                        )
                      }
                    >
                      {t('common.save')}
                    </Button>
                  </div>
                </div>
              ) : (
                <p className="text-sm whitespace-pre-wrap">
                  <LinkifiedText text={note.body} />
                </p>
              )}
            </li>
          ))}
        </ol>
        {notes.data && notes.data.total > notes.data.items.length ? (
          <Button variant="outline" size="sm" onClick={() => setPages(pages + 1)}>
            {t('clients.notes.more')}
          </Button>
        ) : null}
      </CardContent>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('clients.notes.deleteTitle')}
        description={t('clients.notes.deleteDescription')}
        confirmLabel={t('clients.notes.delete')}
        onConfirm={async () => {
          await remove.mutateAsync({ id: deleting! });
          await refresh();
        }}
      />
    </Card>
  );
}
