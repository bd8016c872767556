import type { INestApplication } from '@nestjs/common';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { lostAnswerTests } from './lost-answer';

/**
 * The lost answer on the SQL stores (embedded PGlite, and the PostgreSQL server when configured);
 * the identical test runs with the events in KurrentDB in test/kurrentdb/lost-answer.e2e.spec.ts.
 */
for (const kind of testDatabaseKinds()) {
  describe(`a lost answer and its retries through HTTP, on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.listen(0, '127.0.0.1');
    });
    afterAll(() => closeTestApp(app, dropSchema));

    lostAnswerTests(() => ({ app }));
  });
}
