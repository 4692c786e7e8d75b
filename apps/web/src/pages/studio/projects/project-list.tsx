import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Archive, ArchiveRestore, ArrowDownUp, FolderKanban } from 'lucide-react';
import { PROJECT_STAGES, PROJECT_TYPES, type ProjectStage, type ProjectType } from '@rsm/shared/projects-schemas';
import { formatMinor } from '@rsm/shared/money';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { ClientCombobox, type PickedClient } from '@/components/client-combobox.tsx';
import { MemberAvatars } from './member-avatars.tsx';
import { formatDueDate } from './project-dates.ts';
import { projectErrorMessage } from './project-errors.ts';
import type { ProjectListInput, ProjectListItem } from './project-types.ts';

type Sort = NonNullable<ProjectListInput['sort']>;
const ALL = 'all';
const PAGE_SIZE = 25;

/** Every project as a table: search (accents and case ignored), filters, sorting, pages, archive. */
export function ProjectList() {
  const { t, i18n } = useTranslation();
  const { can, pathTo } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [search, setSearch] = useState('');
  const [stage, setStage] = useState<ProjectStage | typeof ALL>(ALL);
  const [type, setType] = useState<ProjectType | typeof ALL>(ALL);
  const [client, setClient] = useState<PickedClient>(null);
  const [archived, setArchived] = useState<'active' | 'archived' | 'all'>('active');
  const [sort, setSort] = useState<{ key: Sort; direction: 'asc' | 'desc' }>({ key: 'updated', direction: 'desc' });
  const [page, setPage] = useState(1);
  const debounced = useDebouncedValue(search, 250);
  const input: ProjectListInput = {
    search: debounced,
    stages: stage === ALL ? [] : [stage],
    types: type === ALL ? [] : [type],
    clientId: client?.id ?? null,
    archived,
    sort: sort.key,
    direction: sort.direction,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery({ ...trpc.projects.list.queryOptions(input), placeholderData: keepPreviousData });
  const archive = useMutation(trpc.projects.archive.mutationOptions());
  const restore = useMutation(trpc.projects.restore.mutationOptions());
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));

  const resetPage =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };
  const toggleSort = (key: Sort) => setSort((current) => ({ key, direction: current.key === key && current.direction === 'asc' ? 'desc' : 'asc' }));
  const toggleArchived = async (project: ProjectListItem) => {
    try {
      if (project.archivedAt) await restore.mutateAsync({ id: project.id });
      else await archive.mutateAsync({ id: project.id });
      await queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() });
      toast(t(project.archivedAt ? 'projects.list.restored' : 'projects.list.archived', { name: project.name }));
    } catch (error) {
      toast(projectErrorMessage(t, error), 'error');
    }
  };
  const sortHeader = (key: Sort, label: string, className?: string) => (
    <TableHead className={className} aria-sort={sort.key === key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="inline-flex items-center gap-1 hover:underline" onClick={() => toggleSort(key)}>
        {label}
        <ArrowDownUp className="size-3" aria-hidden="true" />
      </button>
    </TableHead>
  );

  return (
    <div className="grid gap-4">
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-[1fr_12rem_auto_auto_auto]">
        <Input
          type="search"
          value={search}
          onChange={(event) => resetPage(setSearch)(event.target.value)}
          placeholder={t('projects.list.search')}
          aria-label={t('projects.list.search')}
        />
        <ClientCombobox
          compact
          label={t('projects.fields.client')}
          placeholder={t('projects.list.allClients')}
          value={client}
          onChange={resetPage(setClient)}
        />
        <Select value={stage} onValueChange={resetPage((v: string) => setStage(v as ProjectStage | typeof ALL))}>
          <SelectTrigger aria-label={t('projects.fields.stage')} className="lg:w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t('projects.list.allStages')}</SelectItem>
            {PROJECT_STAGES.map((s) => (
              <SelectItem key={s} value={s}>
                {t(`projects.stages.${s}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select value={type} onValueChange={resetPage((v: string) => setType(v as ProjectType | typeof ALL))}>
          <SelectTrigger aria-label={t('projects.fields.type')} className="lg:w-36">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t('projects.list.allTypes')}</SelectItem>
            {PROJECT_TYPES.map((s) => (
              <SelectItem key={s} value={s}>
                {t(`projects.types.${s}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select value={archived} onValueChange={resetPage((v: string) => setArchived(v as typeof archived))}>
          <SelectTrigger aria-label={t('projects.list.archivedFilter')} className="lg:w-36">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {(['active', 'archived', 'all'] as const).map((value) => (
              <SelectItem key={value} value={value}>
                {t(`projects.list.show.${value}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {list.isError ? <FormError message={projectErrorMessage(t, list.error)} /> : null}
      {list.isPending ? (
        <Skeleton className="h-64" />
      ) : list.data?.items.length === 0 ? (
        <EmptyState icon={FolderKanban} title={t('projects.list.emptyTitle')} description={t('projects.list.emptyDescription')} />
      ) : (
        <div className="overflow-x-auto rounded-md border">
          <Table data-testid="project-list">
            <TableHeader>
              <TableRow>
                {sortHeader('name', t('projects.fields.name'))}
                {sortHeader('client', t('projects.fields.client'), 'hidden sm:table-cell')}
                {sortHeader('stage', t('projects.fields.stage'))}
                <TableHead className="hidden md:table-cell">{t('projects.fields.type')}</TableHead>
                {sortHeader('due', t('projects.fields.dueDate'))}
                <TableHead className="hidden lg:table-cell">{t('projects.fields.budgetShort')}</TableHead>
                <TableHead className="hidden md:table-cell">{t('projects.fields.team')}</TableHead>
                <TableHead>
                  <span className="sr-only">{t('common.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data?.items.map((project) => (
                <TableRow key={project.id}>
                  <TableCell className="font-medium">
                    <Link to={pathTo(`projects/${project.id}`)} className="hover:underline">
                      {project.name}
                    </Link>
                    {/* On phones the client column is folded under the name. */}
                    {project.clientName ? <span className="block text-xs text-muted-foreground sm:hidden">{project.clientName}</span> : null}
                    <span className="block text-xs text-muted-foreground">{t('projects.trackCount', { count: project.trackCount })}</span>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">{project.clientName ?? '—'}</TableCell>
                  <TableCell>
                    <Badge variant={project.archivedAt ? 'outline' : 'secondary'}>
                      {project.archivedAt ? t('projects.list.archivedBadge') : t(`projects.stages.${project.stage}`)}
                    </Badge>
                  </TableCell>
                  <TableCell className="hidden md:table-cell">{t(`projects.types.${project.type}`)}</TableCell>
                  <TableCell className="whitespace-nowrap">{project.dueDate ? formatDueDate(project.dueDate, i18n.language) : '—'}</TableCell>
                  <TableCell className="hidden tabular-nums lg:table-cell">
                    {project.budgetCents !== null ? formatMinor(project.budgetCents, project.currency, i18n.language) : '—'}
                  </TableCell>
                  <TableCell className="hidden md:table-cell">{project.members.length ? <MemberAvatars members={project.members} /> : null}</TableCell>
                  <TableCell className="text-right">
                    {can('projects:write') ? (
                      <Button
                        variant="ghost"
                        size="icon"
                        onClick={() => void toggleArchived(project)}
                        aria-label={t(project.archivedAt ? 'projects.list.restoreNamed' : 'projects.list.archiveNamed', { name: project.name })}
                      >
                        {project.archivedAt ? <ArchiveRestore aria-hidden="true" /> : <Archive aria-hidden="true" />}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="flex items-center justify-between gap-2 text-sm" aria-label={t('projects.list.pages')}>
          <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t('projects.list.previous')}
          </Button>
          <span>{t('projects.list.pageOf', { page, pages, total: list.data?.total ?? 0 })}</span>
          <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t('projects.list.next')}
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
