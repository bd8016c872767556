import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase, testDatabaseKinds } from '@ledger/testing';
import { Database } from './database';

for (const kind of testDatabaseKinds()) {
  describe(`the database on ${kind}`, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ database, dispose } = await openTestDatabase(kind));
    });
    afterAll(() => dispose());

    it('answers the next query after a failed one (pg-pool drops the failed connection)', async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        await expect(database.pool.query('SELECT 1 / $1::int', [0])).rejects.toThrow(/division by zero/);
        expect((await database.pool.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
      }
    });

    it('rolls a failed transaction back whole', async () => {
      await database.pool.query('CREATE TABLE rollback_probe (n integer)');
      await expect(
        database.transaction(async (client) => {
          await client.query('INSERT INTO rollback_probe VALUES (1)');
          await client.query('SELECT 1 / 0');
        }),
      ).rejects.toThrow(/division by zero/);
      expect((await database.pool.query('SELECT count(*)::int AS n FROM rollback_probe')).rows).toEqual([{ n: 0 }]);
    });
  });
}

describe('the embedded database in a data folder', () => {
  it('keeps its data across restarts and refuses a second process on the same folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-db-'));
    try {
      const first = await Database.open({ dataDir });
      await first.pool.query('CREATE TABLE kept (n integer)');
      await first.pool.query('INSERT INTO kept VALUES (42)');
      await first.close();

      const reopened = await Database.open({ dataDir });
      expect((await reopened.pool.query('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
      // Another live process holding the folder is refused (simulated with our parent's pid).
      await reopened.close();
      writeFileSync(join(dataDir, 'ledger.lock'), String(process.ppid));
      await expect(Database.open({ dataDir })).rejects.toThrow(/in use by process/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
