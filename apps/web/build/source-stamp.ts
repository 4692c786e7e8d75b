/**
 * Whether the built web app (apps/web/dist) is the build of the sources as they are now, so `npm start` skips a
 * build of several seconds when nothing changed (and builds when anything did, or when there is no build).
 *
 * The stamp is a hash of the content of every file the build reads: the web app's folder (sources, public files,
 * index.html, Vite and TypeScript configuration, build plugins, .env files), @rsm/shared (imported by the pages),
 * the base tsconfig and the lockfile (dependency versions). Contents, not modification times: a checkout or a copy
 * that touches files without changing them does not rebuild, and a change that keeps a file's time still does.
 * A Vite plugin writes it into dist once a build has been written, so every build (npm start, `npm run build`,
 * the e2e tests) leaves a stamp that matches what it built.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

export const STAMP_FILE = '.source-stamp';

/** The repository root, seen from this file (apps/web/build). */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** Folders walked whole (minus build output and dependencies) and single files, relative to the repository root. */
const INPUT_DIRS = ['apps/web', 'packages/shared'];
const INPUT_FILES = ['tsconfig.base.json', 'package-lock.json'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.vite']);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : filesUnder(join(dir, entry.name));
    return entry.isFile() ? [join(dir, entry.name)] : [];
  });
}

/** A hash of the paths and contents of every input of the web build under `root`. */
export function webSourceHash(root = REPO_ROOT): string {
  const files = [
    ...INPUT_DIRS.flatMap((dir) => filesUnder(join(root, dir))),
    ...INPUT_FILES.map((file) => join(root, file)).filter((file) => existsSync(file)),
  ];
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(root, f).split('\\').join('/')).sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

export type Freshness = { fresh: true; hash: string } | { fresh: false; hash: string; reason: string };

/** Fresh when `dist` holds a build (index.html) whose stamp is the hash of the sources now. */
export function webBuildFreshness(root = REPO_ROOT, dist = join(root, 'apps/web/dist')): Freshness {
  const hash = webSourceHash(root);
  if (!existsSync(join(dist, 'index.html'))) return { fresh: false, hash, reason: 'no build in apps/web/dist' };
  const stampFile = join(dist, STAMP_FILE);
  if (!existsSync(stampFile)) return { fresh: false, hash, reason: 'the build has no source stamp' };
  if (readFileSync(stampFile, 'utf8').trim() !== hash) return { fresh: false, hash, reason: 'sources changed since the last build' };
  return { fresh: true, hash };
}

/**
 * Writes the stamp of the sources as they were when the build started, after the bundle was written and every
 * other plugin's closing work (pre-compression) is done; a build that failed leaves no stamp (Vite empties dist
 * first), so the next start builds again.
 */
export function sourceStamp(root = REPO_ROOT): Plugin {
  let outDir = '';
  let hash = '';
  let written = false;
  return {
    name: 'rsm-source-stamp',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      hash = webSourceHash(root);
      written = false;
    },
    writeBundle() {
      written = true;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        if (written && hash) writeFileSync(join(outDir, STAMP_FILE), hash + '\n');
      },
    },
  };
}
