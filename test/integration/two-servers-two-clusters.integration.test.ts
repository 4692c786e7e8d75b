/**
 * Several app servers, several PostgreSQL clusters (issue #13, item 5; README "Several servers"): two app servers
 * share one control database and one file store (FILES_DIR, as S3 would be), each with its own DATA_DIR, and
 * tenants live on two PostgreSQL clusters — the test run's own and a second embedded one started here.
 *
 * - A studio placed on cluster two (by the real sign-up and its placement) works through either server over HTTP:
 *   sign in on one, write on one, read back on the other, and the other way round.
 * - Outbox work (hold expiries) and pg-boss jobs (audio processing) run once although both servers' workers run.
 * - An upload finished through server A is streamed by server B, with links signed by either server.
 * (Live notices across servers: live-updates.integration.test.ts.)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../apps/server/src/platform/postgres/embedded.ts';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import { ensureTemplate } from '../../apps/server/src/platform/tenancy/template.ts';
import { runHoldExpiry } from '../../apps/server/src/modules/booking/booking.jobs.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { freePort } from '../support/free-port.ts';
import { uniqueEmail } from '../support/api.ts';
import { withStudioDb } from '../support/studios.ts';
import { TusClient } from '../support/tus.ts';
import { sine, wavBuffer } from '../support/wav.ts';
import { waitFor } from '../support/wait-for.ts';

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

let clusterTwo: EmbeddedServer;
let filesDir: string;
let a: TestServer;
let b: TestServer;
let originA: string;
let originB: string;

interface Answer<T> {
  status: number;
  data?: T;
  error?: { message: string; data: { appCode: string } };
}

/** A browser over real HTTP: one cookie jar, any server (as behind a load balancer without sticky sessions). */
class Browser {
  cookie: string | null = null;

  private async call<T>(origin: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      if (pair?.startsWith('rsm_session=')) this.cookie = pair === 'rsm_session=' ? null : pair;
    }
    const json = (await response.json()) as { result?: { data: T }; error?: Answer<T>['error'] };
    return { status: response.status, data: json.result?.data, error: json.error };
  }

  query<T>(origin: string, procedure: string, input: unknown, slug?: string): Promise<Answer<T>> {
    const base = slug ? `/s/${slug}/trpc` : '/trpc';
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.call<T>(origin, 'GET', `${base}/${procedure}${qs}`);
  }

  mutate<T>(origin: string, procedure: string, input: unknown, slug?: string): Promise<Answer<T>> {
    return this.call<T>(origin, 'POST', slug ? `/s/${slug}/trpc/${procedure}` : `/trpc/${procedure}`, input ?? {});
  }
}

/** The data of a successful call, or a failure that says what went wrong. */
function ok<T>(answer: Answer<T>): T {
  if (answer.status !== 200 || answer.data === undefined) throw new Error(`call failed (${answer.status}): ${JSON.stringify(answer.error)}`);
  return answer.data;
}

const listen = async (server: TestServer) => {
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
};

interface Placed {
  slug: string;
  id: string;
  email: string;
  password: string;
}

async function signUp(origin: string, studioName: string): Promise<Placed> {
  const browser = new Browser();
  const email = uniqueEmail('cluster');
  const password = 'correct horse battery';
  const { studioSlug } = ok(await browser.mutate<{ studioSlug: string }>(origin, 'auth.signUp', { name: 'Cleo Owner', email, password, studioName }));
  const [row] = await a.platform.controlDb.select({ id: control.studios.id }).from(control.studios).where(eq(control.studios.slug, studioSlug));
  return { slug: studioSlug, id: row!.id, email, password };
}

async function clusterOf(studioId: string): Promise<string> {
  const [row] = await a.platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.studioId, studioId));
  return row!.clusterId;
}

async function databasesOn(url: string, name: string): Promise<number> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

let onOne: Placed;
let onTwo: Placed;
const clusterOneUrl = () => databaseUrl(inject('pgAdminUrl'), 'postgres');

