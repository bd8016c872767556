import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The console's texts: French and English catalogues have the same keys in every namespace, and
 * every key the code names literally (`t('queue.title')`, `t('common:action.cancel')`, a menu's
 * `labelKey`) exists in both — so no screen shows a raw key or falls back to English in French.
 */
const SRC = join(__dirname, '../../apps/console/src');
const LOCALES = join(SRC, 'i18n/locales');

type Catalogue = Record<string, unknown>;
const flatten = (tree: Catalogue, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? flatten(value as Catalogue, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
const load = (language: string) =>
  Object.fromEntries(
    readdirSync(join(LOCALES, language))
      .filter((file) => file.endsWith('.json'))
      .map((file) => [
        file.replace(/\.json$/, ''),
        new Set(flatten(JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')) as Catalogue)),
      ]),
  );
const catalogues = { fr: load('fr'), en: load('en') };

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });

/** A key exists as itself or with a plural suffix. */
const has = (keys: Set<string> | undefined, key: string) =>
  Boolean(keys && (keys.has(key) || keys.has(`${key}_one`) || keys.has(`${key}_other`)));

describe('the console’s catalogues', () => {
  it('has the same namespaces and keys in French and English', () => {
    expect(Object.keys(catalogues.fr).sort()).toEqual(Object.keys(catalogues.en).sort());
    for (const namespace of Object.keys(catalogues.fr)) {
      expect({ namespace, keys: [...catalogues.fr[namespace]].sort() }).toEqual({
        namespace,
        keys: [...(catalogues.en[namespace] ?? [])].sort(),
      });
    }
  });

  it('has every key the code names, in both languages', () => {
    const missing: string[] = [];
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      // The namespaces the file's components read by default (useTranslation('x')), common otherwise.
      const defaults = [...text.matchAll(/useTranslation\(\s*'([^']+)'/g)].map((m) => m[1]);
      if (/useTranslation\(\s*\)/.test(text) || defaults.length === 0) defaults.push('common');
      const keys = [
        ...[...text.matchAll(/\bt\(\s*'([^'$]+)'/g)].map((m) => m[1]),
        ...[...text.matchAll(/labelKey:\s*'([^']+)'/g)].map((m) => m[1]),
      ];
      for (const key of keys) {
        const [namespaces, name] = key.includes(':') ? [[key.split(':')[0]], key.split(':')[1]] : [defaults, key];
        for (const language of ['fr', 'en'] as const) {
          if (!namespaces.some((namespace) => has(catalogues[language][namespace], name)))
            missing.push(`${language} ${namespaces.join('|')}:${name} (${file.slice(SRC.length + 1)})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
