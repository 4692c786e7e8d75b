/**
 * Run by `npm start`: builds the web app only when its build is missing or older than its sources
 * (apps/web/build/source-stamp.ts); otherwise says so and returns at once.
 */
import { spawnSync } from 'node:child_process';
import { webBuildFreshness } from '../apps/web/build/source-stamp.ts';

const started = performance.now();
const freshness = webBuildFreshness();
const checkedMs = Math.round(performance.now() - started);
if (freshness.fresh) {
  console.log(`Web app up to date (checked in ${checkedMs} ms).`);
} else {
  console.log(`Building the web app: ${freshness.reason}.`);
  const build = spawnSync('npm', ['run', 'build', '-w', '@rsm/web'], { stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
