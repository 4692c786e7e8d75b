/** A studio's security rules: reading them is for every member, requiring two-factor sign-in for owners only. */
import type { StudioProcedure } from '../studio-procedures.ts';

export const procedures: StudioProcedure[] = [
  { path: 'studioSecurity.get', kind: 'query', permission: 'studio:read', input: () => undefined },
  // `false` keeps every seat usable; the write still shows (updated_at), so an allowed call is seen to act.
  { path: 'studioSecurity.setTwoFactorRequired', kind: 'mutation', permission: 'security:manage', input: () => ({ required: false }) },
];
