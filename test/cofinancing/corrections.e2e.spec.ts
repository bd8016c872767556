import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { closeTestApp, testDatabaseKinds, testLedgerConfig, testPrincipals } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { authenticate, enrolConsortium, get, head, madJson, post, requestGrant, setUpFund } from './cofinancing-api';

/**
 * Corrections of disbursements: a mistaken entry is never edited; a new event reverses it, names
 * it (event id and position; causation id) and says why; balances follow; as of a date the ledger
 * shows what was true, and as known before the correction what was known then.
 */
for (const kind of testDatabaseKinds()) {
  describe(`disbursement corrections through HTTP on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    let ids: { fundId: string; windowId: string; donorId: string; beneficiaryId: string };
    let grantId: string;

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      await authenticate(app);
      ids = { ...(await setUpFund(app, 1_000_000)), beneficiaryId: await enrolConsortium(app) };
      // 75 % of 180 000 MAD: a commitment of 135 000 MAD.
      grantId = await requestGrant(app, ids, 180_000, '2021-05-03');
      await post(app, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-05-10' }).expect(200);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    const disburse = (invoiceReference: string, major: number, disbursedOn: string) =>
      post(app, `/cofinancing/grants/${grantId}/disbursements`, {
        invoiceReference,
        invoiceDate: '2021-06-01',
        invoiceAmount: madJson(major),
        disbursedOn,
      }).expect(201);
    const fund = async (query = '') => (await get(app, `/cofinancing/funds/${ids.fundId}${query}`).expect(200)).body;
    const auditor = async () => (await testPrincipals(app)).auditor;
    const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

    it('reverses a disbursement recorded twice: balances, link, and both time axes', async () => {
      const first = await disburse('INV-2021-017', 40_000, '2021-06-15');
      expect(first.body.paid).toEqual(madJson(30_000));
      const twice = await disburse('INV2021017', 40_000, '2021-06-15');
      expect(twice.body.paid).toEqual(madJson(30_000));
      expect((await fund()).disbursed).toEqual(madJson(60_000));
      await pause();
      const beforeCorrection = new Date().toISOString();
      await pause();

      const path = `/cofinancing/grants/${grantId}/disbursements/${twice.body.disbursementId}/reversal`;
      const body = { reason: 'invoice INV-2021-017 recorded twice', correctedOn: '2021-07-02' };
      const reversed = await post(app, path, body, 'reverse-twice').expect(200);
      expect(reversed.body).toMatchObject({
        disbursementId: twice.body.disbursementId,
        reversed: madJson(30_000),
        replacement: null,
        disbursedTotal: madJson(30_000),
        commitmentLeft: madJson(105_000),
      });

      // Balances follow: fund, grant, beneficiary year.
      expect(await fund()).toMatchObject({ committed: madJson(135_000), disbursed: madJson(30_000) });
      const grant = (await get(app, `/cofinancing/grants/${grantId}`).expect(200)).body;
      expect(grant).toMatchObject({ disbursed: madJson(30_000), invoiced: madJson(40_000) });
      // History shows both, linked: the mistaken row carries its reversal, by position.
      const mistaken = grant.disbursements.find(
        (d: { disbursementId: string }) => d.disbursementId === twice.body.disbursementId,
      );
      expect(mistaken).toMatchObject({
        paid: madJson(30_000),
        position: reversed.body.correctsPosition,
        reversal: { reversedOn: '2021-07-02', reason: body.reason, position: expect.any(String) },
      });
      const stream = await request(app.getHttpServer())
        .get(`/audit/streams/cofinancing-grant-${grantId}/events`)
        .set(await auditor())
        .expect(200);
      const events = stream.body.events ?? stream.body.items;
      const original = events.find((e: { position: string }) => e.position === reversed.body.correctsPosition);
      const reversal = events.find((e: { type: string }) => e.type === 'cofinancing.DisbursementReversed');
      expect(original.type).toBe('cofinancing.GrantDisbursed');
      expect(reversal.data).toMatchObject({ correctsEventId: original.id, reason: body.reason });
      expect(reversal.causationId ?? reversal.metadata?.causationId).toBe(original.id);
      // The row links the reversal by its position; the answer's is the command's own record, appended after it.
      expect(mistaken.reversal.position).toBe(reversal.position);
      expect(BigInt(reversed.body.position)).toBeGreaterThanOrEqual(BigInt(reversal.position));
      // Its business time is the corrected entry's.
      expect(String(reversal.businessTime)).toContain('2021-06-15');

      // As of a date: what was true (the duplicate never counts from 2021-06-15 on)...
      expect((await fund('?asOf=2021-06-30')).disbursed).toEqual(madJson(30_000));
      expect((await fund('?asOf=2021-06-14')).disbursed).toEqual(madJson(0));
      // ... and what was known then: before the correction was recorded, both payments.
      expect((await fund(`?asOf=2021-06-30&knownAt=${beforeCorrection}`)).disbursed).toEqual(madJson(60_000));

      // The same correction again under its key: the first answer, replayed; nothing new.
      const at = await head(app);
      const again = await post(app, path, body, 'reverse-twice').expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(reversed.body);
      expect(await head(app)).toBe(at);
      // A second reversal of the same entry is refused, with its figures.
      const refused = await post(app, path, { ...body, reason: 'again' }).expect(409);
      expect(refused.body).toMatchObject({
        error: 'entry-already-reversed',
        details: { entry: 'disbursement', entryId: twice.body.disbursementId, reversedOn: '2021-07-02' },
      });
      expect(await head(app)).toBe(at);
    });

    it('corrects a wrong invoice amount: reversal and the right entry in one append', async () => {
      const wrong = await disburse('INV-2021-031', 40_000, '2021-08-10');
      expect(wrong.body.paid).toEqual(madJson(30_000));
      expect((await fund()).disbursed).toEqual(madJson(60_000));
      await pause();
      const beforeCorrection = new Date().toISOString();
      await pause();
      const corrected = await post(
        app,
        `/cofinancing/grants/${grantId}/disbursements/${wrong.body.disbursementId}/reversal`,
        {
          reason: 'the invoice is 20 000 MAD, not 40 000',
          correctedOn: '2021-09-01',
          replacement: { invoiceReference: 'INV-2021-031', invoiceDate: '2021-08-01', invoiceAmount: madJson(20_000) },
        },
      ).expect(200);
      expect(corrected.body).toMatchObject({
        reversed: madJson(30_000),
        replacement: { paid: madJson(15_000), rule: 'effective-rate' },
        disbursedTotal: madJson(45_000),
        commitmentLeft: madJson(90_000),
      });
      expect((await fund()).disbursed).toEqual(madJson(45_000));
      const grant = (await get(app, `/cofinancing/grants/${grantId}`).expect(200)).body;
      const right = grant.disbursements.find(
        (d: { disbursementId: string }) => d.disbursementId === corrected.body.replacement.disbursementId,
      );
      expect(right).toMatchObject({ replaces: wrong.body.disbursementId, disbursedOn: '2021-08-10', reversal: null });
      const beneficiary = (await get(app, `/cofinancing/beneficiaries/${ids.beneficiaryId}`).expect(200)).body;
      expect(JSON.stringify(beneficiary)).toContain('"disbursed":{"amountMinor":"4500000"');
      expect((await fund('?asOf=2021-08-31')).disbursed).toEqual(madJson(45_000));
      expect((await fund(`?asOf=2021-08-31&knownAt=${beforeCorrection}`)).disbursed).toEqual(madJson(60_000));
      expect((await fund('?asOf=2021-08-09')).disbursed).toEqual(madJson(30_000));
    });

    it('refuses a reversal without a reason, or of an unknown disbursement, and documents the route', async () => {
      const missing = await post(app, `/cofinancing/grants/${grantId}/disbursements/nope/reversal`, {
        reason: 'x',
        correctedOn: '2021-09-01',
      }).expect(404);
      expect(missing.body.error).toBe('disbursement-not-found');
      await post(app, `/cofinancing/grants/${grantId}/disbursements/nope/reversal`, {
        correctedOn: '2021-09-01',
      }).expect(400);
      const docs = await request(app.getHttpServer()).get('/docs/json').expect(200);
      expect(docs.body.paths['/cofinancing/grants/{grantId}/disbursements/{disbursementId}/reversal']).toBeDefined();
    });
  });
}
