import { isIP } from 'node:net';
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsOptional,
  Matches,
  MinLength,
  ValidateBy,
  validateSync,
  type ValidationOptions,
} from 'class-validator';

/**
 * Every setting of the ledger, read from the environment: its name, default and meaning (the
 * README's Configuration table lists exactly these; a unit test holds the two together), and the
 * rule its value must follow. `validateLedgerSettings` is the `validate` of `@nestjs/config`'s
 * ConfigModule and runs in `loadLedgerConfig` too (the CLI and tests do not run the ConfigModule):
 * a malformed value, or a name with one of the ledger's prefixes that is not a setting (a typo such
 * as `LEDGER_ROEL`), stops the start with a message naming it. An empty value counts as unset.
 */
export interface SettingDoc {
  readonly name: string;
  /** As the README shows it, `—` when unset means "not used". */
  readonly default: string;
  readonly meaning: string;
}

const docs = new Map<string, SettingDoc>();

/** Documents one setting (its name is the property's). */
function Setting(defaultValue: string, meaning: string): PropertyDecorator {
  return (_target, property) => {
    const name = String(property);
    docs.set(name, { name, default: defaultValue, meaning });
  };
}

/** A whole number written in decimal digits, within [min, max]. */
function IsWholeNumber(min: number, max = Number.MAX_SAFE_INTEGER, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWholeNumber',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^\d{1,15}$/.test(value) && Number(value) >= min && Number(value) <= max,
        defaultMessage: (args) =>
          `${args?.property} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}, got "${String(args?.value)}"`,
      },
    },
    options,
  );
}

/** A calendar date YYYY-MM-DD that exists (no 2023-02-30), from year 0001. */
function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
        const date = new Date(`${value}T00:00:00Z`);
        return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
      },
      defaultMessage: (args) => `${args?.property} must be a date YYYY-MM-DD, got "${String(args?.value)}"`,
    },
  });
}

/** express's "trust proxy": true, false, a hop count, or a comma list of addresses, CIDRs and express's names. */
export function isTrustProxy(value: string): boolean {
  if (value === 'true' || value === 'false' || /^\d{1,3}$/.test(value)) return true;
  const names = ['loopback', 'linklocal', 'uniquelocal'];
  return value.split(',').every((raw) => {
    const item = raw.trim();
    if (names.includes(item)) return true;
    const [address, prefix, ...rest] = item.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  });
}

function IsTrustProxy(): PropertyDecorator {
  return ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isTrustProxy(value),
      defaultMessage: (args) =>
        `${args?.property} must be true, false, a hop count, or a comma list of addresses or CIDRs (or loopback, linklocal, uniquelocal), got "${String(args?.value)}"`,
    },
  });
}

const BOOLEAN = ['true', 'false'];
const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;

/** The schema. Each property is one environment variable, a string when set. */
export class LedgerSettings {
  @Setting('`3000`', 'HTTP port')
  @IsOptional()
  @IsWholeNumber(0, 65_535)
  PORT?: string;

  @Setting(
    '`./data`',
    'folder of the embedded PostgreSQL (PGlite), used when `DATABASE_URL` is unset; also holds the generated admin key and signing key',
  )
  @IsOptional()
  @MinLength(1)
  DATA_DIR?: string;

