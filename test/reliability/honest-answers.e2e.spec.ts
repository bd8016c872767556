import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { authenticate, get, head, madJson, post, setUpFund } from '../cofinancing/cofinancing-api';

/**
 * An answer is a promise: a command that was written is answered with its true result even when
 * the read models cannot show it in time (here: a read-model table made unusable for real, so the
 * projections fail on every page), never with a 5xx; its retry under the same key gets the same
 * bytes; and once the read models recover they show it exactly once.
 */
for (const kind of testDatabaseKinds()) {
  describe(`answers when the read models are held back, on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    let ids: { fundId: string; donorId: string };

    beforeAll(async () => {
      app = await createApp({ ...config, readModelWaitMs: 300 }, { logger: false });
      await app.init();
      await authenticate(app);
      ids = await setUpFund(app, 1_000);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('answers 201 with the recorded result and X-Read-Models: behind, and the retry gets the same bytes', async () => {
      const dataSource = app.get(DataSource);
      const contribute = (key: string) =>
        post(
          app,
          `/cofinancing/funds/${ids.fundId}/contributions`,
          { donorId: ids.donorId, amount: madJson(250), receivedOn: '2021-02-01', reference: 'HELD-BACK' },
          key,
        );
      await dataSource.query('ALTER TABLE cofinancing_funds RENAME TO cofinancing_funds_held_back');
      let first: request.Response;
      try {
        const before = BigInt(await head(app));
        first = await contribute('held-back-1');
        expect(first.status).toBe(201);
        expect(first.headers['x-read-models']).toBe('behind');
        expect(first.body).toMatchObject({ fundId: ids.fundId, contributed: madJson(1_250) });
        expect(BigInt(first.body.position)).toBeGreaterThan(before);
        for (let retry = 0; retry < 3; retry++) {
          const again = await contribute('held-back-1');
          expect(again.status).toBe(201);
          expect(again.headers['idempotent-replayed']).toBe('true');
          expect(again.text).toBe(first.text);
        }
      } finally {
        await dataSource.query('ALTER TABLE cofinancing_funds_held_back RENAME TO cofinancing_funds');
      }
      // The projections recover on their own, and the contribution counts once.
      let fund: request.Response | undefined;
      for (let i = 0; i < 100; i++) {
        fund = await get(app, `/cofinancing/funds/${ids.fundId}`);
        if (fund.status === 200 && fund.body.contributed?.amountMinor === madJson(1_250).amountMinor) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(fund?.body.contributed).toEqual(madJson(1_250));
      const next = await contribute('held-back-2');
      expect(next.status).toBe(201);
      expect(next.headers['x-read-models']).toBe('current');
    });
  });
}
