/**
 * /metrics after a few calls: the tRPC procedure histogram (path and outcome labels), the pg-boss queue and
 * outbox gauges read from the control database, the connection gauges per cluster, and backup age.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, type Studio } from '../support/studios.ts';
import { backups, recordBackup } from '../../apps/server/src/platform/observability/backups.ts';

let server: TestServer;
let studio: Studio;
let other: Studio;
beforeAll(async () => {
  server = await createTestServer();
  [studio, other] = await Promise.all([createStudio(server, { studioName: 'Metrics Series' }), createStudio(server, { studioName: 'Metrics Late' })]);
  // The worker would settle the summary rows this test plants: the gauges must see them as they are.
  await server.outbox.stop();
  // Planted before the first scrape: database readings are reused for 15 s (see cached-probe.ts).
  const later = new Date(Date.now() + 3_600_000);
  await server.platform.jobs.schedule('booking.reminder', { studioId: studio.id, sessionId: 'metrics-test' }, { runAt: later, key: 'metrics-test' });
  const db = server.platform.controlDb;
  await db.execute(sql`
    INSERT INTO studio_work (studio_id, next_due_at, marked_at) VALUES (${studio.id}, now() - interval '5 seconds', now()), (${other.id}, now() - interval '20 minutes', now())
    ON CONFLICT (studio_id) DO UPDATE SET next_due_at = excluded.next_due_at`);
});
afterAll(async () => server?.close());

async function scrape(): Promise<string> {
  const response = await server.app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  return response.body;
}

function sample(body: string, series: string): number | null {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

it('times every tRPC procedure call, labelled by path and outcome', async () => {
  await studio.owner.query('rooms.list', undefined, studio.slug);
  await studio.owner.query('rooms.list', undefined, studio.slug);
  const refused = await studio.owner.mutate('rooms.create', { name: '' }, studio.slug);
  expect(refused.status).toBe(400);
  const body = await scrape();
  expect(body).toContain('# TYPE rsm_trpc_procedure_duration_seconds histogram');
  expect(sample(body, 'rsm_trpc_procedure_duration_seconds_count{procedure="rooms.list",outcome="OK"}')).toBeGreaterThanOrEqual(2);
  expect(sample(body, 'rsm_trpc_procedure_duration_seconds_count{procedure="rooms.create",outcome="BAD_REQUEST"}')).toBeGreaterThanOrEqual(1);
  expect(body).toMatch(/^rsm_trpc_procedure_duration_seconds_bucket\{le="0\.005",procedure="rooms\.list",outcome="OK"\} \d+$/m);
  // The HTTP histogram per route pattern is there too.
  expect(body).toMatch(/^rsm_http_request_duration_seconds_count\{method="GET",route="\/s\/:slug\/trpc\/:path",status="200"\} \d+$/m);
});

it('reports the tenant and control connection figures per cluster', async () => {
  await studio.owner.query('rooms.list', undefined, studio.slug);
  const body = await scrape();
  for (const name of ['open', 'active', 'idle', 'opening', 'max']) expect(sample(body, `rsm_pg_tenant_connections_${name}{cluster="main"}`)).not.toBeNull();
  expect(sample(body, 'rsm_pg_tenant_connections_max{cluster="main"}')).toBe(10);
  expect(sample(body, 'rsm_pg_tenant_connections_open{cluster="main"}')).toBeGreaterThanOrEqual(1);
  expect(sample(body, 'rsm_pg_tenant_acquire_waiting{cluster="main"}')).toBe(0);
  expect(sample(body, 'rsm_pg_tenant_acquire_timeouts{cluster="main"}')).toBe(0);
  expect(sample(body, 'rsm_pg_control_connections{state="total"}')).toBeGreaterThanOrEqual(1);
});

it('counts pg-boss jobs by name and state, and due and overdue outbox work', async () => {
  const body = await scrape();
  expect(sample(body, 'rsm_jobs{job="booking.reminder",state="queued"}')).toBeGreaterThanOrEqual(1);
  expect(sample(body, 'rsm_outbox_studios_due')).toBeGreaterThanOrEqual(2);
  expect(sample(body, 'rsm_outbox_studios_overdue')).toBeGreaterThanOrEqual(1);
  expect(sample(body, 'rsm_outbox_oldest_due_seconds')).toBeGreaterThanOrEqual(1200);
  expect(body).toContain('# TYPE rsm_job_failures_total counter');
});

it('shows backup age only once a backup has succeeded', async () => {
  backups.clear();
  expect(await scrape()).not.toMatch(/^rsm_backup_age_seconds\{/m);
  recordBackup('tenant-daily', new Date(Date.now() - 60_000), true);
  recordBackup('tenant-daily', new Date(), false);
  const body = await scrape();
  const age = sample(body, 'rsm_backup_age_seconds{kind="tenant-daily"}');
  expect(age).toBeGreaterThanOrEqual(60);
  expect(age).toBeLessThan(120);
  expect(sample(body, 'rsm_backup_failures{kind="tenant-daily"}')).toBe(1);
  backups.clear();
});
