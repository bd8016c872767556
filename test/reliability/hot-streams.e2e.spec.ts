import type { INestApplication } from '@nestjs/common';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { hotStreamRaces } from './hot-streams';

/**
 * Many commands on one stream at once, through HTTP, on the SQL stores (the same races run with the
 * events in KurrentDB in test/kurrentdb/hot-streams.e2e.spec.ts): see `hotStreamRaces`.
 */
for (const kind of testDatabaseKinds()) {
  describe(`hot streams through HTTP, on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
    });
    afterAll(() => closeTestApp(app, dropSchema));

    hotStreamRaces(() => app);
  });
}
