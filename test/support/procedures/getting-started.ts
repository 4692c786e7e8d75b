/** What a new studio is guided through: the next free slot "New session" proposes, the dashboard's next steps. */
import type { StudioProcedure } from '../studio-procedures.ts';

export const procedures: StudioProcedure[] = [
  { path: 'sessions.nextSlot', kind: 'query', permission: 'sessions:read', input: (t) => ({ roomId: t.roomId, from: '2030-01-07T00:00:00Z' }) },
  { path: 'dashboard.nextSteps', kind: 'query', permission: 'studio:read', input: () => undefined },
];
