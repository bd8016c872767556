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

    it('answers liveness and readiness apart, and shows who applies the projections', async () => {
      await request(app.getHttpServer())
        .get('/health/live')
        .expect(200, { status: 'ok', info: {}, error: {}, details: {} });
      const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up' }, readModels: { status: 'up' } },
      });
      const overview = await request(app.getHttpServer()).get('/health').expect(200);
      expect(overview.body).toMatchObject({ role: 'all', problems: [], lease: { live: true, heldHere: true } });
      for (const projection of overview.body.projections)
        expect(projection).toMatchObject({ state: 'current', lag: '0', lastError: null });
    });

    it('serves the OpenAPI document at /docs', async () => {
      await request(app.getHttpServer()).get('/docs').expect(200);
      const spec = await request(app.getHttpServer()).get('/docs/json').expect(200);
      expect(spec.body.info.title).toBe('Co-financing fund ledger');
      expect(spec.body.paths['/health']).toBeDefined();
      expect(spec.body.paths['/health/ready'].get.responses['503']).toBeDefined();
      expect(spec.body.paths['/cofinancing/funds'].get.parameters).toContainEqual(
        expect.objectContaining({ name: 'X-Min-Position', in: 'header' }),
      );
    });
  });
}
