import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { closeTestApp, testDatabaseKinds, testLedgerConfig, testPrincipals } from '@ledger/testing';
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

/** The read endpoints the web console needs: fund list, balance history, subsidy preview. */
for (const kind of testDatabaseKinds()) {
  describe(`co-financing console queries through HTTP on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    let ids: { fundId: string; windowId: string; donorId: string; beneficiaryId: string };
    const get = (path: string) => getAs(app, path);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      await authenticate(app);
      const fund = await setUpFund(app, 1_000_000);
      ids = { ...fund, beneficiaryId: await enrolConsortium(app) };
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('lists the funds with their live balances', async () => {
      const list = await get('/cofinancing/funds').expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ fundId: ids.fundId, currency: 'MAD', contributed: madJson(1_000_000) }),
      ]);
    });

    it('previews the subsidy a request would get, with the cap left, and writes nothing', async () => {
      const grantIds = { fundId: ids.fundId, windowId: ids.windowId, beneficiaryId: ids.beneficiaryId };
      // Year 1: 75 % of 180 000 = 135 000, within the 200 000 cap.
      const first = await requestGrant(app, grantIds, 180_000, '2021-05-03');
      const before = await head(app);
      const preview = await get(`/cofinancing/grants/${first}/subsidy-preview`).expect(200);
      expect(preview.body).toEqual({
        grantId: first,
        status: 'requested',
        participationYear: 1,
        eligibleCost: madJson(180_000),
        scheduleVersion: 1,
        rateBp: 7500,
        rateSubsidy: madJson(135_000),
        cap: madJson(200_000),
        capUsed: madJson(0),
        capLeft: madJson(200_000),
        subsidy: madJson(135_000),
        ownShare: madJson(45_000),
        limitedBy: 'rate',
        fundAvailable: madJson(1_000_000),
        approvable: true,
        refusal: null,
      });
      expect(await head(app)).toBe(before);
      const approved = await post(app, `/cofinancing/grants/${first}/approval`, { approvedOn: '2021-05-10' }).expect(
        200,
      );
      expect(approved.body.subsidy).toEqual(preview.body.subsidy);

      // A second year-1 request: 75 % of 100 000 = 75 000, but only 65 000 of the cap is left.
      const second = await requestGrant(app, grantIds, 100_000, '2021-06-01');
      const capped = await get(`/cofinancing/grants/${second}/subsidy-preview`).expect(200);
      expect(capped.body).toMatchObject({
        rateSubsidy: madJson(75_000),
        capUsed: madJson(135_000),
        capLeft: madJson(65_000),
        subsidy: madJson(65_000),
        ownShare: madJson(35_000),
        limitedBy: 'cap',
        fundAvailable: madJson(865_000),
        approvable: true,
      });
      await post(app, `/cofinancing/grants/${second}/approval`, { approvedOn: '2021-06-02' }).expect(200);

      // The cap is used up: the preview names the refusal the approval would meet.
      const third = await requestGrant(app, grantIds, 10_000, '2021-07-01');
      const refused = await get(`/cofinancing/grants/${third}/subsidy-preview`).expect(200);
      expect(refused.body).toMatchObject({
        rateBp: 7500,
        cap: madJson(200_000),
        capUsed: madJson(200_000),
        capLeft: madJson(0),
        subsidy: null,
        approvable: false,
        refusal: { error: 'cap-exceeded' },
      });
      await post(app, `/cofinancing/grants/${third}/approval`, { approvedOn: '2021-07-02' }).expect(422);

      // Once decided, there is nothing to preview.
      const decided = await get(`/cofinancing/grants/${first}/subsidy-preview`).expect(200);
      expect(decided.body).toMatchObject({ status: 'approved', approvable: false, subsidy: null });
      await get('/cofinancing/grants/no-such-grant/subsidy-preview').expect(404);
    });

    it('gives the balances at each month end, as the as-of balances of those days', async () => {
      const history = await get(
        `/cofinancing/funds/${ids.fundId}/balance-history?from=2021-01-01&to=2021-06-15`,
      ).expect(200);
      expect(history.body.points.map((p: { asOf: string }) => p.asOf)).toEqual([
        '2021-01-31',
        '2021-02-28',
        '2021-03-31',
        '2021-04-30',
        '2021-05-31',
        '2021-06-15',
      ]);
      expect(history.body.points[0]).toEqual({
        asOf: '2021-01-31',
        contributed: madJson(1_000_000),
        committed: madJson(0),
        disbursed: madJson(0),
        available: madJson(1_000_000),
      });
      expect(history.body.points[4]).toMatchObject({ committed: madJson(135_000), available: madJson(865_000) });
      const asOf = await get(`/cofinancing/funds/${ids.fundId}?asOf=2021-06-15`).expect(200);
      expect(history.body.points[5]).toMatchObject({ committed: asOf.body.committed, available: asOf.body.available });

      await get(`/cofinancing/funds/${ids.fundId}/balance-history?from=2021-02-30`).expect(400);
      await get('/cofinancing/funds/nope/balance-history').expect(404);
    });

    it('keeps these reads to the roles that read the fund', async () => {
      const { guaranteeOfficer, auditor } = await testPrincipals(app);
      const http = () => request(app.getHttpServer());
      await http().get('/cofinancing/funds').set(guaranteeOfficer).expect(403);
      await http().get('/cofinancing/funds').set(auditor).expect(200);
      await http().get('/cofinancing/funds').expect(401);
    });
  });
}

describe('monthEndsBetween', () => {
  // Imported here rather than at the top to keep this suite's subject visible.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { monthEndsBetween } = require('../../libs/cofinancing/src/application/queries/get-fund-balance-history.query');
  it('lists the month ends after from and before to, then to, keeping the latest', () => {
    expect(monthEndsBetween('2023-12-31', '2024-03-01')).toEqual([
      '2023-12-31',
      '2024-01-31',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(monthEndsBetween('2024-03-05', '2024-03-05')).toEqual(['2024-03-05']);
    expect(monthEndsBetween('2020-01-01', '2030-01-01', 3)).toEqual(['2029-11-30', '2029-12-31', '2030-01-01']);
  });
});
