/**
 * Run by `npm start` before the server: builds the web app when its sources changed (build-web-if-stale.ts) and
 * compiles the server to JavaScript (esbuild, about a second), so `npm start` runs plain `node` on
 * apps/server/dist — the code `npm run start:prod` runs — never a stale build (ADR 0018, "npm start").
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildServer, ROOT } from './build-server.ts';

const web = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build-web-if-stale.ts')], { stdio: 'inherit', cwd: ROOT });
if (web.status !== 0) process.exit(web.status ?? 1);
const started = performance.now();
await buildServer(undefined, { clean: false });
console.log(`Server compiled (${Math.round(performance.now() - started)} ms).`);
