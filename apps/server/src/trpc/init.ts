/**
 * Procedure tiers, each narrowing the context:
 *   publicProcedure → authedProcedure (a logged-in user)
 *   → studioProcedure (a verified membership of the studio in the URL; ctx.studio, ctx.actor, ctx.tenant())
 *   → studioProcedure.requires('rooms:write') (a role permission from the table in @rsm/shared/roles)
 *   operatorProcedure: the platform operator, configured by environment.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { can, type Permission } from '@rsm/shared/roles';
import { AppError } from '../platform/errors.ts';
import { assertServable, type TenantDb, type TenantHandle, type TenantLocation } from '../platform/tenancy/directory.ts';
import { SharedReads } from '../platform/tenancy/shared-reads.ts';
import { toStudioContext, type Actor } from '../modules/studios/studio-context.ts';
import { studioContextBySlug, studioHoldingSlug } from '../modules/studios/studio-lookup.ts';
import type { RequestContext } from './context.ts';
import { bindToLog } from './log-bindings.ts';
import { markStudioWork } from '../platform/jobs/studio-work.ts';
import { appCodeOf, fieldErrorsOf, toTRPCError } from './error-mapping.ts';
import { refuseControlCharacters } from './control-characters.ts';
import { observeProcedure } from '../platform/observability/procedure-metrics.ts';
import { assertStandingAllows } from '../modules/plans/standing-guard.ts';
import { portalCookieName } from '../modules/portal/portal-auth.service.ts';

/** What a procedure declares about itself to the tiers below. */
export interface ProcedureMeta {
  /** A change still allowed in a read-only studio (issue 12.2): choosing a plan, a client logging in to read. */
  readOnlyAllowed?: boolean;
}

const t = initTRPC
  .context<RequestContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const params = error.cause instanceof AppError ? error.cause.params : {};
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        message: internal ? 'Something went wrong on our side.' : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode: appCodeOf(error),
          params,
          fieldErrors: fieldErrorsOf(error),
        },
      };
    },
  });

export const router = t.router;
export const middleware = t.middleware;

/** One place where errors become tRPC errors; an unexpected one is logged with its cause. */
function mapped(error: unknown, ctx: RequestContext, path: string): TRPCError {
  const trpcError = toTRPCError(error);
  if (trpcError.code === 'INTERNAL_SERVER_ERROR') ctx.log.error({ err: trpcError.cause ?? error, path }, 'procedure failed');
  return trpcError;
}

/**
 * The first middleware of every procedure: inputs holding NUL & co. are refused as a field error before any
 * schema (see control-characters.ts), and every error is mapped. One middleware rather than two, and the
 * studio tier below is one rather than three: tRPC copies the call's options and context at each level.
 */
const entry = t.middleware(async ({ getRawInput, next, ctx, path }) => {
  // Timed here, around everything else, so the histogram holds one observation per call (see procedure-metrics.ts).
  const started = performance.now();
  try {
    refuseControlCharacters(await getRawInput());
  } catch (error) {
    const refused = mapped(error, ctx, path);
    observeProcedure(path, refused.code, started);
    throw refused;
  }
  const result = await next();
  if (!result.ok) {
    const failed = mapped(result.error, ctx, path);
    observeProcedure(path, failed.code, started);
    throw failed;
  }
  observeProcedure(path, 'OK', started);
  return result;
});

export const publicProcedure = t.procedure.use(entry);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError('UNAUTHORIZED', 'Please log in');
  return next({ ctx: { user: ctx.user } });
});

export const operatorProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.platform.isOperatorEmail(ctx.user.email)) throw new AppError('FORBIDDEN', 'Operators only');
  return next();
});

/** The caller's membership of the studio in the URL; also used by the upload endpoint (not a tRPC route). */
export async function resolveMembership(ctx: Pick<RequestContext, 'studioSlug' | 'platform'> & { user: Pick<NonNullable<RequestContext['user']>, 'id'> }) {
  const slug = ctx.studioSlug;
  if (!slug) throw new AppError('NOT_FOUND', 'No studio in this address');
  const userId = ctx.user.id;
  const row = await ctx.platform.controlCache.membership({
    key: `${userId}@${slug}`,
    tagsOf: (r) => ({ studioId: r.studio.id, userId }),
    load: async () => {
      const [found] = await ctx.platform.controlDb
        .select({ studio: control.studios, role: control.memberships.role, location: control.tenantDatabases })
        .from(control.studios)
        .innerJoin(control.memberships, and(eq(control.memberships.studioId, control.studios.id), eq(control.memberships.userId, userId)))
        .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
        .where(studioHoldingSlug(slug)) // an old address of the studio still names it (ADR 0014)
        .limit(1);
      return found ?? null;
    },
  });
  // Same answer whether the studio does not exist or the caller is not a member of it.
  if (!row) throw new AppError('FORBIDDEN', 'You are not a member of this studio');
  return row;
}

/**
 * Runs `next` with a lazily opened lease on the studio's database, released when the procedure ends
 * (also on error). Shared by staff, portal and public studio procedures.
 */
