import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { Database } from '@ledger/database';

/**
 * Where the PostgreSQL-server suites run: `TEST_DATABASE_URL`. `npm test` runs every database
 * suite on the embedded PGlite, and on the server too when that variable is set;
 * `npm run test:postgres` (what CI runs second) runs them on the server only, and fails — never
 * skips — when the server cannot be reached (see scripts/require-postgres.js).
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

export type TestDatabaseKind = 'embedded' | 'postgres';

/** The kinds a database suite runs on: TEST_DATABASE_KINDS if given, else embedded (+ server if configured). */
export function testDatabaseKinds(): TestDatabaseKind[] {
  const chosen = process.env.TEST_DATABASE_KINDS;
  if (chosen) {
    return chosen.split(',').map((kind) => {
      if (kind !== 'embedded' && kind !== 'postgres') throw new Error(`TEST_DATABASE_KINDS: unknown kind ${kind}`);
      return kind;
    });
  }
  return testDatabaseUrl ? ['embedded', 'postgres'] : ['embedded'];
}

export const describeOnPostgresServer: jest.Describe = testDatabaseKinds().includes('postgres')
  ? describe
  : (describe.skip as jest.Describe);

/**
 * A fresh, empty database for one test file: an in-memory PGlite, or a schema of its own on the
 * PostgreSQL server (dropped again by `dispose`).
 */
export async function openTestDatabase(
  kind: TestDatabaseKind,
): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (kind === 'embedded') {
    const database = await Database.open({ dataDir: 'memory://' });
    return { database, dispose: () => database.close() };
  }
  if (!testDatabaseUrl) {
    throw new Error('TEST_DATABASE_URL is not set: the PostgreSQL-server suites need a server under CI');
  }
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const database = await Database.open({ databaseUrl: testDatabaseUrl, schema, poolSize: 20 });
  return {
    database,
    dispose: async () => {
      await database.close();
      const pool = new Pool({ connectionString: testDatabaseUrl, max: 1 });
      try {
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await pool.end();
      }
    },
  };
}
