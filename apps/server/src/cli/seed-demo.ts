/** `npm run seed:demo`: reset the demo studio to its initial data. Stop the server first when it uses the embedded database. */
import { DEMO_SLUG, DEMO_USERS, ensureDemoStudio } from '../demo/seed.ts';
import { demoPasswordForReset } from '../demo/demo-access.ts';
import { startCliRuntime } from './cli-runtime.ts';

const { config, runtime, platform } = await startCliRuntime();
// Production gets a random password (printed only here), never the one the README publishes.
const password = demoPasswordForReset(platform);
await ensureDemoStudio(platform, { reset: true, password });
console.log(`Demo studio reset: ${config.APP_URL}/s/${DEMO_SLUG} — ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}; password ${password}`);
await runtime.close();
process.exit(0);
