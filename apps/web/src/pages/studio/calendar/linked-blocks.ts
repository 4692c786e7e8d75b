/**
 * What a linked room blocks in another room's column: a session in Studio A (linked to the vocal booth) makes
 * the booth unbookable for its time, though no session of the booth's own is there. Shaded in the booth's
 * column, and a block dropped over it is refused on the spot instead of by the server.
 */
import { layoutColumn, type ColumnSpec, type LayoutSession, type Placed } from './layout.ts';

export interface LinkedSession extends LayoutSession {
  linkedRoomIds: readonly string[];
}

/**
 * Per column, the spans its room is blocked by sessions of linked rooms. Day view: each room column.
 * Week view (days as columns): only when one room is shown (`onlyRoomId`), so a column is that room's day.
 */
export function linkedBlocksByColumn<S extends LinkedSession>(
  sessions: readonly S[],
  columns: readonly ColumnSpec[],
  timeZone: string,
  onlyRoomId?: string,
): Placed<S>[][] {
  return columns.map((column) => {
    const roomId = column.roomId ?? (column.engineerId ? undefined : onlyRoomId);
    if (!roomId) return [];
    // Seen as the room's own sessions, so the day filter and placement are the session blocks' own.
    const blockers = sessions.filter((session) => session.linkedRoomIds.includes(roomId));
    return layoutColumn(blockers, column.day, timeZone).filter((block) => block.toMin > 0 && block.fromMin < 1440);
  });
}

/** The linked-room span that a session placed at [fromMin, toMin) in this column would overlap, if any. */
export function blockingSpan<S extends LinkedSession>(
  blocks: readonly Placed<S>[] | undefined,
  fromMin: number,
  toMin: number,
  movingId: string,
): Placed<S> | undefined {
  return blocks?.find((block) => block.session.id !== movingId && block.fromMin < toMin && fromMin < block.toMin);
}
