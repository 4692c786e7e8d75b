import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Loader2 } from 'lucide-react';
import type { CalendarSession } from '@/lib/trpc/types.ts';
import { cn } from '@/lib/cn.ts';
import { formatShortDateTime, formatTimeRange } from './calendar-format.ts';

type SessionBlockProps = {
  session: CalendarSession;
  columnIndex: number;
  top: number;
  height: number;
  /** Lane position, as a fraction of the column width. */
  left: number;
  width: number;
  color: string;
  /** A second line naming the room (week view, engineers as columns). */
  roomName: string | null;
  pending: boolean;
  draggable: boolean;
  resizable: boolean;
  timeZone: string;
  locale: string;
  /** The grid's translator: blocks have no hooks of their own (hundreds of them mount at once). */
  t: TFunction;
  onOpen: (sessionId: string) => void;
};

const BLOCK_CLASS =
  'calendar-block absolute z-10 flex touch-manipulation flex-col overflow-hidden rounded-md [contain:strict] px-1.5 py-0.5 text-left text-xs leading-tight outline-none focus-visible:z-20 focus-visible:ring-[3px] focus-visible:ring-ring';

/**
 * One session in a time grid: a button (Enter or a click opens the panel). Memoised on primitive
 * props, so a re-layout that does not move it does not re-render it.
 */
export const SessionBlock = memo(function SessionBlock(props: SessionBlockProps) {
  const { session, columnIndex, top, height, left, width, color, roomName, pending, draggable, resizable, timeZone, locale, t, onOpen } = props;
  const roomy = height >= 44;
  const status = statusText(session, t, locale, timeZone);
  const style = { top, height, left: `calc(${left * 100}% + 1px)`, width: `calc(${width * 100}% - 3px)`, '--room': color } as CSSProperties;
  return (
    <button
      type="button"
      data-session-id={session.id}
      data-column-index={columnIndex}
      data-status={session.status}
      data-queued={session.queued || undefined}
      data-request={isPendingRequest(session) || undefined}
      data-draggable={draggable || undefined}
      aria-busy={pending || undefined}
      onClick={() => onOpen(session.id)}
      className={`${BLOCK_CLASS}${draggable ? ' cursor-grab' : ''}${pending ? ' animate-pulse' : ''}`}
      style={style}
    >
      <span className="calendar-block-title truncate font-medium">
        {pending ? <Loader2 className="mr-1 inline size-3 animate-spin" aria-label={t('calendar.saving')} /> : null}
        {session.title}
      </span>
      <span className="truncate tabular-nums">{formatTimeRange(session.startsAt, session.endsAt, locale, timeZone)}</span>
      {roomy && roomName ? <span className="truncate opacity-80">{roomName}</span> : null}
      {roomy && session.clientName ? <span className="truncate opacity-80">{session.clientName}</span> : null}
      {status ? (
        <span className={TAG_CLASS} data-testid="session-status-tag">
          {status}
        </span>
      ) : null}
      {resizable ? <span data-resize-handle aria-hidden="true" className="absolute inset-x-0 bottom-0 h-2 cursor-ns-resize" /> : null}
    </button>
  );
});

const TAG_CLASS = 'mt-0.5 w-fit max-w-full truncate rounded-sm bg-background/85 px-1 text-[0.65rem] font-semibold tracking-wide uppercase';

/** The status words of a session: holds with their expiry, queued holds, every non-confirmed state; null when confirmed. */
export function statusText(session: CalendarSession, t: TFunction, locale: string, timeZone: string): string | null {
  if (session.status === 'confirmed') return null;
  if (session.status !== 'hold') return t(`calendar.status.${session.status}`);
  const label = isPendingRequest(session) ? t('bookingPage.calendar.request') : session.queued ? t('calendar.status.queued') : t('calendar.status.hold');
  return session.holdExpiresAt ? t('calendar.holdUntil', { label, time: formatShortDateTime(session.holdExpiresAt, locale, timeZone) }) : label;
}

/** A booking request from the public page that the studio has not answered yet. */
export const isPendingRequest = (session: CalendarSession) => session.status === 'hold' && session.approvalStatus === 'pending';

export function StatusTag({ session, timeZone, className }: { session: CalendarSession; timeZone: string; className?: string }) {
  const { t, i18n } = useTranslation();
  const text = statusText(session, t, i18n.language, timeZone);
  if (!text) return null;
  return (
    <span className={cn(TAG_CLASS, className)} data-testid="session-status-tag">
      {text}
    </span>
  );
}
