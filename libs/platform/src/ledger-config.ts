import { validateLedgerSettings } from './ledger-settings';

/**
 * What a process does: `all` serves the API and runs the projections (the default, `npm start`);
 * `api` serves the API and follows the projections another process runs; `projector` runs the
 * projections and serves only health. Any number of each may run against one database: of those
 * that run projections, the holder of the lease applies and the others stand by.
 */
export type LedgerRole = 'all' | 'api' | 'projector';
const ROLES: readonly LedgerRole[] = ['all', 'api', 'projector'];

/** Configuration from the environment, with defaults that work on a fresh machine. */
export interface LedgerConfig {
  readonly role: LedgerRole;
  /** PostgreSQL server for events (unless KurrentDB is set) and read models; absent: embedded PGlite. */
  readonly databaseUrl: string | undefined;
  /**
   * Where queries read the read models, for example a streaming replica; absent: the primary. A
   * query that asks for a position the replica has not reached is answered from the primary.
   */
  readonly databaseReadUrl: string | undefined;
  /** KurrentDB for the events; read models stay in PostgreSQL. */
  readonly kurrentDbConnectionString: string | undefined;
  readonly dataDir: string;
  /** PostgreSQL schema to work in (default public); lets several ledgers share one server. */
  readonly schema: string | undefined;
  /** Answer a command only once the read models show it (read-your-writes). */
  readonly waitForProjections: boolean;
  readonly port: number;
  readonly poolSize: number;
  /** Run the projections in this process (roles `all` and `projector`; a one-shot CLI command does not). */
  readonly runProjections: boolean;
  /** How long a projection lease lasts unless renewed: how soon another process takes over from a dead one. */
  readonly leaseTtlMs: number;
  /** Readiness fails when a read model is more than this many events behind the log. */
  readonly readyMaxLag: number;
  /** A read model that is behind and has not moved for this long is reported stuck. */
  readonly stuckAfterMs: number;
  /** How many times a command is run in all when it keeps losing optimistic-concurrency races. */
  readonly commandAttempts: number;
  /**
   * How long a command's answer waits for the read models to show it. Past it the answer is still
   * the command's true, recorded result, with `X-Read-Models: behind`.
   */
  readonly readModelWaitMs: number;
  /** A client must have sent its whole request within this time (slow clients cannot hold sockets). */
  readonly httpRequestTimeoutMs: number;
  /** `TRUST_PROXY`: express's "trust proxy" — false, true, a hop count, or addresses/CIDRs (express's own syntax). */
  readonly trustProxy: boolean | number | string;
  /** `LEDGER_BUSINESS_DATE_EARLIEST`: the earliest business date a command may carry (YYYY-MM-DD). */
  readonly businessDateEarliest: string;
  /** `LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD`: how many days after today (UTC, the ledger's clock) a business date may be. */
  readonly businessDateMaxDaysAhead: number;
}

function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const value = Number(env[name] || fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${env[name]}`);
  return value;
}

/**
 * The configuration from `env` (the process's environment by default), validated first against the
 * settings' schema (ledger-settings.ts): a malformed or unknown setting throws, naming it. The API
 * goes through `@nestjs/config`'s ConfigModule with the same schema; the CLI and tests call this.
 */
export function loadLedgerConfig(env: NodeJS.ProcessEnv | Record<string, string> = process.env): LedgerConfig {
  env = validateLedgerSettings(env);
  // RUN_PROJECTIONS=false, from before roles, still means an API-only process.
  const role = (env.LEDGER_ROLE || (env.RUN_PROJECTIONS === 'false' ? 'api' : 'all')) as LedgerRole;
  if (!ROLES.includes(role)) throw new Error(`LEDGER_ROLE must be one of ${ROLES.join(', ')}, got ${env.LEDGER_ROLE}`);
  const databaseReadUrl = env.DATABASE_READ_URL || undefined;
  if (databaseReadUrl && !env.DATABASE_URL)
    throw new Error('DATABASE_READ_URL needs DATABASE_URL: a read pool serves a PostgreSQL server ledger');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);
  if (!Number.isInteger(poolSize) || poolSize < 1)
    throw new Error(`DATABASE_POOL_SIZE must be ≥ 1, got ${env.DATABASE_POOL_SIZE}`);
  const commandAttempts = Number(env.LEDGER_COMMAND_ATTEMPTS || 25);
  if (!Number.isInteger(commandAttempts) || commandAttempts < 1)
    throw new Error(`LEDGER_COMMAND_ATTEMPTS must be an integer ≥ 1, got ${env.LEDGER_COMMAND_ATTEMPTS}`);
  const readModelWaitMs = Number(env.LEDGER_READ_MODEL_WAIT_MS || 5_000);
  if (!Number.isInteger(readModelWaitMs) || readModelWaitMs < 0)
    throw new Error(`LEDGER_READ_MODEL_WAIT_MS must be an integer ≥ 0, got ${env.LEDGER_READ_MODEL_WAIT_MS}`);
  const httpRequestTimeoutMs = Number(env.HTTP_REQUEST_TIMEOUT_MS || 30_000);
  if (!Number.isInteger(httpRequestTimeoutMs) || httpRequestTimeoutMs < 1_000)
    throw new Error(`HTTP_REQUEST_TIMEOUT_MS must be an integer ≥ 1000, got ${env.HTTP_REQUEST_TIMEOUT_MS}`);
  return {
    // The server also used by tests in CI: DATABASE_URL wins, TEST_DATABASE_URL is for tests only.
    role,
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl,
    kurrentDbConnectionString: env.KURRENTDB_CONNECTION_STRING || undefined,
    dataDir: env.DATA_DIR || './data',
    schema: env.DATABASE_SCHEMA || undefined,
    waitForProjections: env.WAIT_FOR_PROJECTIONS !== 'false',
    port,
    poolSize,
    runProjections: role !== 'api',
    leaseTtlMs: integerSetting(env, 'LEDGER_LEASE_TTL_MS', 5_000, 500),
    readyMaxLag: integerSetting(env, 'LEDGER_READY_MAX_LAG', 10_000, 0),
    stuckAfterMs: integerSetting(env, 'LEDGER_STUCK_AFTER_MS', 30_000, 1_000),
    commandAttempts,
    readModelWaitMs,
    httpRequestTimeoutMs,
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    businessDateEarliest: env.LEDGER_BUSINESS_DATE_EARLIEST || '1900-01-01',
    businessDateMaxDaysAhead: integerSetting(env, 'LEDGER_BUSINESS_DATE_MAX_DAYS_AHEAD', 1, 0),
  };
}

/** express's "trust proxy" value: a boolean, a hop count, or the comma list as express reads it. */
function trustProxyOf(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw
    .split(',')
    .map((item) => item.trim())
    .join(',');
}
