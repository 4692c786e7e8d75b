/** The activity log: reading it (filtered by a member of the studio) and exporting it (recorded in the log). */
import type { StudioProcedure } from '../studio-procedures.ts';

export const procedures: StudioProcedure[] = [
  {
    path: 'audit.list',
    kind: 'query',
    permission: 'audit:read',
    input: (t) => ({ actorUserId: t.memberUserId, entity: 'room', from: '2020-01-01T00:00:00Z', limit: 10 }),
  },
  { path: 'audit.facets', kind: 'query', permission: 'audit:read', input: () => undefined },
  { path: 'audit.exportCsv', kind: 'mutation', permission: 'audit:read', input: (t) => ({ actorUserId: t.memberUserId, action: 'room' }) },
];
