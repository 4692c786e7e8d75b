import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ArrowDown, ArrowUp, CalendarClock, ListMusic, MoreHorizontal } from 'lucide-react';
import { PROJECT_STAGES } from '@rsm/shared/projects-schemas';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu.tsx';
import { cn } from '@/lib/cn.ts';
import { useCurrentStudio } from '../studio-context.ts';
import type { BoardMove } from './board-model.ts';
import { MemberAvatars } from './member-avatars.tsx';
import { formatDueDate, isOverdue } from './project-dates.ts';
import type { BoardCard, BoardColumn } from './project-types.ts';
import { useBoardDrag, type DragView } from './use-board-drag.ts';

type Props = { columns: BoardColumn[]; canWrite: boolean; onMove: (move: BoardMove) => void };

/** The Kanban: a column per stage, scrolling sideways on narrow screens. */
export function ProjectBoard({ columns, canWrite, onMove }: Props) {
  const { t } = useTranslation();
  const { drag, onPointerDown, onClickCapture } = useBoardDrag(canWrite, onMove);
  const dragged = drag ? columns.flatMap((c) => c.cards).find((c) => c.id === drag.id) : undefined;

  return (
    // As high as the screen, columns scrolling inside: the sideways scrollbar stays in view under six columns
    // wider than the page, instead of below the longest column. Focusable, so the keyboard scrolls it too.
    <div
      className="-mx-4 h-[calc(100dvh-15rem)] min-h-96 overflow-x-auto px-4 pb-2 [scrollbar-gutter:stable] sm:mx-0 sm:px-0"
      data-testid="project-board"
      role="region"
      aria-label={t('projects.board.label')}
      tabIndex={0}
    >
      <div className="flex h-full min-w-max gap-3">
        {columns.map((column) => (
          <section
            key={column.stage}
            data-stage-column={column.stage}
            data-testid={`board-column-${column.stage}`}
            aria-label={t(`projects.stages.${column.stage}`)}
            className={cn(
              'flex max-h-full min-h-0 w-72 shrink-0 flex-col gap-2 rounded-lg border bg-muted/40 p-2',
              drag?.target?.stage === column.stage && 'ring-2 ring-primary/40',
            )}
          >
            <header className="flex items-center justify-between px-1 py-1">
              <h2 className="text-sm font-semibold">{t(`projects.stages.${column.stage}`)}</h2>
              <Badge variant="secondary">{column.total}</Badge>
            </header>
            <ol className="flex min-h-16 flex-col gap-2 overflow-y-auto">
              {column.cards.map((card, index) => (
                <li key={card.id} className="grid gap-2">
                  {drag?.target?.stage === column.stage && drag.target.index === visibleIndex(column, index, drag) && drag.id !== card.id ? <DropLine /> : null}
                  <ProjectCard
                    card={card}
                    column={column}
                    index={index}
                    canWrite={canWrite}
                    dimmed={drag?.id === card.id}
                    onMove={onMove}
                    onPointerDown={onPointerDown}
                    onClickCapture={onClickCapture}
                  />
                </li>
              ))}
              {drag?.target?.stage === column.stage && drag.target.index >= column.cards.filter((c) => c.id !== drag.id).length ? <DropLine /> : null}
            </ol>
            {column.total > column.cards.length ? (
              <p className="px-1 text-xs text-muted-foreground">{t('projects.board.more', { count: column.total - column.cards.length })}</p>
            ) : null}
          </section>
        ))}
      </div>
      {drag && dragged ? <DragGhost card={dragged} drag={drag} /> : null}
    </div>
  );
}

/** Index of a card among the column's cards without the dragged one (the drop indices are counted so). */
function visibleIndex(column: BoardColumn, index: number, drag: DragView): number {
  const before = column.cards.slice(0, index).filter((c) => c.id !== drag.id).length;
  return before;
}

function DropLine() {
  return <div className="h-1 rounded-full bg-primary" aria-hidden="true" />;
}

function DragGhost({ card, drag }: { card: BoardCard; drag: DragView }) {
  const style: CSSProperties = { left: drag.x - drag.offsetX, top: drag.y - drag.offsetY, width: drag.width };
  return (
    <div className="pointer-events-none fixed z-50 rotate-2 rounded-md border bg-card p-3 text-sm font-medium shadow-lg" style={style} aria-hidden="true">
      {card.name}
    </div>
  );
}

type CardProps = {
  card: BoardCard;
  column: BoardColumn;
  index: number;
  canWrite: boolean;
  dimmed: boolean;
  onMove: (move: BoardMove) => void;
  onPointerDown: ReturnType<typeof useBoardDrag>['onPointerDown'];
  onClickCapture: ReturnType<typeof useBoardDrag>['onClickCapture'];
};

function ProjectCard({ card, column, index, canWrite, dimmed, onMove, onPointerDown, onClickCapture }: CardProps) {
  const { t, i18n } = useTranslation();
  const { pathTo } = useCurrentStudio();
  const overdue = card.dueDate !== null && card.stage !== 'delivered' && isOverdue(card.dueDate);
  return (
    <article
      data-card-id={card.id}
      data-testid="project-card"
      onPointerDown={(event) => onPointerDown(event, card.id)}
      onClickCapture={onClickCapture}
      className={cn('grid gap-2 rounded-md border bg-card p-3 shadow-xs', canWrite && 'cursor-grab', dimmed && 'opacity-40')}
    >
      <div className="flex items-start justify-between gap-2">
        <Link to={pathTo(`projects/${card.id}`)} className="min-w-0 font-medium break-words hover:underline" draggable={false}>
          {card.name}
        </Link>
        {canWrite ? (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon" className="-mt-1 -mr-1 size-7" aria-label={t('projects.board.moveMenu', { name: card.name })}>
                <MoreHorizontal aria-hidden="true" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuItem disabled={index === 0} onSelect={() => onMove({ id: card.id, stage: column.stage, index: index - 1 })}>
                <ArrowUp aria-hidden="true" /> {t('projects.board.moveUp')}
              </DropdownMenuItem>
              <DropdownMenuItem disabled={index === column.cards.length - 1} onSelect={() => onMove({ id: card.id, stage: column.stage, index: index + 1 })}>
                <ArrowDown aria-hidden="true" /> {t('projects.board.moveDown')}
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuLabel>{t('projects.board.moveTo')}</DropdownMenuLabel>
              {PROJECT_STAGES.filter((stage) => stage !== column.stage).map((stage) => (
                <DropdownMenuItem key={stage} onSelect={() => onMove({ id: card.id, stage, index: 0 })}>
                  {t(`projects.stages.${stage}`)}
                </DropdownMenuItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>
      {card.clientName ? <p className="truncate text-sm text-muted-foreground">{card.clientName}</p> : null}
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <Badge variant="outline">{t(`projects.types.${card.type}`)}</Badge>
        <span className="inline-flex items-center gap-1">
          <ListMusic className="size-3.5" aria-hidden="true" />
          {t('projects.trackCount', { count: card.trackCount })}
        </span>
        {card.dueDate ? (
          <span className={cn('inline-flex items-center gap-1', overdue && 'font-medium text-destructive')}>
            <CalendarClock className="size-3.5" aria-hidden="true" />
            {overdue ? t('projects.overdue', { date: formatDueDate(card.dueDate, i18n.language) }) : formatDueDate(card.dueDate, i18n.language)}
          </span>
        ) : null}
      </div>
      {card.members.length ? <MemberAvatars members={card.members} /> : null}
    </article>
  );
}
