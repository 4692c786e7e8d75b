import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Archive, ArchiveRestore, ArrowLeft, Download, Pencil } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { FormError } from '@/components/form/form-error.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { MemberAvatars } from './member-avatars.tsx';
import { formatDueDate } from './project-dates.ts';
import { ProjectDialog } from './project-dialog.tsx';
import { projectErrorMessage } from './project-errors.ts';
import { downloadText } from '@/lib/download.ts';
import { ProjectSessions } from './project-sessions.tsx';
import { ProjectTracks } from './project-tracks.tsx';
import { ShareDialog } from './sharing/share-dialog.tsx';
import { SharesList } from './sharing/shares-list.tsx';
import type { ProjectDetail } from './project-types.ts';
import { InvoiceProjectLink } from '@/components/money/invoice-links.tsx';
import { ProjectMoneyCard } from '../money/client-money-card.tsx';

export function ProjectDetailPage() {
  const { projectId = '' } = useParams();
  const { t } = useTranslation();
  const { can, pathTo } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ id: projectId }));
  const canWrite = can('projects:write');

  return (
    <div className="grid gap-8">
      <Link to={pathTo('projects')} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" />
        {t('projects.title')}
      </Link>
      {project.isPending ? (
        <Skeleton className="h-40" />
      ) : project.isError ? (
        <FormError message={projectErrorMessage(t, project.error)} />
      ) : (
        <>
          <ProjectHeader project={project.data} canWrite={canWrite} />
          <ProjectTracks projectId={project.data.id} canWrite={canWrite} />
          <div className="grid gap-2">
            <div>
              <ShareDialog target={{ kind: 'project', id: project.data.id }} />
            </div>
            <SharesList target={{ kind: 'project', id: project.data.id }} />
          </div>
          <div className="grid gap-8 lg:grid-cols-2">
            <ProjectSessions project={project.data} canWrite={canWrite} />
            <ProjectTeam project={project.data} />
          </div>
          <ProjectMoneyCard projectId={project.data.id} />
          <ProjectNotes key={project.data.updatedAt} project={project.data} canWrite={canWrite} />
        </>
      )}
    </div>
  );
}

function ProjectHeader({ project, canWrite }: { project: ProjectDetail; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const archive = useMutation(trpc.projects.archive.mutationOptions());
  const restore = useMutation(trpc.projects.restore.mutationOptions());
  const exportCsv = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.credits.exportCsv.queryOptions({ projectId: project.id }), staleTime: 0 }),
  });

  const toggleArchive = async () => {
    try {
      await (project.archivedAt ? restore : archive).mutateAsync({ id: project.id });
      await queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() });
      toast(t(project.archivedAt ? 'projects.list.restored' : 'projects.list.archived', { name: project.name }));
    } catch (error) {
      toast(projectErrorMessage(t, error), 'error');
    }
  };
  const download = async () => {
    try {
      const file = await exportCsv.mutateAsync();
      if (file.rows === 0) toast(t('projects.credits.exportEmpty'), 'error');
      else downloadText({ filename: file.filename, mimeType: 'text/csv;charset=utf-8', content: file.csv });
    } catch (error) {
      toast(projectErrorMessage(t, error), 'error');
    }
  };

  return (
    <header className="grid gap-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="project-title">
            {project.name}
          </h1>
          <p className="text-sm text-muted-foreground">{project.clientName ?? t('projects.noClient')}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <InvoiceProjectLink projectId={project.id} />
          <Button variant="outline" onClick={() => void download()} loading={exportCsv.isPending}>
            <Download aria-hidden="true" />
            {t('projects.credits.export')}
          </Button>
          {canWrite ? (
            <>
              <Button variant="outline" onClick={() => setEditing(true)}>
                <Pencil aria-hidden="true" />
                {t('projects.edit')}
              </Button>
              <Button variant="outline" onClick={() => void toggleArchive()}>
                {project.archivedAt ? <ArchiveRestore aria-hidden="true" /> : <Archive aria-hidden="true" />}
                {project.archivedAt ? t('projects.restore') : t('projects.archive')}
              </Button>
            </>
          ) : null}
        </div>
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <div className="flex gap-2">
          <dt className="text-muted-foreground">{t('projects.fields.stage')}</dt>
          <dd>
            <Badge variant="secondary">{project.archivedAt ? t('projects.list.archivedBadge') : t(`projects.stages.${project.stage}`)}</Badge>
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-muted-foreground">{t('projects.fields.type')}</dt>
          <dd>{t(`projects.types.${project.type}`)}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-muted-foreground">{t('projects.fields.dueDate')}</dt>
          <dd>{project.dueDate ? formatDueDate(project.dueDate, i18n.language) : '—'}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-muted-foreground">{t('projects.fields.budgetShort')}</dt>
          <dd className="tabular-nums">{project.budgetCents !== null ? formatMinor(project.budgetCents, project.currency, i18n.language) : '—'}</dd>
        </div>
      </dl>
      {editing ? <ProjectDialog project={project} onClose={() => setEditing(false)} /> : null}
    </header>
  );
}

function ProjectTeam({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  return (
    <section className="grid content-start gap-3" aria-labelledby="project-team-title">
      <h2 id="project-team-title" className="text-lg font-semibold">
        {t('projects.fields.team')}
      </h2>
      {project.members.length === 0 ? <p className="text-sm text-muted-foreground">{t('projects.team.empty')}</p> : <MemberAvatars members={project.members} />}
      <ul className="grid gap-1 text-sm">
        {project.members.map((member) => (
          <li key={member.userId}>
            {member.name || t('projects.team.unknownMember')}
            {member.role ? <span className="text-muted-foreground"> — {member.role}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ProjectNotes({ project, canWrite }: { project: ProjectDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [notes, setNotes] = useState(project.notes);
  const save = useMutation(trpc.projects.setNotes.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="grid gap-3" aria-labelledby="project-notes-title">
      <h2 id="project-notes-title" className="text-lg font-semibold">
        {t('projects.fields.notes')}
      </h2>
      <Textarea
        value={notes}
        onChange={(event) => setNotes(event.target.value)}
        rows={5}
        readOnly={!canWrite}
        aria-labelledby="project-notes-title"
        maxLength={20_000}
      />
      <FormError message={error} />
      {canWrite ? (
        <div>
          <Button
            variant="outline"
            disabled={notes === project.notes}
            loading={save.isPending}
            onClick={async () => {
              setError(null);
              try {
                await save.mutateAsync({ id: project.id, notes });
                await queryClient.invalidateQueries({ queryKey: trpc.projects.get.queryKey({ id: project.id }) });
                toast(t('projects.notesSaved'));
              } catch (failure) {
                setError(projectErrorMessage(t, failure));
              }
            }}
          >
            {t('projects.saveNotes')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
