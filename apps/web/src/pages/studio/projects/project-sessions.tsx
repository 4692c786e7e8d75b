import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link2, Unlink } from 'lucide-react';
import { FormError } from '@/components/form/form-error.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { Input } from '@/components/ui/input.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { formatDateTime } from '@/lib/format.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { projectErrorMessage } from './project-errors.ts';
import type { ProjectDetail } from './project-types.ts';

type Session = ProjectDetail['sessions'][number];

function SessionLine({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  return (
    <div className="min-w-0">
      <p className="truncate font-medium">{session.title}</p>
      <p className="text-sm text-muted-foreground">
        {formatDateTime(session.startsAt, i18n.language, studio.timeZone)} · {session.roomName} ·{' '}
        <Badge variant="outline">{t(`calendar.status.${session.status}`)}</Badge>
      </p>
    </div>
  );
}

/** Sessions the project was worked on in: room, time, status; link more, unlink. */
export function ProjectSessions({ project, canWrite }: { project: ProjectDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [picking, setPicking] = useState(false);
  const unlink = useMutation(trpc.projects.unlinkSession.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() });

  return (
    <section className="grid gap-3" aria-labelledby="project-sessions-title">
      <div className="flex items-center justify-between gap-2">
        <h2 id="project-sessions-title" className="text-lg font-semibold">
          {t('projects.sessions.title')}
        </h2>
        {canWrite ? (
          <Button variant="outline" size="sm" onClick={() => setPicking(true)}>
            <Link2 aria-hidden="true" />
            {t('projects.sessions.link')}
          </Button>
        ) : null}
      </div>
      {project.sessions.length === 0 ? <p className="text-sm text-muted-foreground">{t('projects.sessions.empty')}</p> : null}
      <ul className="grid gap-2">
        {project.sessions.map((session) => (
          <li key={session.id} className="flex items-center justify-between gap-2 rounded-md border p-3">
            <SessionLine session={session} />
            {canWrite ? (
              <Button
                variant="ghost"
                size="icon"
                aria-label={t('projects.sessions.unlink', { title: session.title })}
                onClick={() =>
                  void unlink
                    .mutateAsync({ projectId: project.id, sessionId: session.id })
                    .then(refresh)
                    .catch((error: unknown) => toast(projectErrorMessage(t, error), 'error'))
                }
              >
                <Unlink aria-hidden="true" />
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {picking ? <LinkSessionDialog projectId={project.id} onClose={() => setPicking(false)} onLinked={refresh} /> : null}
    </section>
  );
}

function LinkSessionDialog({ projectId, onClose, onLinked }: { projectId: string; onClose: () => void; onLinked: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const debounced = useDebouncedValue(search, 250);
  const options = useQuery(trpc.projects.linkableSessions.queryOptions({ projectId, search: debounced }));
  const link = useMutation(trpc.projects.linkSession.mutationOptions());
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[85dvh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{t('projects.sessions.pickTitle')}</DialogTitle>
          <DialogDescription>{t('projects.sessions.pickDescription')}</DialogDescription>
        </DialogHeader>
        <Input
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t('projects.sessions.search')}
          aria-label={t('projects.sessions.search')}
        />
        <FormError message={error ?? (options.isError ? projectErrorMessage(t, options.error) : null)} />
        {options.data?.length === 0 ? <p className="text-sm text-muted-foreground">{t('projects.sessions.none')}</p> : null}
        <ul className="grid gap-2">
          {options.data?.map((session) => (
            <li key={session.id} className="flex items-center justify-between gap-2 rounded-md border p-3">
              <SessionLine session={session} />
              <Button
                size="sm"
                onClick={async () => {
                  try {
                    await link.mutateAsync({ projectId, sessionId: session.id });
                    await onLinked();
                    onClose();
                  } catch (failure) {
                    setError(projectErrorMessage(t, failure));
                  }
                }}
              >
                {t('projects.sessions.linkOne')}
              </Button>
            </li>
          ))}
        </ul>
      </DialogContent>
    </Dialog>
  );
}
