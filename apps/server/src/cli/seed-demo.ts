/** `npm run seed:demo`: reset the demo studio to its initial data. Stop the server first when it uses the embedded database. */
import { loadConfig } from '../config/env.ts';
import { createLogger } from '../platform/observability/logger.ts';
import { startRuntime } from '../platform/runtime.ts';
import { platformFromRuntime } from '../platform/platform.ts';
import { DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS, ensureDemoStudio } from '../demo/seed.ts';

const config = loadConfig();
const logger = createLogger('warn');
let runtime;
try {
  runtime = await startRuntime(config, logger);
} catch (error) {
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
await ensureDemoStudio(platformFromRuntime(runtime), { reset: true });
console.log(`Demo studio reset: ${config.APP_URL}/s/${DEMO_SLUG} — ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}; password ${DEMO_PASSWORD}`);
await runtime.close();
process.exit(0);
