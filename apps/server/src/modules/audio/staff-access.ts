/**
 * The staff check of a plain HTTP route (the tus endpoint is not tRPC): the session cookie, then the same
 * membership lookup and permission table the studio procedures use.
 */
import type { FastifyRequest } from 'fastify';
import { can, type Permission } from '@rsm/shared/roles';
import type { Platform } from '../../platform/platform.ts';
import { resolveStudioSlug } from '../../platform/http/origins.ts';
import { findSessionUser, SESSION_COOKIE } from '../auth/sessions.ts';
import { resolveMembership } from '../../trpc/init.ts';
import { toStudioContext, type Actor, type StudioContext } from '../studios/studio-context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertServable } from '../../platform/tenancy/directory.ts';
import { assertStandingAllows } from '../plans/standing-guard.ts';

export interface StaffAccess {
  studio: StudioContext;
  actor: Actor;
}

export type StaffRefusal = { status: 401 | 403 | 404 | 503; code: string; message: string };

/** `write`: the route changes the studio (an upload), refused while it is read-only; every route is refused while it is suspended. */
export async function staffAccess(
  platform: Platform,
  req: FastifyRequest,
  permission: Permission,
  intent: { write: boolean } = { write: false },
): Promise<StaffAccess | StaffRefusal> {
  const path = req.url.split('?')[0] ?? '/';
  const { slug, conflict } = resolveStudioSlug(req.headers.host, path, platform.config.BASE_DOMAIN);
  if (!slug || conflict) return { status: 404, code: 'NOT_FOUND', message: 'No studio in this address' };
  const token = req.cookies?.[SESSION_COOKIE];
  const user = token ? await findSessionUser(platform, token) : null;
  if (!user) return { status: 401, code: 'UNAUTHORIZED', message: 'Please log in' };
  try {
    const { studio, role, location } = await resolveMembership({ studioSlug: slug, platform, user });
    if (studio.requireTwoFactor && !user.twoFactorEnabled)
      return { status: 403, code: 'TWO_FACTOR_REQUIRED', message: 'This studio requires two-factor sign-in' };
    if (!can(role, permission)) return { status: 403, code: 'FORBIDDEN', message: 'Your role does not allow this' };
    assertServable(location);
    const context = toStudioContext(studio, location);
    assertStandingAllows(context, platform.clock.now(), { write: intent.write, audience: 'staff' });
    return { studio: context, actor: { userId: user.id, name: user.name, email: user.email, role } };
  } catch (error) {
    if (error instanceof AppError && error.code === 'FORBIDDEN') return { status: 403, code: 'FORBIDDEN', message: error.message };
    if (error instanceof AppError && (error.code === 'STUDIO_READ_ONLY' || error.code === 'STUDIO_SUSPENDED'))
      return { status: 403, code: error.code, message: error.message };
    if (error instanceof AppError && error.code === 'TENANT_UNAVAILABLE') return { status: 503, code: 'TENANT_UNAVAILABLE', message: error.message };
    throw error;
  }
}

export function isRefusal(value: StaffAccess | StaffRefusal): value is StaffRefusal {
  return 'status' in value;
}
