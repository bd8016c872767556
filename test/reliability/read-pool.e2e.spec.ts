import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import {
  closeTestApp,
  describeOnPostgresServer,
  testDatabaseKinds,
  testLedgerConfig,
  testPrincipals,
} from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';

/**
 * DATABASE_READ_URL: queries read the read pool; one that asks for a position the pool has not
 * reached is answered from the primary. The "replica" here is a frozen copy of the ledger's schema
 * on the same server (its URL names it with `options=-c search_path=…`), so it lags for good.
 */
describeOnPostgresServer('a read pool that lags (DATABASE_READ_URL)', () => {
  // Only made when the suite runs (a skipped describe's body still runs, to collect its tests).
  const { config, dropSchema } = testDatabaseKinds().includes('postgres')
    ? testLedgerConfig('postgres')
    : { config: {} as ReturnType<typeof testLedgerConfig>['config'], dropSchema: async () => undefined };
  const frozen = `${config.schema}_frozen`;
  const pool = new Pool({ connectionString: config.databaseUrl, max: 1 });
  let app: INestApplication | undefined;
  afterAll(async () => {
    await closeTestApp(app, dropSchema);
    await pool.query(`DROP SCHEMA IF EXISTS ${frozen} CASCADE`);
    await pool.end();
  });

  it('reads the pool, and the primary for a position the pool has not reached', async () => {
    app = await createApp(config, { logger: false });
    await app.init();
    // The key lives in the database: it still opens the second app on the same schema.
    const { fundManager } = await testPrincipals(app);
    const http = () => request(app!.getHttpServer());
    const post = (path: string, key: string, body: object) =>
      http().post(path).set(fundManager).set('Idempotency-Key', key).send(body).expect(201);
    const fundId = (
      await post('/cofinancing/funds', 'fund', { name: 'Fonds', currency: 'MAD', createdOn: '2021-01-01' })
    ).body.fundId as string;
    const donorId = (
      await post(`/cofinancing/funds/${fundId}/donors`, 'donor', { name: 'Bailleur', registeredOn: '2021-01-01' })
    ).body.donorId as string;
    const contribute = (amountMinor: string, key: string) =>
      post(`/cofinancing/funds/${fundId}/contributions`, key, {
        donorId,
        amount: { amountMinor, currency: 'MAD' },
        receivedOn: '2021-02-01',
        reference: key,
      });
    await contribute('100', 'c-1');
    await app.close();
    app = undefined;

    // The replica: every table of the schema copied as it is now, and never again.
    await pool.query(`CREATE SCHEMA ${frozen}`);
    const tables = await pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1`, [config.schema]);
    for (const { tablename } of tables.rows as { tablename: string }[])
      await pool.query(`CREATE TABLE ${frozen}.${tablename} AS TABLE ${config.schema}.${tablename}`);

    const url = config.databaseUrl!;
    const readUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${frozen}`)}`;
    app = await createApp({ ...config, databaseReadUrl: readUrl }, { logger: false });
    await app.init();
    const written = await contribute('50', 'c-2');
    const position = written.headers['x-log-position'] as string;

    // Without a position: the read pool, which does not show the second contribution.
    const fromPool = await http().get(`/cofinancing/funds/${fundId}`).set(fundManager).expect(200);
    expect(fromPool.body.contributed).toEqual({ amountMinor: '100', currency: 'MAD' });
    // With the write's position: the pool has not reached it, so the primary answers.
    const fromPrimary = await http()
      .get(`/cofinancing/funds/${fundId}`)
      .set(fundManager)
      .set('X-Min-Position', position)
      .expect(200);
    expect(fromPrimary.body.contributed).toEqual({ amountMinor: '150', currency: 'MAD' });
    // A position the pool has: the pool answers.
    const old = await http()
      .get(`/cofinancing/funds/${fundId}`)
      .set(fundManager)
      .set('X-Min-Position', '1')
      .expect(200);
    expect(old.body.contributed).toEqual({ amountMinor: '100', currency: 'MAD' });
    // Nonsense is refused, naming the header.
    const bad = await http()
      .get(`/cofinancing/funds/${fundId}`)
      .set(fundManager)
      .set('X-Min-Position', 'soon')
      .expect(400);
    expect(bad.body.fields).toEqual([{ field: 'X-Min-Position', reasons: [expect.stringContaining('log position')] }]);
  });
});
