/**
 * The storage quota of uploads about to start, with two app servers on one control database (README "Several app
 * servers"). Each server has its own DATA_DIR — the cookie-affinity layout, where no server sees the other's staged
 * uploads — so only the studio's database can arbitrate:
 * - uploads started at the same instant through both servers, together larger than what is left: exactly one is
 *   accepted, the others get 413 QUOTA_EXCEEDED;
 * - an upload in progress on server A counts when server B checks, until it is cancelled, finished, or abandoned
 *   long enough to expire.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, setPlan, withStudioDb, type Studio } from '../support/studios.ts';
import { TusClient } from '../support/tus.ts';
import { sine, wavBuffer } from '../support/wav.ts';
import { waitFor } from '../support/wait-for.ts';

const MB = 1_000_000;
const QUOTA = 10 * 1000 ** 3; // Starter
const dirs: string[] = [];
let a: TestServer;
let b: TestServer;
let originA: string;
let originB: string;
let studio: Studio;
let trackId: string;

const listen = async (server: TestServer) => {
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
};

const endpoint = () => `/s/${studio.slug}/uploads/`;

async function remainingBytes(): Promise<number> {
  const config = await studio.owner.query<{ remainingBytes: number }>('audio.uploadConfig', undefined, studio.slug);
  return config.data!.remainingBytes;
}

beforeAll(async () => {
  const dataDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const filesDir = dataDir('rsm-quota-files-');
  a = await createTestServer({ DATA_DIR: dataDir('rsm-quota-a-'), FILES_DIR: filesDir });
  b = await createTestServer({ DATA_DIR: dataDir('rsm-quota-b-'), FILES_DIR: filesDir, DATABASE_URL: a.config.DATABASE_URL! });
  originA = await listen(a);
  originB = await listen(b);
  studio = await createStudio(a);
  await setPlan(a, studio.id, 'starter'); // past its trial: Starter's 10 GB
  trackId = await withStudioDb(a, studio.id, async (db) => {
    const [project] = await db.insert(tenant.projects).values({ name: 'Album', currency: 'EUR' }).returning({ id: tenant.projects.id });
    const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Song' }).returning({ id: tenant.tracks.id });
    return track!.id;
  });
  // Fill the studio to 300 MB under its quota.
  await withStudioDb(a, studio.id, (db) =>
    db.insert(tenant.storedFiles).values({
      storageKey: `studios/${studio.id}/originals/${randomUUID()}.wav`,
      originalName: 'big.wav',
      sizeBytes: QUOTA - 300 * MB,
      format: 'wav',
      mimeType: 'audio/wav',
      sha256: '0'.repeat(64),
    }),
  );
}, 60_000);

afterAll(async () => {
  await b?.close();
  await a?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the storage quota of uploads, across two app servers', () => {
  it('uploads started at the same instant through both servers: exactly one is admitted to the free space', async () => {
    expect(await remainingBytes()).toBe(300 * MB);
    const onA = new TusClient(originA, studio.owner.cookie);
    const onB = new TusClient(originB, studio.owner.cookie);
    for (let round = 0; round < 4; round++) {
      // 4 × 200 MB, two through each server at once, with 300 MB free: only one fits.
      const answers = await Promise.all(
        [onA, onB, onA, onB].map((tus, i) => tus.create(endpoint(), 200 * MB, { trackId, filename: `race-${round}-${i}.wav` })),
      );
      const accepted = answers.filter((answer) => answer.status === 201);
      const refused = answers.filter((answer) => answer.status !== 201);
      expect(accepted, JSON.stringify(answers.map((answer) => [answer.status, answer.body]))).toHaveLength(1);
      for (const answer of refused) {
        expect(answer.status).toBe(413);
        expect(JSON.parse(answer.body)).toMatchObject({
          code: 'QUOTA_EXCEEDED',
          params: { quotaBytes: QUOTA, remainingBytes: 100 * MB, sizeBytes: 200 * MB },
        });
      }
      expect(await remainingBytes()).toBe(100 * MB);
      // Cancelled (through the server that took it): its space is free again for both.
      const url = accepted[0]!.location!;
      const owner = url.startsWith(originA) ? onA : onB;
      expect((await owner.delete(url)).status).toBe(204);
      expect(await remainingBytes()).toBe(300 * MB);
    }
  });

  it('an upload in progress on server A counts when server B checks, until it finishes', async () => {
    const onA = new TusClient(originA, studio.owner.cookie);
    const onB = new TusClient(originB, studio.owner.cookie);
    const wav = wavBuffer({ seconds: 2, signal: sine(440, -12) });
    const big = await onA.create(endpoint(), 300 * MB - wav.length, { trackId, filename: 'big.wav' });
    expect(big.status, big.body).toBe(201);
    // Created and idle: its reservation holds for the day an idle upload is kept, not just the few minutes of creation.
    const bigId = big.location!.split('/').pop()!;
    await waitFor(
      async () => {
        const result = await withStudioDb(b, studio.id, (db) =>
          db.execute<{ ok: boolean }>(sql`SELECT expires_at > now() + interval '23 hours' AS ok FROM upload_reservations WHERE upload_id = ${bigId}`),
        );
        return result.rows[0]?.ok;
      },
      10_000,
      50,
    );
    const small = await onA.create(endpoint(), wav.length, { trackId, filename: 'small.wav' });
    expect(small.status, small.body).toBe(201);
    // Half the small file through A: both are in progress on A only, and B counts them.
    const half = Math.floor(wav.length / 2);
    expect((await onA.patch(small.location!, 0, wav.subarray(0, half))).status).toBe(204);
    const refused = await onB.create(endpoint(), 1000, { trackId, filename: 'one-more.wav' });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'QUOTA_EXCEEDED', params: { remainingBytes: 0 } });

    // Finished on A: its bytes move from reserved to stored, nothing counted twice, still nothing left.
    const done = await onA.patch(small.location!, half, wav.subarray(half));
    expect(done.status, done.body).toBe(204);
    const [stored] = await withStudioDb(b, studio.id, (db) =>
      db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM stored_files WHERE size_bytes = ${wav.length}`),
    ).then((result) => result.rows);
    expect(Number(stored!.n)).toBe(1);
    expect(await remainingBytes()).toBe(0);
    expect((await onB.create(endpoint(), 1000, { trackId, filename: 'one-more.wav' })).status).toBe(413);

    // Cancelled on A: B admits the space it held.
    expect((await onA.delete(big.location!)).status).toBe(204);
    const next = await onB.create(endpoint(), 300 * MB - wav.length, { trackId, filename: 'now-it-fits.wav' });
    expect(next.status, next.body).toBe(201);
    expect((await onB.delete(next.location!)).status).toBe(204);
  });

  it('an upload abandoned on a server that never comes back stops counting when it expires', async () => {
    const onA = new TusClient(originA, studio.owner.cookie);
    const onB = new TusClient(originB, studio.owner.cookie);
    const before = await remainingBytes();
    const abandoned = await onA.create(endpoint(), before, { trackId, filename: 'abandoned.wav' });
    expect(abandoned.status, abandoned.body).toBe(201);
    expect((await onB.create(endpoint(), 1000, { trackId, filename: 'x.wav' })).status).toBe(413);
    // A day without activity later (the upload expiry): B no longer counts it, although A never cleaned up.
    await withStudioDb(b, studio.id, (db) => db.execute(sql`UPDATE upload_reservations SET expires_at = now() - interval '1 second'`));
    expect(await remainingBytes()).toBe(before);
    const fresh = await onB.create(endpoint(), before, { trackId, filename: 'fresh.wav' });
    expect(fresh.status, fresh.body).toBe(201);
    // The abandoned upload coming back must win its space again: it does not fit any more.
    const resumed = await onA.patch(abandoned.location!, 0, wavBuffer({ seconds: 1, signal: sine(440, -6) }));
    expect(resumed.status).toBe(413);
    expect(JSON.parse(resumed.body)).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect((await onB.delete(fresh.location!)).status).toBe(204);
    await onA.delete(abandoned.location!);
  });

  it('an admission still in its transaction on one server is waited for by the other (the per-studio lock)', async () => {
    // Server A's admission, held open by hand between its lock and its commit: it has reserved 200 MB of the 300 MB.
    const [location] = await a.platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.studioId, studio.id));
    const direct = new pg.Client(databaseUrl(a.adminUrl, location!.databaseName));
    await direct.connect();
    const before = await remainingBytes();
    try {
      await direct.query('BEGIN');
      await direct.query(`SELECT pg_advisory_xact_lock(hashtext('plan-limit:storage'))`);
      await direct.query(`INSERT INTO upload_reservations (upload_id, size_bytes, user_id, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')`, [
        'f'.repeat(32),
        before - 100 * MB,
        studio.ownerId,
      ]);
      // B's admission of 200 MB waits for A's to end instead of reading around it.
      let settled = false;
      const onB = new TusClient(originB, studio.owner.cookie);
      const pending = onB.create(endpoint(), 200 * MB, { trackId, filename: 'waits.wav' }).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 500));
      expect(settled).toBe(false);
      await direct.query('COMMIT');
      const answer = await pending;
      expect(answer.status, answer.body).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'QUOTA_EXCEEDED', params: { remainingBytes: 100 * MB } });
    } finally {
      await direct.query('ROLLBACK').catch(() => undefined);
      await direct.query(`DELETE FROM upload_reservations WHERE upload_id = $1`, ['f'.repeat(32)]);
      await direct.end();
    }
    expect(await remainingBytes()).toBe(before);
  });
});
