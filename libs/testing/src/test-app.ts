import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import type { LedgerConfig } from '@ledger/platform';
import { testDatabaseUrl, type TestDatabaseKind } from './test-databases';

/**
 * Ledger settings for one test file: an in-memory PGlite, or a schema of its own on the
 * PostgreSQL server, with a function that drops that schema afterwards.
 */
export function testLedgerConfig(kind: TestDatabaseKind): {
  config: Partial<LedgerConfig>;
  dropSchema: () => Promise<void>;
} {
  if (kind === 'embedded') {
    return {
      config: { dataDir: 'memory://', databaseUrl: undefined, kurrentDbConnectionString: undefined },
      dropSchema: async () => undefined,
    };
  }
  if (!testDatabaseUrl)
    throw new Error('TEST_DATABASE_URL is not set: the PostgreSQL-server suites need a server under CI');
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  // The data folder is unused with a server, but anything keyed to it (the admin key file) stays
  // out of the working tree, and goes with the schema.
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  return {
    config: { databaseUrl: testDatabaseUrl, schema, poolSize: 20, kurrentDbConnectionString: undefined, dataDir },
    dropSchema: async () => {
      const pool = new Pool({ connectionString: testDatabaseUrl, max: 1 });
      try {
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await pool.end();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Closes a Nest app built on `testLedgerConfig`, then drops its schema. */
export async function closeTestApp(app: INestApplication | undefined, dropSchema: () => Promise<void>): Promise<void> {
  await app?.close();
  await dropSchema();
}
