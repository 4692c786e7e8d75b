/**
 * The authorization matrix (issue 2 onwards): every studio procedure called by a member of each role, the
 * expected answer derived from ROLE_PERMISSIONS (so the test follows the table). An allowed mutation must show
 * its effect; a denied call must answer FORBIDDEN and leave both databases as they were. Split by role over
 * several files (role-matrix-*.integration.test.ts) so test workers share it; each file has its own server.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROLE_PERMISSIONS, type Role } from '@rsm/shared/roles';
import { createTestServer, type TestServer } from './platform.ts';
import type { ApiClient } from './api.ts';
import { addMember, createStudio, createTargets, expectRefused, setPlan, snapshot, type Studio } from './studios.ts';
import { callProcedure, STUDIO_PROCEDURES, type Targets } from './studio-procedures.ts';
import { startStripeStandin, type StripeStandin } from './stripe-standin.ts';

/** Which roles each matrix file runs (the files run on different test workers). */
export const MATRIX_FILES = { owner: ['owner'], manager: ['manager'], staff: ['engineer', 'assistant'] } as const satisfies Record<string, readonly Role[]>;

export function roleMatrix(roles: readonly Role[]): void {
  let server: TestServer;
  /** Payments procedures talk to Stripe: the stand-in, so allowed calls succeed for real. */
  let stripe: StripeStandin;
  /** One studio per role, and a logged-in member with that role in it. */
  const seats = new Map<Role, { studio: Studio; client: ApiClient }>();
  /** Each seat's targets while no case has changed its studio's data since they were made. */
  const keptTargets = new Map<Role, Targets>();

  beforeAll(async () => {
    stripe = await startStripeStandin();
    server = await createTestServer(stripe.env);
    await Promise.all(
      roles.map(async (role) => {
        const studio = await createStudio(server, { studioName: `Matrix ${role}` });
        // Every case adds booking rows, members and invitations to this studio: on Enterprise, the session and seat
        // limits (tested on their own) stay out of the way.
        // Set as the operator would (not a trial, whose limits are Pro's).
        await setPlan(server, studio.id, 'enterprise');
        // Owners too join through an invitation, so every seat is made the same way.
        const member = await addMember(server, studio, role);
        seats.set(role, { studio, client: member.client });
      }),
    );
  });
  afterAll(async () => {
    await server?.close();
    await stripe?.close();
  });

  describe.each(roles)('as %s', (role) => {
    it('studio.get reports the role and exactly the table’s permissions', async () => {
      const { studio, client } = seats.get(role)!;
      const got = await client.query<{ role: string; permissions: string[] }>('studio.get', undefined, studio.slug);
      expect(got.data?.role).toBe(role);
      expect([...got.data!.permissions].sort()).toEqual([...ROLE_PERMISSIONS[role]].sort());
    });

    const cases = STUDIO_PROCEDURES.map((p) => [p.path, ROLE_PERMISSIONS[role].includes(p.permission) ? 'allowed' : 'FORBIDDEN', p] as const);
    it.each(cases)('%s → %s', async (_path, expected, procedure) => {
      const { studio, client } = seats.get(role)!;
      // Fresh targets (~0.5 s each: rooms, members, sessions, issued money documents, a Stripe payment…) only
      // after a case changed the studio's data; a refusal or a read leaves them as they were (checked below).
      const kept = keptTargets.get(role);
      const targets = kept ?? (await createTargets(server, studio));
      const before = await snapshot(server, studio.id);
      const result = await callProcedure(client, procedure, targets, studio.slug);
      const after = await snapshot(server, studio.id);
      if (isDeepStrictEqual(after, before)) keptTargets.set(role, targets);
      else keptTargets.delete(role);
      if (expected === 'FORBIDDEN') {
        expectRefused(result, 'FORBIDDEN', 403);
        expect(result.error?.data.params).toMatchObject({ permission: procedure.permission });
        expect(after).toEqual(before);
      } else {
        expect(result.error, JSON.stringify(result.error)).toBeUndefined();
        expect(result.status).toBe(200);
        if (procedure.kind === 'mutation') expect(after).not.toEqual(before);
        else expect(after).toEqual(before);
      }
    });
  });

  it('leaves no tenant connection checked out after every allowed and refused call', async () => {
    const connections = server.platform.clusters.get('main')!.connections;
    expect(connections.stats().peakOpen).toBeGreaterThan(0);
    // Work a call starts after its answer (a notice, a mail) may still hold a connection for a moment; a leak never lets go.
    await vi.waitFor(
      () => {
        const stats = connections.stats();
        expect(stats.active).toBe(0);
        expect(stats.waiting).toBe(0);
      },
      { timeout: 10_000, interval: 50 },
    );
  });
}
