import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { LedgerRuntime } from '@ledger/platform';
import {
  closeTestApp,
  newKey,
  testDatabaseKinds,
  testLedgerConfig,
  testPrincipals,
  type TestPrincipals,
} from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';

/** RATE_LIMIT_PER_MINUTE counts per API key (per IP before authentication); over it, 429 and no effect. */
for (const kind of testDatabaseKinds()) {
  describe(`rate limiting, on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    let p: TestPrincipals;
    const saved = process.env.RATE_LIMIT_PER_MINUTE;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      process.env.RATE_LIMIT_PER_MINUTE = '5';
      try {
        app = await createApp(config, { logger: false });
        await app.init();
      } finally {
        if (saved === undefined) delete process.env.RATE_LIMIT_PER_MINUTE;
        else process.env.RATE_LIMIT_PER_MINUTE = saved;
      }
      p = await testPrincipals(app);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('answers 429 past the limit of one key, which applies nothing; other keys are unaffected', async () => {
      const store = app.get(LedgerRuntime).store;
      const fund = { name: 'Fonds', currency: 'MAD', createdOn: '2021-01-01' };
      for (let i = 0; i < 4; i++) await http().get('/access/me').set(p.fundManager).expect(200);
      await http().post('/cofinancing/funds').set(newKey()).set(p.fundManager).send(fund).expect(201);
      const before = await store.headPosition();

      const refused = await http().post('/cofinancing/funds').set(newKey()).set(p.fundManager).send(fund).expect(429);
      expect(refused.headers['retry-after']).toBeDefined();
      await http().get('/access/me').set(p.fundManager).expect(429);
      expect(await store.headPosition()).toBe(before);

      await http().get('/access/me').set(p.auditor).expect(200);
    });

    it('counts unauthenticated attempts per IP, so guessing keys is limited too', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push((await http().get('/access/me').set('Authorization', `Bearer lk_00000000000${i}_x`)).status);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
    });
  });
}