async function withTenantLease<T>(
  ctx: RequestContext,
  location: TenantLocation,
  call: { type: string; path: string },
  run: (tenant: () => Promise<TenantDb>) => Promise<T>,
): Promise<T> {
  const { type } = call;
  let succeeded = false;
  let handle: TenantHandle | null = null;
  let pending: Promise<TenantHandle> | null = null;
  /** The studio's database, opened on first use and released when the procedure ends. */
  const tenant = async (): Promise<TenantDb> => {
    if (!pending) {
      const started = performance.now();
      // A change may record work in the studio's outbox: the worker is told before it can commit (ADR 15).
      const marked = type === 'mutation' ? markStudioWork(ctx.platform.controlDb, location.studioId) : Promise.resolve();
      const directory = ctx.platform.directory;
      // A read shares the request's connection to the studio with the request's other reads (shared-reads.ts).
      const open = type === 'query' ? () => (ctx.sharedReads ??= new SharedReads(directory)).join(location) : () => directory.open(location);
      pending = marked.then(open).then((h) => {
        ctx.timings.tenantConnection = Math.round((performance.now() - started) * 10) / 10;
        return (handle = h);
      });
    }
    return (await pending).db;
  };
  try {
    const result = await run(tenant);
    succeeded = true;
    return result;
  } finally {
    if (pending) {
      await (pending as Promise<TenantHandle>).catch(() => null);
      (handle as TenantHandle | null)?.release();
      // Marked again once the change has committed: the worker may have looked at the studio between the first
      // mark and the commit, seen nothing yet, and settled the mark; this one makes it look again.
      if (type === 'mutation' && handle) {
        await markStudioWork(ctx.platform.controlDb, location.studioId).catch((error: unknown) =>
          ctx.platform.logger.warn({ err: error }, 'studio work not marked after a change'),
        );
      }
      // The studio's open pages refresh (live-hub.ts): after the commit, so what they read again includes it.
      if (type === 'mutation' && handle && succeeded) {
        await ctx.platform.live.publish({ studioId: location.studioId, area: call.path.split('.')[0]!, tab: ctx.tab });
      }
    }
  }
}

/** A logged-in member of the studio in the URL whose role allows `permission` (any role when null). */
function studioTier(permission: Permission | null) {
  return publicProcedure.use(async ({ ctx, next, type, path, meta }) => {
    const user = ctx.user;
    if (!user) throw new AppError('UNAUTHORIZED', 'Please log in');
    const t0 = performance.now();
    const { studio: s, role, location } = await resolveMembership({ ...ctx, user });
    ctx.timings.membership = Math.round((performance.now() - t0) * 10) / 10;
    assertServable(location);
    // Before the role check: the answer must be "enrol first" whatever the procedure, for the web app to show enrolment.
    if (s.requireTwoFactor && !user.twoFactorEnabled)
      throw new AppError('TWO_FACTOR_REQUIRED', 'This studio requires two-factor sign-in: turn it on for your account first');
    if (permission && !can(role, permission)) throw new AppError('FORBIDDEN', 'Your role does not allow this', { permission });
    const studio = toStudioContext(s, location);
    assertStandingAllows(studio, ctx.platform.clock.now(), { write: type === 'mutation', readOnlyAllowed: meta?.readOnlyAllowed, audience: 'staff' });
    const actor: Actor = { userId: user.id, name: user.name, email: user.email, role };
    bindToLog(ctx, 'studioId', studio.id);
    ctx.studioId = studio.id;
    return withTenantLease(ctx, location, { type, path }, (tenant) => next({ ctx: { user, studio, actor, tenant } }));
  });
}

/**
 * A studio's public face (booking page, portal log-in): the studio named by the URL, without any
 * user. Procedures on this tier must only expose what the studio publishes, and must themselves
 * check what they serve (e.g. public booking enabled). Unknown studio → NOT_FOUND.
 */
export const publicStudioProcedure = publicProcedure.use(async ({ ctx, next, type, path, meta }) => {
  if (!ctx.studioSlug) throw new AppError('NOT_FOUND', 'No studio in this address');
  const studio = await studioContextBySlug(ctx.platform, ctx.studioSlug);
  if (!studio) throw new AppError('NOT_FOUND', 'This studio does not exist');
  assertServable(studio.location);
  // A portal session proves a client; the tier below (portal-procedure.ts) has it, this one only the cookie's presence.
  const audience = ctx.readCookie(portalCookieName(studio.id)) ? 'client' : 'public';
  assertStandingAllows(studio, ctx.platform.clock.now(), { write: type === 'mutation', readOnlyAllowed: meta?.readOnlyAllowed, audience });
  bindToLog(ctx, 'studioId', studio.id);
  ctx.studioId = studio.id;
  return withTenantLease(ctx, studio.location, { type, path }, (tenant) => next({ ctx: { studio, tenant } }));
});

export const studioProcedure = Object.assign(studioTier(null), { requires: (permission: Permission) => studioTier(permission) });

export { TRPCError };
