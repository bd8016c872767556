import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadLedgerConfig } from './ledger-config';
import { InvalidLedgerSettings, isTrustProxy, LEDGER_SETTINGS, validateLedgerSettings } from './ledger-settings';

const root = join(__dirname, '..', '..', '..');

function problemsOf(env: Record<string, string>): string[] {
  try {
    validateLedgerSettings(env);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidLedgerSettings)) throw error;
    return [...error.problems];
  }
}

describe('the settings schema', () => {
  it('accepts an empty environment, and the defaults of every setting', () => {
    expect(validateLedgerSettings({})).toEqual({});
    const config = loadLedgerConfig({});
    expect(config).toMatchObject({
      trustProxy: false,
      businessDateEarliest: '1900-01-01',
      businessDateMaxDaysAhead: 1,
    });
  });

  it('refuses a name with the ledger’s prefix that is not a setting, naming it and the likely one', () => {
    expect(problemsOf({ LEDGER_ROEL: 'api' })).toEqual([
      'LEDGER_ROEL is not a setting of the ledger (did you mean LEDGER_ROLE?)',
    ]);
    expect(problemsOf({ DATABASE_PASSWORD: 'x' })).toEqual([
      expect.stringMatching(/^DATABASE_PASSWORD is not a setting of the ledger/),
    ]);
    expect(() => loadLedgerConfig({ KURRENTDB_CONECTION_STRING: 'kurrentdb://x:2113' })).toThrow(
      /KURRENTDB_CONECTION_STRING is not a setting of the ledger \(did you mean KURRENTDB_CONNECTION_STRING\?\)/,
    );
  });

  it('leaves other programs’ variables and the compose file’s own names alone', () => {
    const env = {
      PATH: '/usr/bin',
      HTTP_PROXY: 'http://proxy:3128',
      TEST_DATABASE_URL: 'postgres://x/y',
      LEDGER_HTTP_PORT: '8080',
      LEDGER_API_UPSTREAMS: 'api-1:3000',
      KURRENTDB_IMAGE: 'kurrentdb:25',
      LEDGER_ROLE: 'api',
      LEDGER_ADMIN_API_KEY: '',
    };
    expect(validateLedgerSettings(env)).toEqual({ LEDGER_ROLE: 'api' });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_POOL_SIZE', '0'],
    ['LEDGER_LEASE_TTL_MS', '100'],
    ['LEDGER_ROLE', 'worker'],
    ['WAIT_FOR_PROJECTIONS', 'no'],
    ['RUN_PROJECTIONS', '0'],
    ['DATABASE_URL', 'mysql://x/y'],
    ['DATABASE_SCHEMA', 'ledger; drop'],
    ['KURRENTDB_CONNECTION_STRING', 'http://x:2113'],
    ['LEDGER_ADMIN_API_KEY', 'short'],
    ['RATE_LIMIT_PER_MINUTE', '1.5'],
    ['LEDGER_CHECKPOINT_EVERY', '-1'],
    ['LOG_FORMAT', 'xml'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['LEDGER_BUSINESS_DATE_EARLIEST', '1900-02-30'],
    ['LEDGER_BUSINESS_DATE_EARLIEST', '0000-01-01'],
    ['LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD', '-1'],
    ['HTTP_REQUEST_TIMEOUT_MS', '999'],
  ])('refuses %s=%s, naming it', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(() => loadLedgerConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('names every bad setting at once', () => {
    expect(problemsOf({ PORT: 'x', LEDGER_ROEL: 'api', LOG_FORMAT: 'xml' })).toHaveLength(3);
  });

  it('reads TRUST_PROXY as express does', () => {
    expect(loadLedgerConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadLedgerConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadLedgerConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadLedgerConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8,127.0.0.1');
    expect(isTrustProxy('loopback,::1,fd00::/8')).toBe(true);
    expect(isTrustProxy('10.0.0.1/8/2')).toBe(false);
  });

  it('reads the business-date window', () => {
    expect(
      loadLedgerConfig({ LEDGER_BUSINESS_DATE_EARLIEST: '2000-01-01', LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD: '0' }),
    ).toMatchObject({ businessDateEarliest: '2000-01-01', businessDateMaxDaysAhead: 0 });
  });
});

describe('the README’s Configuration table', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('\n## Configuration'),
    readme.indexOf('\n### ', readme.indexOf('\n## Configuration')),
  );
  const rows = [...section.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]*) \|/gm)].map((match) => ({
    name: match[1],
    default: match[2].trim(),
  }));

  it('lists exactly the settings of the schema, with their defaults', () => {
    expect(rows.length).toBeGreaterThan(10);
    expect([...rows].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      LEDGER_SETTINGS.map(({ name, default: fallback }) => ({ name, default: fallback })).sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    );
  });
});

describe('the code', () => {
  /** Every `env.NAME` / `process.env.NAME` read in apps/ and libs/ (tests and the test kit aside). */
  function namesRead(dir: string, found = new Set<string>()): Set<string> {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (entry !== 'node_modules' && entry !== 'testing' && entry !== 'console') namesRead(path, found);
      } else if (/\.ts$/.test(entry) && !/\.spec\.ts$/.test(entry)) {
        for (const match of readFileSync(path, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)\b/g)) found.add(match[1]);
      }
    }
    return found;
  }

  it('reads no environment variable that the schema does not know', () => {
    const names = new Set(LEDGER_SETTINGS.map(({ name }) => name));
    const read = [...namesRead(join(root, 'apps')), ...namesRead(join(root, 'libs'))];
    expect(read.length).toBeGreaterThan(10);
    expect(read.filter((name) => !names.has(name))).toEqual([]);
  });
});
