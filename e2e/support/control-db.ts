/**
 * A direct line to the e2e server's control database, for the few states a browser cannot reach in a test's time
 * (a trial that ended 14 days after sign-up): the embedded cluster's port and credentials are the server's own
 * (playwright.config.ts: EMBEDDED_PG_PORT = PORT + 51400, DATA_DIR/pg-credentials.json).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

const PORT = Number(process.env.E2E_PORT ?? 3310);
const DATA_DIR = PORT === 3310 ? '.data-e2e' : `.data-e2e-${PORT}`;

export async function withControlDb<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const { user, password } = JSON.parse(readFileSync(`${DATA_DIR}/pg-credentials.json`, 'utf8')) as { user: string; password: string };
  const client = new pg.Client({ host: '127.0.0.1', port: PORT + 51400, user, password, database: 'rsm_control' });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Ends the trial of the studio at `slug` a minute ago: the studio is read-only until a plan is chosen. */
export async function endTrial(slug: string): Promise<void> {
  await withControlDb((db) => db.query(`UPDATE studios SET billing_status = 'trial', trial_ends_at = now() - interval '1 minute' WHERE slug = $1`, [slug]));
}
