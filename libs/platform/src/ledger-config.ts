/** Configuration from the environment, with defaults that work on a fresh machine. */
export interface LedgerConfig {
  /** PostgreSQL server for events (unless KurrentDB is set) and read models; absent: embedded PGlite. */
  readonly databaseUrl: string | undefined;
  /** KurrentDB for the events; read models stay in PostgreSQL. */
  readonly kurrentDbConnectionString: string | undefined;
  readonly dataDir: string;
  /** PostgreSQL schema to work in (default public); lets several ledgers share one server. */
  readonly schema: string | undefined;
  /** Answer a command only once the read models show it (read-your-writes). */
  readonly waitForProjections: boolean;
  readonly port: number;
  readonly poolSize: number;
  /** Run the projections in this process (the API does; a one-shot CLI command may not). */
  readonly runProjections: boolean;
  /** How many times a command is run in all when it keeps losing optimistic-concurrency races. */
  readonly commandAttempts: number;
  /**
   * How long a command's answer waits for the read models to show it. Past it the answer is still
   * the command's true, recorded result, with `X-Read-Models: behind`.
   */
  readonly readModelWaitMs: number;
  /** A client must have sent its whole request within this time (slow clients cannot hold sockets). */
  readonly httpRequestTimeoutMs: number;
}

export function loadLedgerConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
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
    databaseUrl: env.DATABASE_URL || undefined,
    kurrentDbConnectionString: env.KURRENTDB_CONNECTION_STRING || undefined,
    dataDir: env.DATA_DIR || './data',
    schema: env.DATABASE_SCHEMA || undefined,
    waitForProjections: env.WAIT_FOR_PROJECTIONS !== 'false',
    port,
    poolSize,
    runProjections: env.RUN_PROJECTIONS !== 'false',
    commandAttempts,
    readModelWaitMs,
    httpRequestTimeoutMs,
  };
}
