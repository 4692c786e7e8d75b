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
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const counts = read(report);
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const title of notPassed(name, report)) console.log(`  not passed: ${title}`);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
// Names every failed or skipped test, so the end of a CI log (often all that is kept) says what to look at.
function notPassed(name, report) {
  if (name === 'vitest') {
    return report.testResults.flatMap((file) => [
      ...(file.status === 'failed' && file.message
        ? [`file failed — ${file.name.replace(process.cwd() + '/', '')}: ${file.message.split('\n')[0].slice(0, 300)}`]
        : []),
      ...file.assertionResults
        .filter((t) => t.status !== 'passed')
        .map(
          (t) =>
            `${t.status} — ${file.name.replace(process.cwd() + '/', '')} › ${t.fullName}: ${(t.failureMessages ?? []).join(' ').split('\n')[0].slice(0, 300)}`,
        ),
    ]);
  }
  const titles = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'expected') titles.push(`${test.status} — ${suite.file ?? ''} › ${[...path, spec.title].join(' › ')}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return titles;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (missing || failed > 0 || skipped > 0 || passed === 0) process.exit(1);
