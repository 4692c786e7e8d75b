import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test/support/slow-first-sequencer.ts';

/** Test files that change what every other integration file shares (the tenant template): they run alone, after the rest. */
const ALONE = ['test/integration/fleet-migrate.integration.test.ts'];

export default defineConfig({
  test: {
    // Two workers on this 2-core machine (vitest's default is cores − 1): integration files spend much of their time
    // waiting on PostgreSQL and on servers they start, so two side by side take about two thirds of the time.
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
          environment: 'node',
          // A limit for hangs, not a speed target: on a busy 2-core machine loading ESLint or 3,000 property runs
          // can take more than vitest's default 5 s.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['apps/*/src/**/*.integration.test.ts', 'test/**/*.integration.test.ts'],
          exclude: [...ALONE, '**/node_modules/**'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration-alone',
          include: ALONE,
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // After every other project has finished: nothing clones the template while these files migrate it.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
