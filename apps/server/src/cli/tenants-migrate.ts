/**
 * `npm run tenants:migrate [-- --concurrency N]`: apply pending tenant
 * migrations to every studio on every cluster and print a report. Exits 1 if
 * any tenant failed, so a deploy script stops there.
 */
import { formatFleetReport, migrateFleet } from '../platform/tenancy/fleet-migrate.ts';
import { startCliRuntime } from './cli-runtime.ts';

const arg = process.argv.indexOf('--concurrency');
const concurrency = arg > 0 ? Number(process.argv[arg + 1]) : 8;

const { runtime, platform } = await startCliRuntime();
let lastPrinted = 0;
const report = await migrateFleet(platform, {
  concurrency,
  onProgress: (done, total) => {
    if (process.stdout.isTTY && Date.now() - lastPrinted > 500) {
      lastPrinted = Date.now();
      process.stdout.write(`\r  ${done}/${total} tenants`);
    }
  },
});
if (process.stdout.isTTY) process.stdout.write('\r');
console.log(formatFleetReport(report));
await runtime.close();
process.exit(report.failed.length > 0 ? 1 : 0);
