import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import {
  authenticate,
  enrolConsortium,
  get as getAs,
  head,
  madJson,
  post,
  requestGrant,
  setUpFund,
} from './cofinancing-api';

/**
 * Issue #15, co-financing: business dates in the order of what they depend on, money that exists
 * as of the approval's date, requests the window will not pay refused when made, grants waiting
 * for funds, and the list of beneficiaries. The Moroccan promotion window (75 % in year 1).
 */
for (const kind of testDatabaseKinds()) {
  describe(`co-financing domain rules through HTTP on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      await authenticate(app);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    const get = (path: string) => getAs(app, path);

    it('refuses an approval dated before its request, naming both dates; writes nothing', async () => {
      const fund = await setUpFund(app, 1_000_000);
      const beneficiaryId = await enrolConsortium(app);
      const grantId = await requestGrant(app, { ...fund, beneficiaryId }, 100_000, '2021-06-01');
      const before = await head(app);
      const refused = await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-05-31' }).expect(
        422,
      );
      expect(refused.body).toMatchObject({
        statusCode: 422,
        error: 'business-date-before-dependency',
        details: { field: 'approvedOn', date: '2021-05-31', notBefore: '2021-06-01', dependsOn: 'requestedOn' },
      });
      expect(await head(app)).toBe(before);
    });

    it('money dated 2099 does not fund a 2021 approval: refused with the figures as of the date', async () => {
      const fund = await setUpFund(app, 100_000); // 100 000 MAD on 2021-01-10
      await post(app, `/cofinancing/funds/${fund.fundId}/contributions`, {
        donorId: fund.donorId,
        amount: madJson(1_000_000),
        receivedOn: '2025-01-01',
        reference: 'CONV-LATE',
      }).expect(201);
      const beneficiaryId = await enrolConsortium(app);
      const grantId = await requestGrant(app, { ...fund, beneficiaryId }, 180_000, '2021-05-03'); // 135 000
      const before = await head(app);
      const refused = await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-05-10' }).expect(
        422,
      );
      expect(refused.body).toMatchObject({
        error: 'fund-insufficient',
        details: {
          available: madJson(100_000),
          requested: madJson(135_000),
          asOf: '2021-05-10',
          approvedOn: '2021-05-10',
        },
      });
      expect(await head(app)).toBe(before);
      // (Commands answer once the read models have them.) As of 2021-12-31 the fund shows what it had then, never a negative balance.
      const asOf = await get(`/cofinancing/funds/${fund.fundId}?asOf=2021-12-31`).expect(200);
      expect(asOf.body.available).toEqual(madJson(100_000));
      // Dated once the money is there, it passes.
      await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2025-01-01' }).expect(200);
    });

    it('a request the window will not pay is refused when made: year 4 under an "ineligible" rule', async () => {
      const fund = await setUpFund(app, 1_000_000);
      const beneficiaryId = await enrolConsortium(app);
      const refused = await post(app, '/cofinancing/grants', {
        ...fund,
        donorId: undefined,
        beneficiaryId,
        serviceProvider: 'Maroc Export',
        description: 'Stand at a trade fair',
        eligibleCost: madJson(50_000),
        requestedOn: '2024-03-15',
      }).expect(422);
      expect(refused.body).toMatchObject({
        error: 'participation-year-ineligible',
        details: { participationYear: 4, lastYear: 3, scheduleVersion: 1 },
      });
    });

    it('a request whose approval the fund cannot pay reads "waiting for funds", and can be listed so', async () => {
      const fund = await setUpFund(app, 100_000);
      const beneficiaryId = await enrolConsortium(app);
      const ids = { fundId: fund.fundId, windowId: fund.windowId, beneficiaryId };
      const big = await requestGrant(app, ids, 180_000, '2021-05-03'); // would be 135 000 > 100 000
      const small = await requestGrant(app, ids, 40_000, '2021-05-04'); // would be 30 000
      await post(app, `/cofinancing/grants/${big}/approval`, { approvedOn: '2021-05-10' }).expect(422);
      expect((await get(`/cofinancing/grants/${big}`)).body).toMatchObject({
        status: 'requested',
        fundingStatus: 'waiting-for-funds',
      });
      expect((await get(`/cofinancing/grants/${small}`)).body.fundingStatus).toBe('fundable');
      const waiting = await get(`/cofinancing/grants?fundId=${fund.fundId}&fundingStatus=waiting-for-funds`).expect(
        200,
      );
      expect(waiting.body.items.map((g: { grantId: string }) => g.grantId)).toEqual([big]);

      // A contribution makes it fundable; an approval is not "waiting" any more.
      await post(app, `/cofinancing/funds/${fund.fundId}/contributions`, {
        donorId: fund.donorId,
        amount: madJson(50_000),
        receivedOn: '2021-05-20',
        reference: 'CONV-2',
      }).expect(201);
      expect((await get(`/cofinancing/grants/${big}`)).body.fundingStatus).toBe('fundable');
      await post(app, `/cofinancing/grants/${big}/approval`, { approvedOn: '2021-05-20' }).expect(200);
      expect((await get(`/cofinancing/grants/${big}`)).body.fundingStatus).toBeNull();
      // 150 000 − 135 000 = 15 000 left: the small one (30 000) now waits.
      expect((await get(`/cofinancing/grants/${small}`)).body.fundingStatus).toBe('waiting-for-funds');
    });

    it('lists beneficiaries by name, a page at a time, with their member firms count and a name search', async () => {
      const tag = randomUUID().slice(0, 8);
      const names = ['Alpha', 'Bravo', 'Charlie'].map((n) => `Consortium ${n} ${tag}`);
      const ids = [];
      for (const name of names) ids.push(await enrolConsortium(app, name));
      const first = await get(`/cofinancing/beneficiaries?name=${tag.toUpperCase()}&limit=2`).expect(200);
      expect(first.body.total).toBe(3);
      expect(first.body.items).toEqual([
        expect.objectContaining({ beneficiaryId: ids[0], name: names[0], memberFirms: 3, womenOwnedFirms: 1 }),
        expect.objectContaining({ beneficiaryId: ids[1], name: names[1], memberFirms: 3 }),
      ]);
      expect(typeof first.body.nextCursor).toBe('string');
      const second = await get(
        `/cofinancing/beneficiaries?name=${tag}&limit=2&cursor=${first.body.nextCursor as string}`,
      ).expect(200);
      expect(second.body.items.map((b: { beneficiaryId: string }) => b.beneficiaryId)).toEqual([ids[2]]);
      expect(second.body.nextCursor).toBeUndefined();
      await get('/cofinancing/beneficiaries?limit=0').expect(400);
      await get('/cofinancing/beneficiaries?cursor=not-a-cursor').expect(400);
      // A search with LIKE's own characters finds them literally, not as wildcards.
      expect((await get(`/cofinancing/beneficiaries?name=%25${tag}`).expect(200)).body.total).toBe(0);
    });
  });
}
