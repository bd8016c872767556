import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { Database } from '@ledger/database';

/**
 * Where the PostgreSQL-server suites run: `TEST_DATABASE_URL` (the CI sets it to the local
 * server). Without it they are skipped — except under CI, where a missing or unreachable server
 * is a failure, not a skip.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

export const describeOnPostgresServer: jest.Describe =
  testDatabaseUrl || process.env.CI ? describe : (describe.skip as jest.Describe);

export type TestDatabaseKind = 'embedded' | 'postgres';

/** The kinds a database suite runs on here: always embedded; the server when configured. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return testDatabaseUrl || process.env.CI ? ['embedded', 'postgres'] : ['embedded'];
}

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