beforeAll(async () => {
  clusterTwo = await startEmbeddedPostgres({ dataDir: tempDir('rsm-cluster-two-'), port: await freePort(), log: () => {} });
  filesDir = tempDir('rsm-shared-files-');
  const shared = {
    TENANT_CLUSTERS: `one=${clusterOneUrl()},two=${databaseUrl(clusterTwo.url, 'postgres')}`,
    // The file store every server shares (a mounted volume here; S3_BUCKET in most deployments).
    FILES_DIR: filesDir,
  };
  // Uploads in progress are staged under DATA_DIR/uploads: one shared volume mounted there on every server (a
  // symbolic link here) lets an upload's chunks reach any server.
  const stagingDir = tempDir('rsm-shared-uploads-');
  const dataDirOf = (prefix: string) => {
    const dir = tempDir(prefix);
    symlinkSync(stagingDir, join(dir, 'uploads'));
    return dir;
  };
  a = await createTestServer({ ...shared, DATA_DIR: dataDirOf('rsm-server-a-') });
  // A new cluster gets its migrated tenant template before any studio is placed on it (servers do this at start;
  // the test servers skip it, as the run's own cluster already has one).
  await ensureTemplate(a.runtime.clusters.get('two')!);
  b = await createTestServer({ ...shared, DATA_DIR: dataDirOf('rsm-server-b-'), DATABASE_URL: a.config.DATABASE_URL! });
  originA = await listen(a);
  originB = await listen(b);
  // Placement goes to the least-loaded cluster: the first studio to "one", the next to "two".
  onOne = await signUp(originA, 'Cluster One Studio');
  onTwo = await signUp(originB, 'Cluster Two Studio');
}, 60_000);

