/** The studio's plan and its usage against the plan's limits (issue 12.4). */
import type { StudioProcedure } from '../studio-procedures.ts';

export const procedures: StudioProcedure[] = [{ path: 'plans.usage', kind: 'query', permission: 'plan:read', input: () => undefined }];
