import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../apps/api/src/bootstrap';

for (const kind of testDatabaseKinds()) {
  describe(`the service on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('answers /health with the database and the log head', async () => {
      const response = await request(app.getHttpServer()).get('/health').expect(200);
      expect(response.body).toMatchObject({ status: 'ok', database: kind, eventStore: 'sql', headPosition: '0' });
    });

    it('serves the OpenAPI document at /docs', async () => {
      await request(app.getHttpServer()).get('/docs').expect(200);
      const spec = await request(app.getHttpServer()).get('/docs/json').expect(200);
      expect(spec.body.info.title).toBe('Co-financing fund ledger');
      expect(spec.body.paths['/health']).toBeDefined();
    });
  });
}
