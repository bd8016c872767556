import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The console shows an API refusal by its stable `error` code (`errors:<code>`, see
 * `apps/console/src/ui/errors.ts`). Every code the API can answer must have a French and an
 * English text: the codes are found in the API's sources the way a reader finds them —
 * `readonly code = '…'` in the domain and money errors, `error: '…'` in the HTTP answers.
 */
const ROOT = join(__dirname, '../..');
const LOCALES = join(ROOT, 'apps/console/src/i18n/locales');
const STATUSES = ['400', '401', '403', '404', '409', '413', '422', '429', '500', '503'];

type Catalogue = Record<string, unknown>;
const catalogue = (language: string) =>
  JSON.parse(readFileSync(join(LOCALES, language, 'errors.json'), 'utf8')) as Catalogue;
const flatten = (tree: Catalogue, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? flatten(value as Catalogue, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
const leaf = (tree: Catalogue, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Catalogue | undefined)?.[key], tree);

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });

/** A quoted code, unless it is the right side of a comparison (`reason === 'different-request'`). */
const literals = (text: string): string[] =>
  [...text.matchAll(/(===|!==)?\s*'([A-Za-z][A-Za-z0-9_-]*)'/g)].filter((m) => !m[1]).map((m) => m[2]);

/** The error codes a source answers. */
export function codesIn(text: string): string[] {
  const codes: string[] = [];
  // `readonly code = 'fund-not-found'`, `readonly code: MoneyErrorCode = 'AMOUNT_OVERFLOW'`,
  // `readonly code: 'proposal-not-found' | 'proposal-not-pending'`, `this.code = x ? 'a' : 'b'`.
  for (const m of text.matchAll(/(?:\breadonly\s+|\bthis\.)code\b\s*[:=][^;\n]*/g)) codes.push(...literals(m[0]));
  // `error: 'validation-failed'`, `error: x === 'y' ? 'idempotency-key-reused' : 'idempotency-key-in-progress'`.
  for (const m of text.matchAll(/\berror:\s*('[^']*'|[^,\n}]*\?\s*'[^']*'\s*:\s*'[^']*')/g))
    codes.push(...literals(m[1]));
  return codes;
}

const found = new Map<string, string>();
for (const file of sources(join(ROOT, 'libs'))) {
  for (const code of codesIn(readFileSync(file, 'utf8'))) if (!found.has(code)) found.set(code, relative(ROOT, file));
}

describe('the catalogue of API error codes (errors.json)', () => {
  const fr = catalogue('fr');
  const en = catalogue('en');

  it('the scan finds codes of every kind, and only codes', () => {
    expect(
      codesIn(`
        readonly code = 'fund-not-found';
        override readonly code: MoneyErrorCode = 'TOO_MANY_DECIMALS';
        readonly code: 'proposal-not-found' | 'proposal-not-pending';
        this.code = kind === 'not-found' ? 'proposal-not-found' : 'proposal-not-pending';
        throw new X({ statusCode: 409, error: 'user-exists', message: 'user exists' });
        error: claim.reason === 'different-request' ? 'idempotency-key-reused' : 'idempotency-key-in-progress',
        error: exception.code,
        error: kebab(STATUS_CODES[statusCode] ?? 'error'),
      `),
    ).toEqual([
      'fund-not-found',
      'TOO_MANY_DECIMALS',
      'proposal-not-found',
      'proposal-not-pending',
      'proposal-not-found',
      'proposal-not-pending',
      'user-exists',
      'idempotency-key-reused',
      'idempotency-key-in-progress',
    ]);
    // Over the real sources: the domain, money, platform, access and four-eyes codes.
    for (const code of [
      'validation-failed',
      'business-date-out-of-range',
      'business-date-before-dependency',
      'read-models-behind',
      'unauthenticated',
      'last-active-admin',
      'self-confirmation-refused',
      'policy-change-pending',
      'withdrawal-exceeds-headroom',
      'fund-insufficient',
      'AMOUNT_OVERFLOW',
    ])
      expect([code, found.has(code)]).toEqual([code, true]);
    expect(found.size).toBeGreaterThan(90);
  });

  it('has a French and an English text for every code the API answers', () => {
    const missing = [...found]
      .flatMap(([code, file]) =>
        Object.entries({ fr, en })
          .filter(([, texts]) => typeof texts[code] !== 'string' || (texts[code] as string).trim() === '')
          .map(([language]) => `${language} ${code} (${file})`),
      )
      .sort();
    expect(missing).toEqual([]);
  });

  it('has the same keys in French and English, the network text, HTTP status fallbacks and field labels', () => {
    expect(flatten(fr).sort()).toEqual(flatten(en).sort());
    for (const texts of [fr, en]) {
      expect(typeof texts.network).toBe('string');
      for (const status of STATUSES)
        expect([status, typeof leaf(texts, `status.${status}`)]).toEqual([status, 'string']);
      for (const field of ['amount', 'invoiceAmount', 'approvedOn', 'requestedOn'])
        expect([field, typeof leaf(texts, `fields.${field}`)]).toEqual([field, 'string']);
    }
  });

  it('uses the same interpolation values in both languages', () => {
    const values = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const differ = flatten(fr).filter(
      (key) => JSON.stringify(values(leaf(fr, key))) !== JSON.stringify(values(leaf(en, key))),
    );
    expect(differ).toEqual([]);
  });
});