afterAll(async () => {
  await b?.close();
  await a?.close();
  await clusterTwo?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('two app servers, two PostgreSQL clusters', () => {
  it('places each studio on its own cluster: the database lives on that cluster only', async () => {
    expect(await clusterOf(onOne.id)).toBe('one');
    expect(await clusterOf(onTwo.id)).toBe('two');
    const [row] = await a.platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.studioId, onTwo.id));
    expect(row!.state).toBe('active');
    expect(await databasesOn(databaseUrl(clusterTwo.url, 'postgres'), row!.databaseName)).toBe(1);
    expect(await databasesOn(clusterOneUrl(), row!.databaseName)).toBe(0);
  });

  it('a studio on cluster two works end to end through either server', async () => {
    const browser = new Browser();
    // Signed in on B; the session works on A as well.
    ok(await browser.mutate(originB, 'auth.logIn', { email: onTwo.email, password: onTwo.password }));
    expect(browser.cookie).not.toBeNull();

    const room = ok(await browser.mutate<{ id: string }>(originA, 'rooms.create', { name: 'Live Room', hourlyRateCents: 6000, capacity: 6 }, onTwo.slug));
    const client = ok(await browser.mutate<{ id: string }>(originB, 'clients.create', { name: 'Nina Simone', email: 'nina@example.test' }, onTwo.slug));
    const session = ok(
      await browser.mutate<{ id: string }>(
        originA,
        'sessions.create',
        { roomId: room.id, clientId: client.id, startsAt: '2031-05-06T10:00:00Z', endsAt: '2031-05-06T13:00:00Z', title: 'Tracking day' },
        onTwo.slug,
      ),
    );

    // Written through A, read through B — and the other way round.
    const roomsOnB = ok(await browser.query<{ id: string; name: string }[]>(originB, 'rooms.list', undefined, onTwo.slug));
    expect(roomsOnB.map((r) => r.name)).toEqual(['Live Room']);
    const clientsOnA = ok(await browser.query<{ items: { id: string; name: string }[] }>(originA, 'clients.list', {}, onTwo.slug));
    expect(clientsOnA.items.map((c) => c.name)).toEqual(['Nina Simone']);
    const window = { from: '2031-05-06T00:00:00Z', to: '2031-05-07T00:00:00Z' };
    for (const origin of [originA, originB]) {
      const sessions = ok(
        await browser.query<{ id: string; title: string; clientId: string | null; roomId: string }[]>(origin, 'sessions.list', window, onTwo.slug),
      );
      expect(sessions).toEqual([expect.objectContaining({ id: session.id, title: 'Tracking day', clientId: client.id, roomId: room.id })]);
    }

    // The rows are in the studio's database, read straight from cluster two.
    const [location] = await a.platform.controlDb.select().from(control.tenantDatabases).where(eq(control.tenantDatabases.studioId, onTwo.id));
    const direct = new pg.Client(databaseUrl(clusterTwo.url, location!.databaseName));
    await direct.connect();
    try {
      expect((await direct.query('SELECT name FROM rooms')).rows).toEqual([{ name: 'Live Room' }]);
      expect((await direct.query('SELECT title FROM sessions')).rows).toEqual([{ title: 'Tracking day' }]);
    } finally {
      await direct.end();
    }

    // The studio on cluster one, through the same two servers, sees none of it.
    const other = new Browser();
    ok(await other.mutate(originA, 'auth.logIn', { email: onOne.email, password: onOne.password }));
    expect(ok(await other.query<unknown[]>(originB, 'rooms.list', undefined, onOne.slug))).toEqual([]);
    // And the studio on cluster two refuses the other studio's owner on either server.
    for (const origin of [originA, originB]) expect((await other.query(origin, 'rooms.list', undefined, onTwo.slug)).status).toBe(403);

    // Signed out on A after B has served (and cached) the session: B refuses it at once.
    const cookie = browser.cookie;
    ok(await browser.mutate(originA, 'auth.logOut', {}));
    const replay = new Browser();
    replay.cookie = cookie;
    expect((await replay.query(originB, 'rooms.list', undefined, onTwo.slug)).status).toBe(401);
  });

  it('a hold expiry runs once although both servers drain the same studio at the same moment', async () => {
    // The product's hold-expiry handler on both servers' outbox workers, with a count of who ran what (the outbox
    // row itself is gone once the hold ends: the sessions trigger removes a lapsed hold's pending work).
    const runs: { server: string; sessionId: string }[] = [];
    for (const [name, server] of [
      ['A', a],
      ['B', b],
    ] as const)
      server.outbox.register('hold-expiry', async (studioId, item, mailKey) => {
        runs.push({ server: name, sessionId: item.payload.sessionId! });
        await runHoldExpiry(server.platform, studioId, item.payload.sessionId!, mailKey);
      });
    const browser = new Browser();
    ok(await browser.mutate(originA, 'auth.logIn', { email: onTwo.email, password: onTwo.password }));
    const room = ok(await browser.mutate<{ id: string }>(originB, 'rooms.create', { name: 'Hold Room', hourlyRateCents: 3000, capacity: 2 }, onTwo.slug));
    const holds: string[] = [];
    for (let day = 10; day < 16; day++) {
      const created = ok(
        await browser.mutate<{ id: string }>(
          day % 2 ? originA : originB,
          'sessions.create',
          { roomId: room.id, startsAt: `2031-06-${day}T10:00:00Z`, endsAt: `2031-06-${day}T12:00:00Z`, title: `Hold ${day}`, status: 'hold', holdHours: 1 },
          onTwo.slug,
        ),
      );
      holds.push(created.id);
    }
    // Two hours later on both servers: every hold is overdue, and both servers' workers (polling every 200 ms) race
    // for the same rows — joined by explicit drains of both at the same moment.
    const later = { now: () => new Date(Date.now() + 2 * 3_600_000) };
    a.platform.clock = later;
    b.platform.clock = later;
    try {
      await Promise.all([a.outbox.drainStudio(onTwo.id), b.outbox.drainStudio(onTwo.id), a.outbox.drainStudio(onTwo.id), b.outbox.drainStudio(onTwo.id)]);
      await waitFor(async () => {
        const rows = await withStudioDb(b, onTwo.id, (db) =>
          db.select({ status: tenant.sessions.status }).from(tenant.sessions).where(inArray(tenant.sessions.id, holds)),
        );
        return rows.length === 6 && rows.every((r) => r.status === 'cancelled');
      });
      // More polls and drains on both: nothing is left to run, nothing runs again.
      await Promise.all([a.outbox.drainStudio(onTwo.id), b.outbox.drainStudio(onTwo.id)]);
      await new Promise((r) => setTimeout(r, 600));
    } finally {
      a.platform.clock = { now: () => new Date() };
      b.platform.clock = { now: () => new Date() };
    }
    expect(runs.map((r) => r.sessionId).sort()).toEqual([...holds].sort());
    // Each hold expired once: one "hold expired" line in the two servers' logs together.
    const expiredLines = [...a.logs, ...b.logs].filter((line) => line.includes('"msg":"hold expired"') && holds.some((id) => line.includes(id)));
    expect(expiredLines).toHaveLength(6);
    // The notices the expiries recorded ("cancelled", due at once, which the sender skips for a lapsed hold) are
    // done after one run each, not run again after every lease.
    const notices = await waitFor(async () => {
      const rows = await withStudioDb(a, onTwo.id, (db) => db.select().from(tenant.outbox).where(eq(tenant.outbox.kind, 'session-notice')));
      const mine = rows.filter((row) => holds.includes((row.payload as { sessionId?: string }).sessionId ?? ''));
      return mine.length === 6 && mine.every((row) => row.doneAt !== null) ? mine : null;
    });
    expect(notices.map((row) => row.attempts)).toEqual([1, 1, 1, 1, 1, 1]);
    const pending = await withStudioDb(a, onTwo.id, (db) => db.select().from(tenant.outbox).where(isNull(tenant.outbox.doneAt)));
    expect(pending.filter((row) => holds.includes((row.payload as { sessionId?: string }).sessionId ?? ''))).toEqual([]);
  });

  it('an upload finished through A is processed once and streamed by B, with links signed by either server', async () => {
    const browser = new Browser();
    ok(await browser.mutate(originB, 'auth.logIn', { email: onTwo.email, password: onTwo.password }));
    const project = ok(await browser.mutate<{ id: string }>(originB, 'projects.create', { name: 'Album' }, onTwo.slug));
    const track = ok(await browser.mutate<{ id: string }>(originA, 'tracks.create', { projectId: project.id, title: 'Opening' }, onTwo.slug));
    const wav = wavBuffer({ seconds: 2, signal: sine(440, -12) });

    const tus = new TusClient(originA, browser.cookie);
    const created = await tus.create(`/s/${onTwo.slug}/uploads/`, wav.length, { trackId: track.id, label: 'mix', filename: 'opening.wav' });
    expect(created.status, created.body).toBe(201);
    const done = await tus.patch(created.location!, 0, wav);
    expect(done.status, done.body).toBe(204);
    const versionId = String(done.headers['rsm-version-id']);

    // Processing (a pg-boss job both servers' runners poll for) finishes; B answers with the result.
    const urlsOnB = await waitFor(async () => {
      const urls = ok(
        await browser.query<{ processing: string; audio: string; peaks: string | null; preview: string | null }>(
          originB,
          'audio.versionUrls',
          { versionId },
          onTwo.slug,
        ),
      );
      return urls.processing !== 'pending' ? urls : null;
    });
    expect(urlsOnB.processing).toBe('ready');
    // pg-boss keeps its jobs in the control database (schema pgboss): one job for this version, completed at the first try.
    // (The version is ready a moment before its job is marked complete.)
    const jobs = await waitFor(async () => {
      const found = await a.platform.controlDb.execute<{ state: string; retry_count: number }>(
        sql`SELECT state, retry_count FROM pgboss.job WHERE name = 'audio.process' AND data->>'versionId' = ${versionId}`,
      );
      return found.rows.every((row) => row.state !== 'active') ? found.rows : null;
    });
    expect(jobs).toEqual([{ state: 'completed', retry_count: 0 }]);

    // The original, streamed by either server from a link either server signed.
    const urlsOnA = ok(await browser.query<{ audio: string; peaks: string | null }>(originA, 'audio.versionUrls', { versionId }, onTwo.slug));
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    for (const [origin, url] of [
      [originB, urlsOnA.audio],
      [originA, urlsOnB.audio],
      [originB, urlsOnB.audio],
    ] as const) {
      const response = await fetch(`${origin}${url}`);
      expect(response.status, `${origin}${url}`).toBe(200);
      expect(sha(Buffer.from(await response.arrayBuffer()))).toBe(sha(wav));
    }
    const ranged = await fetch(`${originB}${urlsOnA.audio}`, { headers: { range: 'bytes=0-43' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(wav.subarray(0, 44))).toBe(true);
    const peaks = await fetch(`${originB}${urlsOnA.peaks!}`);
    expect(peaks.status).toBe(200);
    expect((await peaks.arrayBuffer()).byteLength).toBeGreaterThan(0);

    // The bytes live in the shared store only, not in either server's own data directory.
    const [file] = await withStudioDb(a, onTwo.id, (db) =>
      db
        .select({ key: tenant.storedFiles.storageKey })
        .from(tenant.trackVersions)
        .innerJoin(tenant.storedFiles, eq(tenant.storedFiles.id, tenant.trackVersions.fileId))
        .where(eq(tenant.trackVersions.id, versionId)),
    );
    expect(existsSync(join(filesDir, file!.key))).toBe(true);
    expect(existsSync(join(a.config.DATA_DIR, 'files'))).toBe(false);
    expect(existsSync(join(b.config.DATA_DIR, 'files'))).toBe(false);
  });

  it('an upload whose chunks reach both servers resumes and finishes (staging directory shared)', async () => {
    const browser = new Browser();
    ok(await browser.mutate(originA, 'auth.logIn', { email: onTwo.email, password: onTwo.password }));
    const project = ok(await browser.mutate<{ id: string }>(originA, 'projects.create', { name: 'EP' }, onTwo.slug));
    const track = ok(await browser.mutate<{ id: string }>(originB, 'tracks.create', { projectId: project.id, title: 'Closing' }, onTwo.slug));
    const wav = wavBuffer({ seconds: 2, signal: sine(660, -14) });
    const onA = new TusClient(originA, browser.cookie);
    const onB = new TusClient(originB, browser.cookie);
    const created = await onA.create(`/s/${onTwo.slug}/uploads/`, wav.length, { trackId: track.id, label: 'mix', filename: 'closing.wav' });
    expect(created.status, created.body).toBe(201);
    const half = Math.floor(wav.length / 2);
    // First chunk through A, then B picks the upload up: its offset, the rest, the version.
    expect((await onA.patch(created.location!, 0, wav.subarray(0, half))).status).toBe(204);
    const urlOnB = created.location!.replace(originA, originB);
    expect((await onB.head(urlOnB)).offset).toBe(half);
    const done = await onB.patch(urlOnB, half, wav.subarray(half));
    expect(done.status, done.body).toBe(204);
    const versionId = String(done.headers['rsm-version-id']);
    // A, asked again about the finished upload, names the same version.
    expect((await onA.head(created.location!)).headers['rsm-version-id']).toBe(versionId);
    const urls = ok(await browser.query<{ audio: string }>(originA, 'audio.versionUrls', { versionId }, onTwo.slug));
    const response = await fetch(`${originA}${urls.audio}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(wav)).toBe(true);
  });
});