  @Setting('—', 'a PostgreSQL server for events and read models, e.g. `postgres://user:pass@host:5432/ledger`')
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Setting('`public`', 'schema to work in on that server')
  @IsOptional()
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, {
    message: 'DATABASE_SCHEMA must be a PostgreSQL identifier (letters, digits, _; at most 63), got "$value"',
  })
  DATABASE_SCHEMA?: string;

  @Setting('`10`', 'connections to the server (the embedded database always uses one)')
  @IsOptional()
  @IsWholeNumber(1)
  DATABASE_POOL_SIZE?: string;

  @Setting(
    '—',
    'a server (e.g. a streaming replica) that queries read; a query asking for a position it has not reached reads the primary. Its URL may name its schema: `?options=-c%20search_path%3D<schema>`. Needs `DATABASE_URL`',
  )
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_READ_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_READ_URL?: string;

  @Setting('—', 'keep the events in KurrentDB instead, e.g. `kurrentdb://localhost:2113?tls=false`')
  @IsOptional()
  @Matches(/^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/\S+$/, {
    message: 'KURRENTDB_CONNECTION_STRING must be a kurrentdb:// (or kurrent://, kdb://, esdb://) connection string',
  })
  KURRENTDB_CONNECTION_STRING?: string;

  @Setting(
    '`all`',
    '`all`: API and projections; `api`: API only, following the projections another process applies; `projector`: projections only (serves `/health` alone)',
  )
  @IsOptional()
  @IsIn(['all', 'api', 'projector'], { message: 'LEDGER_ROLE must be one of all, api, projector, got "$value"' })
  LEDGER_ROLE?: string;

  @Setting('`true`', '`false` means `LEDGER_ROLE=api` (the setting from before roles; `LEDGER_ROLE` wins)')
  @IsOptional()
  @IsIn(BOOLEAN, { message: 'RUN_PROJECTIONS must be true or false, got "$value"' })
  RUN_PROJECTIONS?: string;

  @Setting(
    '`5000`',
    'how long the projections’ lease outlives its holder: how soon another process takes over from a dead one',
  )
  @IsOptional()
  @IsWholeNumber(500)
  LEDGER_LEASE_TTL_MS?: string;

  @Setting('`10000`', 'readiness fails when a read model is more events than this behind the log')
  @IsOptional()
  @IsWholeNumber(0)
  LEDGER_READY_MAX_LAG?: string;

  @Setting('`30000`', 'a read model behind the log whose checkpoint has not moved for this long is reported stuck')
  @IsOptional()
  @IsWholeNumber(1_000)
  LEDGER_STUCK_AFTER_MS?: string;

  @Setting('`true`', 'answer a command only once the read models show it (read-your-writes)')
  @IsOptional()
  @IsIn(BOOLEAN, { message: 'WAIT_FOR_PROJECTIONS must be true or false, got "$value"' })
  WAIT_FOR_PROJECTIONS?: string;

  @Setting('`25`', 'times a batch of commands is decided again after another process moved one of its streams')
  @IsOptional()
  @IsWholeNumber(1)
  LEDGER_COMMAND_ATTEMPTS?: string;

  @Setting(
    '`5000`',
    'how long a command’s answer waits for the read models to show it; past it the answer says `X-Read-Models: behind`',
  )
  @IsOptional()
  @IsWholeNumber(0)
  LEDGER_READ_MODEL_WAIT_MS?: string;

  @Setting(
    '`30000`',
    'a client must send its whole request within this time (headers within 10 s); bodies over 100 kB get 413',
  )
  @IsOptional()
  @IsWholeNumber(1_000)
  HTTP_REQUEST_TIMEOUT_MS?: string;

  @Setting(
    '—',
    'the first admin’s key, used only when the ledger has no admin key yet (≥ 32 characters); a key already stored is accepted as it is',
  )
  @IsOptional()
  @MinLength(32, { message: 'LEDGER_ADMIN_API_KEY must be at least 32 characters' })
  LEDGER_ADMIN_API_KEY?: string;

  @Setting('`6000`', 'requests a minute per API key (per IP before authentication); over it, 429')
  @IsOptional()
  @IsWholeNumber(1)
  RATE_LIMIT_PER_MINUTE?: string;

  @Setting(
    '`false`',
    'express’s "trust proxy", for a deployment behind a proxy: `false`, `true`, a hop count, or a comma list of addresses or CIDRs (e.g. `10.0.0.0/8,127.0.0.1`) whose `X-Forwarded-For` is believed',
  )
  @IsOptional()
  @IsTrustProxy()
  TRUST_PROXY?: string;

  @Setting('`1900-01-01`', 'the earliest business date a command may carry')
  @IsOptional()
  @IsCalendarDate()
  LEDGER_BUSINESS_DATE_EARLIEST?: string;

  @Setting('`1`', 'a business date may be at most this many days after today (UTC, by the ledger’s clock)')
  @IsOptional()
  @IsWholeNumber(0, 36_500)
  LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD?: string;

  @Setting('`<DATA_DIR>/signing-key.pem`', 'Ed25519 key that signs the log checkpoints (created on first use)')
  @IsOptional()
  @MinLength(1)
  LEDGER_SIGNING_KEY_FILE?: string;

  @Setting('`1000`', 'events between two signed checkpoints')
  @IsOptional()
  @IsWholeNumber(1)
  LEDGER_CHECKPOINT_EVERY?: string;

  @Setting('`text`', '`json` for one JSON object per log line (the Docker image sets it)')
  @IsOptional()
  @IsIn(['json', 'text'], { message: 'LOG_FORMAT must be json or text, got "$value"' })
  LOG_FORMAT?: string;

  @Setting('`dist/console`', 'the built web console served at `/console` (`npm run build:console` makes it)')
  @IsOptional()
  @MinLength(1)
  CONSOLE_DIR?: string;
}

// The decorators above ran when the class was defined: every setting is registered by now.
export const LEDGER_SETTINGS: readonly SettingDoc[] = [...docs.values()];
const NAMES = new Set(docs.keys());

/**
 * Names that start like the ledger's but belong to docker/docker-compose.yml, which hands docker/.env
 * to the ledger's containers whole: they are not settings of the ledger, and not typos either.
 */
export const DEPLOYMENT_NAMES: readonly string[] = ['LEDGER_API_UPSTREAMS', 'LEDGER_HTTP_PORT', 'KURRENTDB_IMAGE'];

/** Prefixes (and whole names) that only the ledger's settings use: anything else starting so is a mistake. */
const PREFIXES = [
  'LEDGER_',
  'DATABASE_',
  'KURRENTDB_',
  'HTTP_REQUEST',
  'RATE_LIMIT',
  'TRUST_PROXY',
  'WAIT_FOR_',
  'RUN_PROJECTION',
];

/** Thrown (and shown at start) when the environment holds a setting the ledger cannot use. */
export class InvalidLedgerSettings extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'InvalidLedgerSettings';
  }
}

/**
 * Validates the ledger's settings in `env` and returns them (only them, set and non-empty). Throws
 * InvalidLedgerSettings naming every malformed or unknown one.
 */
export function validateLedgerSettings(env: Record<string, unknown>): Record<string, string> {
  const settings: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    if (NAMES.has(name)) settings[name] = String(value);
    else if (PREFIXES.some((prefix) => name.startsWith(prefix)) && !DEPLOYMENT_NAMES.includes(name))
      problems.push(`${name} is not a setting of the ledger${suggestion(name)}`);
  }
  const errors = validateSync(plainToInstance(LedgerSettings, settings), { forbidUnknownValues: false });
  for (const error of errors) problems.push(...Object.values(error.constraints ?? {}));
  if (settings.DATABASE_READ_URL && !settings.DATABASE_URL)
    problems.push('DATABASE_READ_URL needs DATABASE_URL: a read pool serves a PostgreSQL server ledger');
  if (problems.length > 0) throw new InvalidLedgerSettings(problems);
  return settings;
}

/** " (did you mean LEDGER_ROLE?)" when a setting's name is a slip away. */
function suggestion(name: string): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of NAMES) {
    const distance = editDistance(name, known);
    if (distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  return best ? ` (did you mean ${best}?)` : ' (see the Configuration table of the README)';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
