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

for (const kind of testDatabaseKinds()) {
  describe(`co-financing through HTTP on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    let ids: { fundId: string; windowId: string; donorId: string; beneficiaryId: string };

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      await authenticate(app);
      const fund = await setUpFund(app, 1_000_000);
      ids = { ...fund, beneficiaryId: await enrolConsortium(app) };
    });
    afterAll(() => closeTestApp(app, dropSchema));

    const grantIds = () => ({ fundId: ids.fundId, windowId: ids.windowId, beneficiaryId: ids.beneficiaryId });
    const get = (path: string) => getAs(app, path);

    it('runs a grant from request to closure, with the hand-calculated figures', async () => {
      const { fundId, windowId, beneficiaryId } = ids;
      // Year 1 already used 135 000 MAD of its 200 000 cap by a first grant (75 % of 180 000).
      const first = await requestGrant(app, { fundId, windowId, beneficiaryId }, 180_000, '2021-05-03');
      const firstApproval = await post(app, `/cofinancing/grants/${first}/approval`, {
        approvedOn: '2021-05-10',
      }).expect(200);
      expect(firstApproval.body).toMatchObject({ subsidy: madJson(135_000), rateBp: 7500, limitedBy: 'rate' });

      const grantId = await requestGrant(app, { fundId, windowId, beneficiaryId }, 120_000, '2021-06-01');
      const approval = await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-06-10' }).expect(
        200,
      );
      expect(approval.body).toMatchObject({
        grantId,
        participationYear: 1,
        eligibleCost: madJson(120_000),
        subsidy: madJson(65_000), // 75 % would be 90 000; the cap leaves 65 000
        ownShare: madJson(55_000),
        rateBp: 7500,
        scheduleVersion: 1,
        limitedBy: 'cap',
        fundAvailableAfter: madJson(800_000),
      });
      expect(typeof approval.body.position).toBe('string');

      const pay = (reference: string, amountMinor: string, on: string) =>
        post(app, `/cofinancing/grants/${grantId}/disbursements`, {
          invoiceReference: reference,
          invoiceDate: on,
          invoiceAmount: { amountMinor, currency: 'MAD' },
          disbursedOn: on,
        }).expect(201);
      expect((await pay('F1', '3333333', '2021-07-01')).body.paid).toEqual({ amountMinor: '1805555', currency: 'MAD' });
      expect((await pay('F2', '5000000', '2021-08-01')).body.paid).toEqual({ amountMinor: '2708333', currency: 'MAD' });

      const grant = await get(`/cofinancing/grants/${grantId}`).expect(200);
      expect(grant.body).toMatchObject({
        status: 'approved',
        subsidy: madJson(65_000),
        invoiced: { amountMinor: '8333333', currency: 'MAD' },
        disbursed: { amountMinor: '4513888', currency: 'MAD' },
        commitmentLeft: { amountMinor: '1986112', currency: 'MAD' },
        computation: { limitedBy: 'cap', capLeft: madJson(65_000), rateSubsidy: madJson(90_000) },
      });
      expect(grant.body.disbursements).toHaveLength(2);

      const closure = await post(app, `/cofinancing/grants/${grantId}/closure`, { closedOn: '2021-12-31' }).expect(200);
      expect(closure.body).toMatchObject({
        committed: madJson(65_000),
        disbursed: { amountMinor: '4513888', currency: 'MAD' },
        released: { amountMinor: '1986112', currency: 'MAD' },
      });

      // committed = 135 000 + 45 138.88 (what the closed grant paid); available = contributed − committed.
      const fund = await get(`/cofinancing/funds/${fundId}`).expect(200);
      expect(fund.body).toMatchObject({
        contributed: madJson(1_000_000),
        committed: { amountMinor: '18013888', currency: 'MAD' },
        disbursed: { amountMinor: '4513888', currency: 'MAD' },
        available: { amountMinor: '81986112', currency: 'MAD' },
      });
      const [contributed, available, committed, disbursed] = ['contributed', 'available', 'committed', 'disbursed'].map(
        (k) => BigInt(fund.body[k].amountMinor),
      );
      expect(available + (committed - disbursed) + disbursed).toBe(contributed);

      const beneficiary = await get(`/cofinancing/beneficiaries/${beneficiaryId}`).expect(200);
      expect(beneficiary.body).toMatchObject({ memberFirms: 3, womenOwnedFirms: 1, womenOwnershipRecorded: 2 });
      expect(beneficiary.body.years).toEqual([
        expect.objectContaining({
          participationYear: 1,
          grantsApproved: 2,
          eligibleCost: madJson(300_000),
          subsidy: madJson(200_000),
          ownShare: madJson(100_000),
          effectiveRateBp: 6666,
          effectiveRate: '20000000/30000000',
        }),
      ]);

      // Disbursing after closure, or approving twice, is refused and writes nothing.
      const before = await head(app);
      const late = await post(app, `/cofinancing/grants/${grantId}/disbursements`, {
        invoiceReference: 'F3',
        invoiceDate: '2022-01-05',
        invoiceAmount: madJson(1_000),
        disbursedOn: '2022-01-05',
      }).expect(409);
      expect(late.body).toMatchObject({
        error: 'illegal-grant-transition',
        details: { from: 'closed', command: 'disburse' },
      });
      await post(app, `/cofinancing/grants/${first}/approval`, { approvedOn: '2021-05-11' }).expect(409);
      expect(await head(app)).toBe(before);

      const list = await get(`/cofinancing/grants?fundId=${fundId}&status=closed`).expect(200);
      expect(list.body).toMatchObject({ total: 1, items: [{ grantId, status: 'closed' }] });
      const page = await get(`/cofinancing/grants?beneficiaryId=${beneficiaryId}&limit=1&offset=1`).expect(200);
      expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ grantId }] });
      // The cursor walks the same pages: the first page says where the next starts, the last says nothing.
      const first1 = await get(`/cofinancing/grants?beneficiaryId=${beneficiaryId}&limit=1`).expect(200);
      expect(first1.body).toEqual({ total: 2, items: [expect.anything()], nextCursor: expect.any(String) });
      const second = await get(
        `/cofinancing/grants?beneficiaryId=${beneficiaryId}&limit=1&cursor=${first1.body.nextCursor}`,
      ).expect(200);
      expect(second.body).toEqual({ total: 2, items: [expect.objectContaining({ grantId })] });
      await get(`/cofinancing/grants?limit=201`).expect(400);
      const bad = await get(`/cofinancing/grants?cursor=bm90LWEtY3Vyc29y`).expect(400);
      expect(bad.body.error).toBe('invalid-cursor');
    });

    it('a rejected grant cannot be disbursed; a request in year 4 is refused, when requested, by the after-last-year rule', async () => {
      const grantId = await requestGrant(app, ids, 50_000, '2023-01-10');
      await post(app, `/cofinancing/grants/${grantId}/rejection`, {
        rejectedOn: '2023-01-12',
        reason: 'out of scope',
      }).expect(200);
      await post(app, `/cofinancing/grants/${grantId}/disbursements`, {
        invoiceReference: 'X',
        invoiceDate: '2023-02-01',
        invoiceAmount: madJson(1_000),
        disbursedOn: '2023-02-01',
      }).expect(409);
      // Refused at request time (issue #15), not accepted and then refused at approval; nothing written.
      const before = await head(app);
      const refused = await post(app, '/cofinancing/grants', {
        fundId: ids.fundId,
        windowId: ids.windowId,
        beneficiaryId: ids.beneficiaryId,
        serviceProvider: 'Maroc Export',
        description: 'Stand at a trade fair',
        eligibleCost: madJson(50_000),
        requestedOn: '2024-03-15',
      }).expect(422);
      expect(refused.body).toMatchObject({
        error: 'participation-year-ineligible',
        details: { field: 'requestedOn', participationYear: 4, lastYear: 3, scheduleVersion: 1 },
      });
      expect(await head(app)).toBe(before);
    });

    it('applies a command repeated with the same Idempotency-Key once', async () => {
      const body = { donorId: ids.donorId, amount: madJson(5_000), receivedOn: '2021-02-01', reference: 'TR-77' };
      const path = `/cofinancing/funds/${ids.fundId}/contributions`;
      const before = (await get(`/cofinancing/funds/${ids.fundId}`)).body.contributed.amountMinor as string;
      const first = await post(app, path, body, 'contribution-tr-77').expect(201);
      const again = await post(app, path, body, 'contribution-tr-77').expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const after = (await get(`/cofinancing/funds/${ids.fundId}`)).body.contributed.amountMinor as string;
      expect(BigInt(after) - BigInt(before)).toBe(500_000n);
      // Same key, another request: refused, nothing applied.
      await post(app, path, { ...body, reference: 'TR-78' }, 'contribution-tr-77').expect(409);
      expect((await get(`/cofinancing/funds/${ids.fundId}`)).body.contributed.amountMinor).toBe(after);

      // A repeated approval under one key is one approval.
      const grantId = await requestGrant(app, ids, 10_000, '2022-04-01');
      const a = await post(
        app,
        `/cofinancing/grants/${grantId}/approval`,
        { approvedOn: '2022-04-02' },
        'approve-1',
      ).expect(200);
      const b = await post(
        app,
        `/cofinancing/grants/${grantId}/approval`,
        { approvedOn: '2022-04-02' },
        'approve-1',
      ).expect(200);
      expect(b.body).toEqual(a.body);
      const grants = await get(`/cofinancing/grants?fundId=${ids.fundId}&status=approved`).expect(200);
      expect(grants.body.items.filter((g: { grantId: string }) => g.grantId === grantId)).toHaveLength(1);
    });

    describe('bad input is answered 4xx, names the field, and writes nothing', () => {
      const contribution = (amount: unknown) => ({
        donorId: 'x',
        amount,
        receivedOn: '2021-02-01',
        reference: 'R',
      });
      const cases: [string, () => [string, object], number, string][] = [
        [
          'a negative amount',
          () => [
            `/cofinancing/funds/${ids.fundId}/contributions`,
            contribution({ amountMinor: '-100', currency: 'MAD' }),
          ],
          400,
          'amount.amountMinor',
        ],
        [
          'a float amount (JSON number)',
          () => [
            `/cofinancing/funds/${ids.fundId}/contributions`,
            contribution({ amountMinor: 12.5, currency: 'MAD' }),
          ],
          400,
          'amount.amountMinor',
        ],
        [
          'a decimal string',
          () => [
            `/cofinancing/funds/${ids.fundId}/contributions`,
            contribution({ amountMinor: '12.50', currency: 'MAD' }),
          ],
          400,
          'amount.amountMinor',
        ],
        [
          'an unknown currency',
          () => [
            `/cofinancing/funds/${ids.fundId}/contributions`,
            contribution({ amountMinor: '100', currency: 'ABC' }),
          ],
          400,
          'amount.currency',
        ],
        [
          'a missing amount',
          () => [
            `/cofinancing/funds/${ids.fundId}/contributions`,
            { donorId: 'x', receivedOn: '2021-02-01', reference: 'R' },
          ],
          400,
          'amount',
        ],
        [
          'a missing eligible cost',
          () => [
            '/cofinancing/grants',
            { ...grantIds(), serviceProvider: 'p', description: 'd', requestedOn: '2021-06-01' },
          ],
          400,
          'eligibleCost',
        ],
        [
          'an impossible date',
          () => [
            '/cofinancing/grants',
            {
              ...grantIds(),
              serviceProvider: 'p',
              description: 'd',
              eligibleCost: madJson(1),
              requestedOn: '2021-02-30',
            },
          ],
          400,
          'requestedOn',
        ],
        [
          'a rate above 100 %',
          () => [
            `/cofinancing/funds/${ids.fundId}/windows`,
            {
              name: 'w',
              supportKind: 'diagnostic',
              openedOn: '2021-01-01',
              schedule: {
                effectiveFrom: '2021-01-01',
                years: [{ rateBp: 12000, cap: madJson(1) }],
                afterLastYear: { rule: 'ineligible' },
              },
            },
          ],
          400,
          'schedule.years.0.rateBp',
        ],
        [
          'an unknown field',
          () => ['/cofinancing/funds', { name: 'n', currency: 'MAD', createdOn: '2021-01-01', balance: '1' }],
          400,
          'balance',
        ],
        [
          'the wrong currency for the fund',
          () => [
            '/cofinancing/grants',
            {
              ...grantIds(),
              serviceProvider: 'p',
              description: 'd',
              eligibleCost: { amountMinor: '100', currency: 'EUR' },
              requestedOn: '2021-06-01',
            },
          ],
          422,
          'eligibleCost.currency',
        ],
        [
          'a cap in the wrong currency',
          () => [
            `/cofinancing/funds/${ids.fundId}/windows`,
            {
              name: 'w',
              supportKind: 'diagnostic',
              openedOn: '2021-01-01',
              schedule: {
                effectiveFrom: '2021-01-01',
                years: [{ rateBp: 5000, cap: { amountMinor: '100', currency: 'TND' } }],
                afterLastYear: { rule: 'ineligible' },
              },
            },
          ],
          422,
          'schedule.years[0].cap.currency',
        ],
        [
          'an unknown donor',
          () => [`/cofinancing/funds/${ids.fundId}/contributions`, contribution(madJson(1))],
          404,
          'donorId',
        ],
        [
          'an unknown window',
          () => [
            '/cofinancing/grants',
            {
              ...grantIds(),
              windowId: 'no-such-window',
              serviceProvider: 'p',
              description: 'd',
              eligibleCost: madJson(1),
              requestedOn: '2021-06-01',
            },
          ],
          404,
          'windowId',
        ],
        [
          'an unknown beneficiary',
          () => [
            '/cofinancing/grants',
            {
              ...grantIds(),
              beneficiaryId: 'nobody',
              serviceProvider: 'p',
              description: 'd',
              eligibleCost: madJson(1),
              requestedOn: '2021-06-01',
            },
          ],
          404,
          'beneficiaryId',
        ],
      ];

      it.each(cases)('%s', async (_, build, status, field) => {
        const [path, body] = build();
        const before = await head(app);
        const response = await post(app, path, body).expect(status);
        const named = [
          ...((response.body.fields as { field: string }[] | undefined) ?? []).map((f) => f.field),
          response.body.details?.field,
        ];
        expect(named).toContain(field);
        expect(await head(app)).toBe(before);
      });

      it('unknown ids in the path are 404 and write nothing', async () => {
        const before = await head(app);
        await post(app, '/cofinancing/grants/no-such-grant/approval', { approvedOn: '2021-06-10' }).expect(404);
        await post(app, '/cofinancing/grants/no-such-grant/closure', { closedOn: '2021-06-10' }).expect(404);
        await post(app, '/cofinancing/funds/no-such-fund/donors', { name: 'n', registeredOn: '2021-01-01' }).expect(
          404,
        );
        await get('/cofinancing/funds/no-such-fund').expect(404);
        await get('/cofinancing/grants/no-such-grant').expect(404);
        await get('/cofinancing/beneficiaries/nobody').expect(404);
        expect(await head(app)).toBe(before);
      });
    });

    it('documents every co-financing route in OpenAPI', async () => {
      const spec = await get('/docs/json').expect(200);
      for (const path of [
        '/cofinancing/funds',
        '/cofinancing/funds/{fundId}',
        '/cofinancing/funds/{fundId}/contributions',
        '/cofinancing/funds/{fundId}/windows',
        '/cofinancing/funds/{fundId}/windows/{windowId}/schedule-amendments',
        '/cofinancing/beneficiaries',
        '/cofinancing/grants',
        '/cofinancing/grants/{grantId}/approval',
        '/cofinancing/grants/{grantId}/disbursements',
        '/cofinancing/grants/{grantId}/closure',
      ]) {
        expect(spec.body.paths[path]).toBeDefined();
      }
      expect(spec.body.components.schemas.MoneyDto).toBeDefined();
    });
  });
}
