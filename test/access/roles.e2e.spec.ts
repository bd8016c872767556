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
import { authenticate, madJson, setUpFund } from '../cofinancing/cofinancing-api';
import { setUpGuarantees, xof } from './access-fixtures';

/**
 * Each role through HTTP: what it may do works; what it may not answers 401, 403 or 404 and
 * writes nothing (the log head does not move); a bank sees its own conventions and nothing else.
 */
for (const kind of testDatabaseKinds()) {
  describe(`access by role through HTTP, on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);
    let p: TestPrincipals;
    let fund: { fundId: string; donorId: string; windowId: string };
    let g: Awaited<ReturnType<typeof setUpGuarantees>>;

    const http = () => request(app.getHttpServer());
    const head = async () => (await http().get('/health').expect(200)).body.headPosition as string;
    /** The event at a position the API returned: who caused it, in which role. */
    const eventAt = async (position: string) => {
      const [event] = await app.get(LedgerRuntime).store.readAll({ afterPosition: BigInt(position) - 1n, maxCount: 1 });
      return event!;
    };
    const newFund = { name: 'Fonds test', currency: 'MAD', createdOn: '2021-01-01' };
    const newCompany = { name: 'SCM de Kaolack', currency: 'XOF', registeredOn: '2008-01-15' };

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      p = await testPrincipals(app, { banks: ['CNCAS', 'BICIS'] });
      await authenticate(app);
      fund = await setUpFund(app, 1_000_000);
      g = await setUpGuarantees(app, p.guaranteeOfficer, ['CNCAS', 'BICIS']);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    describe('without a valid key', () => {
      it('answers 401 to reads and commands, writes nothing, and keeps /health and /docs open', async () => {
        const before = await head();
        const none = await http().get(`/cofinancing/funds/${fund.fundId}`).expect(401);
        expect(none.headers['www-authenticate']).toBe('Bearer');
        expect(none.body).toMatchObject({ statusCode: 401, error: 'unauthenticated' });
        await http().post('/cofinancing/funds').set(newKey()).send(newFund).expect(401);
        await http()
          .post('/cofinancing/funds')
          .set(newKey())
          .set('Authorization', 'Bearer lk_000000000000_nope')
          .send(newFund)
          .expect(401);
        await http()
          .post('/cofinancing/funds')
          .set(newKey())
          .set('Authorization', 'Basic YTpi')
          .send(newFund)
          .expect(401);
        await http()
          .post('/guarantee-companies')
          .set(newKey())
          .set('X-Api-Key', 'x'.repeat(40))
          .send(newCompany)
          .expect(401);
        // The old identity headers identify nobody.
        await http()
          .post('/cofinancing/funds')
          .set(newKey())
          .set('X-Actor', 'fund-manager')
          .set('X-Role', 'manager')
          .send(newFund)
          .expect(401);
        await http().get('/access/users').expect(401);
        await http().get('/docs').expect(200);
        expect(await head()).toBe(before);
      });

      it('a key works as well in X-Api-Key', async () => {
        const key = p.auditor.Authorization.replace('Bearer ', '');
        await http().get(`/cofinancing/funds/${fund.fundId}`).set('X-Api-Key', key).expect(200);
      });
    });

    describe('a fund manager', () => {
      it('sends co-financing commands and reads the fund; the event records its actor and role', async () => {
        const created = await http()
          .post('/cofinancing/funds')
          .set(newKey())
          .set(p.fundManager)
          // Identity headers from the client are ignored: the key decides who acts.
          .set('X-Actor', 'mallory')
          .set('X-Role', 'admin')
          .send(newFund)
          .expect(201);
        const event = await eventAt(created.body.position);
        expect(event.metadata).toMatchObject({ actor: p.userIds.fundManager, role: 'fund_manager' });
        await http().get(`/cofinancing/funds/${fund.fundId}`).set(p.fundManager).expect(200);
        await http().get(`/cofinancing/funds/${fund.fundId}/donors`).set(p.fundManager).expect(200);
      });

      it('may not touch or read guarantees, banks or access: 403, nothing written', async () => {
        const before = await head();
        await http().post('/guarantee-companies').set(newKey()).set(p.fundManager).send(newCompany).expect(403);
        await http()
          .post(`/guarantees/${g.guarantees.CNCAS}/repayments`)
          .set(newKey())
          .set(p.fundManager)
          .send({ amount: xof(1), repaidOn: '2009-01-01' })
          .expect(403);
        await http().get(`/guarantee-companies/${g.company}`).set(p.fundManager).expect(403);
        await http().get('/banks/CNCAS/conventions').set(p.fundManager).expect(403);
        await http().get('/access/users').set(p.fundManager).expect(403);
        await http()
          .post('/access/api-keys')
          .set(newKey())
          .set(p.fundManager)
          .send({ userId: 'test-admin' })
          .expect(403);
        await http().get('/access/denials').set(p.fundManager).expect(403);
        expect(await head()).toBe(before);
      });
    });

    describe('a guarantee officer', () => {
      it('sends guarantee commands and reads companies, conventions and bank views', async () => {
        const company = await http()
          .post('/guarantee-companies')
          .set(newKey())
          .set(p.guaranteeOfficer)
          .send(newCompany)
          .expect(201);
        const event = await eventAt(company.body.position);
        expect(event.metadata).toMatchObject({ actor: p.userIds.guaranteeOfficer, role: 'guarantee_officer' });
        await http().get(`/bank-conventions/${g.conventions.BICIS}`).set(p.guaranteeOfficer).expect(200);
        await http().get(`/guarantees/${g.guarantees.CNCAS}`).set(p.guaranteeOfficer).expect(200);
        await http().get('/banks/BICIS/conventions').set(p.guaranteeOfficer).expect(200);
      });

      it('may not touch or read the co-financing fund, nor access: 403, nothing written', async () => {
        const before = await head();
        await http().post('/cofinancing/funds').set(newKey()).set(p.guaranteeOfficer).send(newFund).expect(403);
        await http()
          .post(`/cofinancing/funds/${fund.fundId}/contributions`)
          .set(newKey())
          .set(p.guaranteeOfficer)
          .send({ donorId: fund.donorId, amount: madJson(1), receivedOn: '2021-02-01', reference: 'X' })
          .expect(403);
        await http().get(`/cofinancing/funds/${fund.fundId}`).set(p.guaranteeOfficer).expect(403);
        await http()
          .post('/access/users')
          .set(newKey())
          .set(p.guaranteeOfficer)
          .send({ userId: 'x', role: 'admin' })
          .expect(403);
        expect(await head()).toBe(before);
      });
    });

    describe('an auditor', () => {
      it('reads everything: both instruments, every bank, the access records', async () => {
        for (const path of [
          `/cofinancing/funds/${fund.fundId}`,
          `/cofinancing/funds/${fund.fundId}/windows`,
          `/cofinancing/grants?fundId=${fund.fundId}`,
          `/guarantee-companies/${g.company}`,
          `/guarantee-companies/${g.company}/members`,
          `/bank-conventions/${g.conventions.CNCAS}/guarantees`,
          `/guarantees/${g.guarantees.BICIS}`,
          '/banks/CNCAS/conventions',
          `/banks/BICIS/conventions/${g.conventions.BICIS}/headroom`,
          '/access/denials',
          '/access/changes',
        ]) {
          await http().get(path).set(p.auditor).expect(200);
        }
      });

      it('changes nothing: every command answers 403 and the log head stays', async () => {
        const before = await head();
        await http().post('/cofinancing/funds').set(newKey()).set(p.auditor).send(newFund).expect(403);
        await http()
          .post(`/cofinancing/funds/${fund.fundId}/donors`)
          .set(newKey())
          .set(p.auditor)
          .send({ name: 'x', registeredOn: '2021-01-01' })
          .expect(403);
        await http().post('/guarantee-companies').set(newKey()).set(p.auditor).send(newCompany).expect(403);
        await http()
          .post(`/guarantees/${g.guarantees.CNCAS}/call`)
          .set(newKey())
          .set(p.auditor)
          .send({ calledOn: '2009-02-01' })
          .expect(403);
        await http()
          .post('/access/users')
          .set(newKey())
          .set(p.auditor)
          .send({ userId: 'x', role: 'auditor' })
          .expect(403);
        await http().get('/access/users').set(p.auditor).expect(403);
        await http().delete('/access/api-keys/000000000000').set(newKey()).set(p.auditor).expect(403);
        expect(await head()).toBe(before);
      });
    });

    describe('an admin', () => {
      it('manages users and keys, and reads', async () => {
        await http().get('/access/users').set(p.admin).expect(200);
        await http().get('/access/api-keys').set(p.admin).expect(200);
        await http().get(`/cofinancing/funds/${fund.fundId}`).set(p.admin).expect(200);
        await http().get(`/bank-conventions/${g.conventions.CNCAS}`).set(p.admin).expect(200);
      });

      it('sends no ledger command: 403, nothing written', async () => {
        const before = await head();
        await http().post('/cofinancing/funds').set(newKey()).set(p.admin).send(newFund).expect(403);
        await http().post('/guarantee-companies').set(newKey()).set(p.admin).send(newCompany).expect(403);
        expect(await head()).toBe(before);
      });
    });

    describe('a bank', () => {
      const cncas = () => p.bank('CNCAS');

      it('reads its conventions, their headroom and guarantees, and its loans’ coverage', async () => {
        const list = await http().get('/banks/CNCAS/conventions').set(cncas()).expect(200);
        expect(list.body.items.map((c: { conventionId: string }) => c.conventionId)).toEqual([g.conventions.CNCAS]);
        const headroom = await http()
          .get(`/banks/CNCAS/conventions/${g.conventions.CNCAS}/headroom`)
          .set(cncas())
          .expect(200);
        expect(headroom.body).toMatchObject({ bankId: 'CNCAS', capacity: xof(1_000_000_000) });
        const guarantees = await http()
          .get(`/banks/CNCAS/conventions/${g.conventions.CNCAS}/guarantees`)
          .set(cncas())
          .expect(200);
        expect(guarantees.body.items.map((x: { guaranteeId: string }) => x.guaranteeId)).toEqual([g.guarantees.CNCAS]);
        const coverage = await http()
          .get('/banks/CNCAS/loan-coverage')
          .query({ loanReference: 'CNCAS/2008/001' })
          .set(cncas())
          .expect(200);
        expect(coverage.body).toMatchObject({ covered: true, guaranteeId: g.guarantees.CNCAS });
      });

      it('cannot see another bank by naming it: 404, the same answer as for a bank that does not exist', async () => {
        const before = await head();
        const nobody = await http().get('/banks/NO-SUCH-BANK/conventions').set(cncas()).expect(404);
        for (const path of [
          '/banks/BICIS/conventions',
          `/banks/BICIS/conventions/${g.conventions.BICIS}/headroom`,
          `/banks/BICIS/conventions/${g.conventions.BICIS}/guarantees`,
          '/banks/BICIS/loan-coverage?loanReference=BICIS%2F2008%2F001',
        ]) {
          const answer = await http().get(path).set(cncas()).expect(404);
          expect(answer.body).toEqual(nobody.body);
        }
        expect(await head()).toBe(before);
      });

      it("cannot see another bank's convention or loan by guessing its id under its own bank", async () => {
        const unknown = await http()
          .get('/banks/CNCAS/conventions/no-such-convention/headroom')
          .set(cncas())
          .expect(404);
        const guessed = await http()
          .get(`/banks/CNCAS/conventions/${g.conventions.BICIS}/headroom`)
          .set(cncas())
          .expect(404);
        expect(guessed.body.error).toBe(unknown.body.error);
        await http().get(`/banks/CNCAS/conventions/${g.conventions.BICIS}/guarantees`).set(cncas()).expect(404);
        // Another bank's loan reads exactly like a loan nobody guaranteed.
        const otherLoan = await http()
          .get('/banks/CNCAS/loan-coverage')
          .query({ loanReference: 'BICIS/2008/001' })
          .set(cncas())
          .expect(200);
        const noLoan = await http()
          .get('/banks/CNCAS/loan-coverage')
          .query({ loanReference: 'NOBODY/2008/001' })
          .set(cncas())
          .expect(200);
        expect({ ...otherLoan.body, loanReference: null }).toEqual({ ...noLoan.body, loanReference: null });
        expect(otherLoan.body).toMatchObject({ covered: false, state: 'not-guaranteed', guaranteeId: null });
      });

      it('may not use the other routes (403, whatever the id) nor write', async () => {
        const before = await head();
        await http().get(`/bank-conventions/${g.conventions.CNCAS}`).set(cncas()).expect(403);
        await http().get(`/bank-conventions/${g.conventions.BICIS}`).set(cncas()).expect(403);
        await http().get(`/guarantees/${g.guarantees.CNCAS}`).set(cncas()).expect(403);
        await http().get(`/cofinancing/funds/${fund.fundId}`).set(cncas()).expect(403);
        await http()
          .post(`/bank-conventions/${g.conventions.CNCAS}/guarantees`)
          .set(newKey())
          .set(cncas())
          .send({
            memberId: g.member,
            loanReference: 'CNCAS/2009/009',
            principal: xof(1_000),
            loanStartDate: '2009-05-01',
            maturityDate: '2010-05-01',
            issuedOn: '2009-05-01',
          })
          .expect(403);
        await http().get('/access/denials').set(cncas()).expect(403);
        expect(await head()).toBe(before);
      });

      it('knows who it is', async () => {
        const me = await http().get('/access/me').set(cncas()).expect(200);
        expect(me.body).toMatchObject({ role: 'bank', bankId: 'CNCAS' });
      });
    });

    it('every denied attempt is logged for auditors: who, what, why', async () => {
      const denials = await http().get('/access/denials?limit=200').set(p.auditor).expect(200);
      const items = denials.body.items as {
        status: number;
        actor: string | null;
        role: string | null;
        path: string;
        method: string;
      }[];
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ status: 401, actor: null, method: 'POST', path: '/cofinancing/funds' }),
          expect.objectContaining({
            status: 403,
            actor: p.userIds.fundManager,
            role: 'fund_manager',
            method: 'POST',
            path: '/guarantee-companies',
          }),
          expect.objectContaining({ status: 404, role: 'bank', method: 'GET', path: '/banks/BICIS/conventions' }),
        ]),
      );
      // Neither keys nor query strings are kept.
      expect(JSON.stringify(denials.body)).not.toMatch(/lk_|loanReference/);
    });
  });
}
