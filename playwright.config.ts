import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests: Debian's Chromium (`npx playwright install` cannot download here)
 * against the real server on embedded PostgreSQL, started on an empty data folder
 * for every run. `npm run test:e2e` builds the web app first when its sources changed; the server serves it.
 */
// E2E_PORT lets two developers (or two checkouts) run the browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3310);
const BASE_URL = `http://localhost:${PORT}`;
const E2E_DATA_DIR = PORT === 3310 ? '.data-e2e' : `.data-e2e-${PORT}`;
/** The stand-in Stripe (tests only) the e2e server's Stripe SDK is pointed at: Settings → Payments, checkout. */
const STRIPE_PORT = PORT + 2;
const STRIPE_WEBHOOK_SECRET = 'whsec_e2e_standin';

export default defineConfig({
  testDir: 'e2e',
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two workers (two browsers) beside the server on two cores: a journey spends most of its time waiting for the
  // server, a page or the mail outbox, so two side by side take about three quarters of the time of one after the
  // other (6.9 against 8.8 minutes here). Each journey signs up its own studio or only reads the demo's shared data;
  // the files of one worker run in order (fullyParallel: false).
  workers: 2,
  fullyParallel: false,
  // Journeys log in several times (password hashing) on a shared 2-core machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: PORT === 3310 ? 'test-results/e2e-results.json' : `test-results/e2e-results-${PORT}.json` }]],
  outputDir: PORT === 3310 ? 'test-results/e2e-artifacts' : `test-results/e2e-artifacts-${PORT}`,
  use: {
    baseURL: BASE_URL,
    locale: 'en-GB',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `exec node --import tsx e2e/support/stripe-standin-server.ts ${STRIPE_PORT} ${STRIPE_WEBHOOK_SECRET} ${BASE_URL}/api/stripe/webhook`,
      url: `http://127.0.0.1:${STRIPE_PORT}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // The data folder is emptied first so every run starts from nothing (then `exec` so the
      // server itself receives the shutdown signal and stops PostgreSQL in order).
      command: `node --import tsx e2e/support/empty-data-dir.ts ${E2E_DATA_DIR} && exec node --import tsx apps/server/src/main.ts`,
      url: `${BASE_URL}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        DATA_DIR: E2E_DATA_DIR,
        PORT: String(PORT),
        APP_URL: BASE_URL,
        EMBEDDED_PG_PORT: String(PORT + 51400),
        NODE_ENV: 'test',
        DEMO_SEED: 'true',
        OPERATOR_EMAILS: 'operator@e2e.test',
        OPERATOR_INITIAL_PASSWORD: 'operator-e2e-password',
        LOG_LEVEL: 'warn',
        // Never inherit these from the developer's shell: the e2e server runs on its own embedded data, outbox mail.
        DATABASE_URL: '',
        TENANT_CLUSTERS: '',
        S3_BUCKET: '',
        SMTP_URL: '',
        BASE_DOMAIN: '',
        COOKIE_DOMAIN: '',
        STRIPE_SECRET_KEY: 'sk_test_e2e',
        STRIPE_WEBHOOK_SECRET,
        STRIPE_CONNECT_WEBHOOK_SECRET: '',
        STRIPE_API_BASE: `http://127.0.0.1:${STRIPE_PORT}`,
      },
    },
  ],
});
