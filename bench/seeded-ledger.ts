import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { seedDemo } from '../apps/cli/src/seed/seed-demo';

/** The admin key the benchmarks' seeded ledgers are bootstrapped with (LEDGER_ADMIN_API_KEY). */
export const BENCH_ADMIN_KEY = 'ledger-bench-admin-key-5f0c2d9e8b7a41c3a6e2f1d0c9b8a7e6';

export interface SeededLedger {
  readonly databaseUrl: string;
  readonly schema: string;
  /** DATA_DIR of that ledger: its checkpoint signing key lives there. */
  readonly dataDir: string;
  readonly head: bigint;
  /** Environment that opens this ledger (API, CLI, runtime). */
  readonly env: Record<string, string>;
  readonly reused: boolean;
}

/**
 * A PostgreSQL schema holding the demo programme (`seed-demo`) of at least `events` events,
 * generated once and reused by later runs (10^6 events take a while): `seed_demo_<events>_s<seed>`.
 * Benchmarks that write (bench:api) add to it; the head only grows, so reuse stays valid — except
 * for those that ask for `exactSize`.
 */
export async function seededLedger(
  databaseUrl: string,
  events: number,
  seed = 42,
  options: { readonly exactSize?: boolean } = {},
): Promise<SeededLedger> {
  const schema = `seed_demo_${events}_s${seed}`;
  const dataDir = join(process.cwd(), 'bench', '.data', schema);
  mkdirSync(dataDir, { recursive: true });
  const env = {
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    DATA_DIR: dataDir,
    LEDGER_ADMIN_API_KEY: BENCH_ADMIN_KEY,
  };
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const found = await pool
      .query<{ head: string | null; lag: string | null }>(
        `SELECT (SELECT max(global_position) FROM ${schema}.ledger_events) AS head,
              (SELECT max((SELECT max(global_position) FROM ${schema}.ledger_events) - position) FROM ${schema}.projection_checkpoints) AS lag`,
      )
      .catch(() => null);
    const head = BigInt(found?.rows[0]?.head ?? 0);
    // Benchmarks that measure reading the log (rebuild, verify) want the size they name: a schema
    // that bench:api has grown by more than a fifth is seeded again.
    const tooBig = options.exactSize === true && head > (BigInt(events) * 6n) / 5n;
    if (head >= BigInt(events) && !tooBig && found?.rows[0]?.lag === '0') {
      console.log(`reusing ${schema}: ${head} events`);
      return { databaseUrl, schema, dataDir, head, env, reused: true };
    }
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await pool.end();
  }
  console.log(`seeding ${schema} with ${events} events (seed-demo, seed ${seed}); reused by later runs`);
  Object.assign(process.env, env);
  const result = await seedDemo({
    events,
    seed,
    skipChecks: true,
    config: { databaseUrl, schema, dataDir },
    log: (line) => console.log(`  ${line}`),
  });
  console.log(`  generator: ${result.eventsPerSecond} events/s, ${result.commandsPerSecond} commands/s`);
  return { databaseUrl, schema, dataDir, head: BigInt(result.head), env, reused: false };
}
