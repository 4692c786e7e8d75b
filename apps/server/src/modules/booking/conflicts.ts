/**
 * Turns the database's refusal of an overlap (EXCLUDE constraint, SQLSTATE 23P01) into a message a
 * person can act on: "Studio A is taken Sat 21 Nov 14:00–16:00 by 'Mix — The Band'".
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import { formatSpan } from './time.ts';
import { pgErrorCode, SQLSTATE } from '../../platform/postgres/pg-errors.ts';

export interface WantedResource {
  kind: 'room' | 'engineer' | 'gear';
  resourceId: string;
  blocked: string;
}

export interface Conflict {
  kind: 'room' | 'engineer' | 'gear';
  resourceId: string;
  resourceName: string;
  sessionId: string;
  title: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
}

export function isOverlapRefusal(error: unknown): boolean {
  return pgErrorCode(error) === SQLSTATE.exclusionViolation;
}

export async function findConflicts(db: Pick<TenantDb, 'execute'>, wanted: WantedResource[], excludeSessionId?: string): Promise<Conflict[]> {
  if (wanted.length === 0) return [];
  const result = await db.execute<{
    kind: Conflict['kind'];
    resource_id: string;
    resource_name: string;
    session_id: string;
    title: string;
    status: string;
    starts_at: string;
    ends_at: string;
  }>(sql`
    SELECT sr.kind, sr.resource_id, coalesce(r.name, e.name, g.name, '?') AS resource_name,
           s.id AS session_id, s.title, s.status, s.starts_at, s.ends_at
    FROM unnest(${sql.param(wanted.map((w) => w.kind))}::resource_kind[], ${sql.param(wanted.map((w) => w.resourceId))}::uuid[], ${sql.param(wanted.map((w) => w.blocked))}::tstzrange[]) AS w(kind, resource_id, blocked)
    JOIN session_resources sr ON sr.blocking AND sr.kind = w.kind AND sr.resource_id = w.resource_id AND sr.blocked && w.blocked
    JOIN sessions s ON s.id = sr.session_id
    LEFT JOIN rooms r ON sr.kind = 'room' AND r.id = sr.resource_id
    LEFT JOIN engineers e ON sr.kind = 'engineer' AND e.id = sr.resource_id
    LEFT JOIN gear_items g ON sr.kind = 'gear' AND g.id = sr.resource_id
    WHERE ${excludeSessionId ?? null}::uuid IS NULL OR s.id <> ${excludeSessionId ?? null}::uuid
    ORDER BY s.starts_at
    LIMIT 20`);
  const seen = new Set<string>();
  return result.rows
    .map((row) => ({
      kind: row.kind,
      resourceId: row.resource_id,
      resourceName: row.resource_name,
      sessionId: row.session_id,
      title: row.title,
      status: row.status,
      startsAt: new Date(row.starts_at),
      endsAt: new Date(row.ends_at),
    }))
    .filter((c) => {
      const key = `${c.kind}:${c.resourceId}:${c.sessionId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

const TAKEN: Record<string, (resource: string, span: string, title: string) => string> = {
  en: (resource, span, title) => `${resource} is taken ${span} by '${title}'`,
  fr: (resource, span, title) => `${resource} est pris ${span} par « ${title} »`,
};

export function conflictMessage(conflicts: Conflict[], timeZone: string, locale: string): string {
  const say = TAKEN[locale] ?? TAKEN.en!;
  return conflicts.map((c) => say(c.resourceName, formatSpan(c.startsAt, c.endsAt, timeZone, locale), c.title)).join('; ');
}

export function conflictError(conflicts: Conflict[], timeZone: string, locale: string): AppError {
  const first = conflicts[0];
  return new AppError('CONFLICT', conflicts.length ? conflictMessage(conflicts, timeZone, locale) : 'This time is no longer free', {
    resource: first?.resourceName ?? '',
    title: first?.title ?? '',
    sessionId: first?.sessionId ?? '',
    startsAt: first?.startsAt.toISOString() ?? '',
    endsAt: first?.endsAt.toISOString() ?? '',
    count: conflicts.length,
  });
}
