import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * The console's texts, through i18next: one JSON catalogue per language and namespace under
 * `locales/<language>/<namespace>.json` (`common`, `errors`, and one per role's screens), French
 * first, English as an option. A missing French text falls back to English, never to a key.
 */
const catalogues = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

export const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, module] of Object.entries(catalogues)) {
  const [, language, namespace] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
  if (!language || !namespace) continue;
  (resources[language] ??= {})[namespace] = module.default;
}

export const namespaces = [...new Set(Object.values(resources).flatMap((byNamespace) => Object.keys(byNamespace)))];

export function startI18n(language: string) {
  return i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['fr', 'en'],
    ns: namespaces,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export { i18next };
