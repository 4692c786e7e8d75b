import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Columns3, List, Plus } from 'lucide-react';
import { PageHeader } from '@/components/page-header.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { ProjectBoard } from './project-board.tsx';
import { ProjectDialog } from './project-dialog.tsx';
import { projectErrorMessage } from './project-errors.ts';
import { ProjectList } from './project-list.tsx';
import { useProjectBoard } from './use-project-board.ts';

type View = 'board' | 'list';

/** Phones open on the list (a board of six columns is a lot of sideways scrolling). */
function defaultView(): View {
  return typeof window !== 'undefined' && window.matchMedia('(max-width: 639px)').matches ? 'list' : 'board';
}

export function ProjectsPage() {
  const { t } = useTranslation();
  const { can, pathTo } = useCurrentStudio();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'list' ? 'list' : params.get('view') === 'board' ? 'board' : defaultView();
  const [creating, setCreating] = useState(false);
  const setView = (next: View) =>
    setParams(
      (current) => {
        current.set('view', next);
        return current;
      },
      { replace: true },
    );

  return (
    <div>
      <PageHeader
        title={t('projects.title')}
        description={t('projects.description')}
        actions={
          <>
            <div className="inline-flex rounded-md border p-0.5" role="group" aria-label={t('projects.view.label')}>
              {(['board', 'list'] as const).map((option) => (
                <Button
                  key={option}
                  size="sm"
                  variant="ghost"
                  aria-pressed={view === option}
                  className={cn(view === option && 'bg-accent')}
                  onClick={() => setView(option)}
                >
                  {option === 'board' ? <Columns3 aria-hidden="true" /> : <List aria-hidden="true" />}
                  {t(`projects.view.${option}`)}
                </Button>
              ))}
            </div>
            {can('projects:write') ? (
              <Button onClick={() => setCreating(true)}>
                <Plus aria-hidden="true" />
                {t('projects.new')}
              </Button>
            ) : null}
          </>
        }
      />
      {view === 'board' ? <BoardView /> : <ProjectList />}
      {creating ? <ProjectDialog onClose={() => setCreating(false)} onCreated={(id) => view === 'list' && void navigate(pathTo(`projects/${id}`))} /> : null}
    </div>
  );
}

function BoardView() {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  const { board, moveCard } = useProjectBoard();
  if (board.isPending) return <Skeleton className="h-96" />;
  if (board.isError) return <FormError message={projectErrorMessage(t, board.error)} />;
  return <ProjectBoard columns={board.data} canWrite={can('projects:write')} onMove={(move) => void moveCard(move)} />;
}
