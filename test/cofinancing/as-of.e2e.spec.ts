import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { authenticate, enrolConsortium, get, madJson, setUpFund } from './cofinancing-api';

/** `?asOf=&knownAt=` on the GET balance endpoints: validated, documented, and stamped in the answer. */
for (const kind of testDatabaseKinds()) {
  describe(`balances as of a date through HTTP on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    let ids: { fundId: string; windowId: string; donorId: string; beneficiaryId: string };

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      await authenticate(app);
      ids = { ...(await setUpFund(app, 1_000_000)), beneficiaryId: await enrolConsortium(app) };
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('answers the fund, its windows, its donors and a beneficiary as of a date', async () => {
      const { fundId, donorId, beneficiaryId } = ids;
      const before = await get(app, `/cofinancing/funds/${fundId}?asOf=2021-01-09`).expect(200);
      expect(before.body).toMatchObject({ asOf: '2021-01-09', knownAt: null, contributed: madJson(0) });
      const after = await get(app, `/cofinancing/funds/${fundId}?asOf=2021-01-10`).expect(200);
      expect(after.body).toMatchObject({ contributed: madJson(1_000_000), available: madJson(1_000_000) });
      const past = new Date(Date.now() - 3_600_000).toISOString();
      // As known an hour ago, the fund had not been recorded yet: not found.
      const known = await get(app, `/cofinancing/funds/${fundId}?asOf=2021-12-31&knownAt=${past}`).expect(404);
      expect(known.body.error).toBe('fund-not-found');
      const now = new Date(Date.now() + 60_000).toISOString();
      const later = await get(app, `/cofinancing/funds/${fundId}?asOf=2021-12-31&knownAt=${now}`).expect(200);
      expect(later.body).toMatchObject({ knownAt: now, contributed: madJson(1_000_000) });
      const donors = await get(app, `/cofinancing/funds/${fundId}/donors?asOf=2021-12-31`).expect(200);
      expect(donors.body.items).toEqual([expect.objectContaining({ donorId, contributed: madJson(1_000_000) })]);
      const windows = await get(app, `/cofinancing/funds/${fundId}/windows?asOf=2021-12-31`).expect(200);
      expect(windows.body.items[0]).toMatchObject({ scheduleInForce: { version: 1 }, committed: madJson(0) });
      await get(app, `/cofinancing/beneficiaries/${beneficiaryId}?asOf=2021-12-31`).expect(200);
      // Without the parameters, the live read model answers as before.
      const live = await get(app, `/cofinancing/funds/${fundId}`).expect(200);
      expect(live.body.asOf).toBeUndefined();
    });

    it('refuses a bad asOf or knownAt with a 400 naming the field', async () => {
      const { fundId } = ids;
      const badDate = await get(app, `/cofinancing/funds/${fundId}?asOf=2021-02-30`).expect(400);
      expect(badDate.body.fields.map((f: { field: string }) => f.field)).toEqual(['asOf']);
      const badInstant = await get(app, `/cofinancing/funds/${fundId}?knownAt=yesterday`).expect(400);
      expect(badInstant.body.fields.map((f: { field: string }) => f.field)).toEqual(['knownAt']);
      await get(app, `/cofinancing/funds/${fundId}?asof=2021-01-01`).expect(400);
    });

    it('documents the parameters in OpenAPI', async () => {
      const docs = await request(app.getHttpServer()).get('/docs/json').expect(200);
      const parameters = docs.body.paths['/cofinancing/funds/{fundId}'].get.parameters.map(
        (p: { name: string }) => p.name,
      );
      expect(parameters).toEqual(expect.arrayContaining(['asOf', 'knownAt']));
      const company = docs.body.paths['/guarantee-companies/{companyId}'].get.parameters.map(
        (p: { name: string }) => p.name,
      );
      expect(company).toEqual(expect.arrayContaining(['asOf', 'knownAt']));
    });
  });
}
