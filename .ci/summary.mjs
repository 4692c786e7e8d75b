// Adds up the vitest and Playwright JSON reports and fails on any failed or skipped test,
// or when a report is missing (a runner that ran nothing has not passed).
import { existsSync, readFileSync } from 'node:fs';

const reports = [
  ['vitest', 'test-results/vitest-results.json', (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests })],
  ['playwright', 'test-results/e2e-results.json', (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky, skipped: r.stats.skipped })],
];
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = false;
for (const [name, file, read] of reports) {
  if (!existsSync(file)) {
    console.log(`${name}: no report at ${file}`);
    missing = true;
    continue;
  }
  const counts = read(JSON.parse(readFileSync(file, 'utf8')));
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (missing || failed > 0 || skipped > 0 || passed === 0) process.exit(1);
