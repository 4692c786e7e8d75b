/**
 * The translation trees: the shared `en.json` / `fr.json`, plus one pair of files per domain in
 * `domains/<domain>.<lang>.json` (clients, portal, projects…), so each domain owns its strings.
 * A domain file's top-level keys must not exist elsewhere: a clash would silently hide text.
 */
import en from './en.json';
import fr from './fr.json';

type Tree = { [key: string]: string | Tree };

const domainFiles = import.meta.glob<{ default: Tree }>('./domains/*.json', { eager: true });

function merge(base: Tree, lang: string): Tree {
  const merged: Tree = { ...base };
  for (const [path, module] of Object.entries(domainFiles)) {
    if (!path.endsWith(`.${lang}.json`)) continue;
    for (const [key, value] of Object.entries(module.default)) {
      if (key in merged) throw new Error(`Translation key "${key}" of ${path} is already defined`);
      merged[key] = value;
    }
  }
  return merged;
}

export const translations = { en: merge(en, 'en'), fr: merge(fr, 'fr') };
