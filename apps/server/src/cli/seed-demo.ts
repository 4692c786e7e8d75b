/** `npm run seed:demo`: reset the demo studio to its initial data. Stop the server first when it uses the embedded database. */
import { DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS, ensureDemoStudio } from '../demo/seed.ts';
import { startCliRuntime } from './cli-runtime.ts';

const { config, runtime, platform } = await startCliRuntime();
await ensureDemoStudio(platform, { reset: true });
console.log(`Demo studio reset: ${config.APP_URL}/s/${DEMO_SLUG} — ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}; password ${DEMO_PASSWORD}`);
await runtime.close();
process.exit(0);
