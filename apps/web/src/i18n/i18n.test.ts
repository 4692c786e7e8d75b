// @vitest-environment node
/**
 * The two languages ship complete: same keys, no empty text, every error key
 * the shared schemas and ERROR_CODES can produce, and every literal key the
 * web source uses.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../../packages/shared/src/errors.ts';
import { translations } from './resources.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [childPath, childValue] of flatten(value, path)) flat.set(childPath, childValue);
  }
  return flat;
}

const languages = { en: flatten(translations.en), fr: flatten(translations.fr) };
const sharedSrc = fileURLToPath(new URL('../../../../packages/shared/src/', import.meta.url));
const webSrc = fileURLToPath(new URL('../', import.meta.url));
const serverSrc = fileURLToPath(new URL('../../../server/src/', import.meta.url));

/** A key used with `count` exists as `key_one` / `key_other` (i18next plurals). */
function hasKey(flat: Map<string, string>, key: string): boolean {
  return flat.has(key) || flat.has(`${key}_other`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('translations', () => {
  it('en and fr have exactly the same keys', () => {
    const enKeys = [...languages.en.keys()].sort();
    const frKeys = [...languages.fr.keys()].sort();
    expect(
      frKeys.filter((key) => !languages.en.has(key)),
      'keys only in fr',
    ).toEqual([]);
    expect(
      enKeys.filter((key) => !languages.fr.has(key)),
      'keys only in en',
    ).toEqual([]);
  });

  it.each(Object.entries(languages))('%s has no empty value', (_, flat) => {
    const empty = [...flat].filter(([, value]) => value.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(Object.entries(languages))('%s translates every errors.* key used by the shared schemas', (_, flat) => {
    const schemaSource = ['schemas.ts', 'money-schemas.ts'].map((file) => readFileSync(join(sharedSrc, file), 'utf8')).join('\n');
    const used = [...new Set([...schemaSource.matchAll(/['"`](errors\.[a-z0-9_.]+)['"`]/gi)].map((match) => match[1] ?? ''))];
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((key) => !flat.has(key))).toEqual([]);
  });

  it.each(Object.entries(languages))('%s translates every ERROR_CODES entry as errors.codes.<CODE>', (_, flat) => {
    expect(ERROR_CODES.map((code) => `errors.codes.${code}`).filter((key) => !flat.has(key))).toEqual([]);
  });

  it('has every literal key the web source refers to', () => {
    const namespaces = Object.keys(translations.en).join('|');
    const literalKey = new RegExp(`['"\`]((?:${namespaces})\\.[A-Za-z0-9_.]+)['"\`]`, 'g');
    const missing = new Set<string>();
    for (const file of sourceFiles(webSrc)) {
      for (const match of readFileSync(file, 'utf8').matchAll(literalKey)) {
        const key = match[1] ?? '';
        // Prefixes completed at runtime (`roles.${role}`) end with a dot and are not keys themselves.
        if (!key.endsWith('.') && !hasKey(languages.en, key)) missing.add(`${key} (${file.slice(webSrc.length)})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it.each(Object.entries(languages))('%s names every kind of entry the server records in the activity log', (_, flat) => {
    // recordAudit(db, actor, 'action', 'entity', …): the entity is the activity log's "What" filter (auditLog.entities.*).
    const entities = new Set<string>();
    for (const file of sourceFiles(serverSrc)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/recordAudit\(\s*[^,]+,\s*[^,]+,\s*(?:'[^']+'|`[^`]+`|[\w.]+)\s*,\s*'([a-z_]+)'/g)) {
        entities.add(match[1] ?? '');
      }
    }
    expect(entities.size).toBeGreaterThan(10);
    expect([...entities].filter((entity) => !flat.has(`auditLog.entities.${entity}`)).sort()).toEqual([]);
  });
});
