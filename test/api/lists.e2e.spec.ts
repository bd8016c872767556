import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  closeTestApp,
  newKey,
  testDatabaseKinds,
  testLedgerConfig,
  testPrincipals,
  type TestPrincipals,
} from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';

const xof = (amountMinor: number) => ({ amountMinor: String(amountMinor), currency: 'XOF' });

for (const kind of testDatabaseKinds()) {
  describe(`lists answer { items, total?, nextCursor? } with one limit and cursor rule, on ${kind}`, () => {
    let app: INestApplication;
    let p: TestPrincipals;
    const { config, dropSchema } = testLedgerConfig(kind);
    const http = () => request(app.getHttpServer());
    const ids: Record<string, string> = {};
    const loans: string[] = [];

    const post = (path: string, body: object) => http().post(path).set(newKey()).set(p.guaranteeOfficer).send(body);

    /** Every page of a list, `limit` at a time, following nextCursor. */
    async function walk(path: string, limit: number, headers = p.guaranteeOfficer) {
      const items: { [key: string]: unknown }[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const separator = path.includes('?') ? '&' : '?';
        const page = await http()
          .get(`${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
          .set(headers)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        items.push(...page.body.items);
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor);
      return { items, pages };
    }

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      p = await testPrincipals(app, { banks: ['CNCAS', 'BICIS'] });
      const company = await post('/guarantee-companies', {
        name: 'SCM de Louga',
        currency: 'XOF',
        registeredOn: '2008-01-15',
      }).expect(201);
      ids.company = company.body.companyId;
      for (const name of ['GIE Arachide', 'Atelier Fer']) {
        const member = await post(`/guarantee-companies/${ids.company}/members`, {
          name,
          admittedOn: '2008-02-01',
        }).expect(201);
        ids[name] = member.body.memberId;
        const capital = `/guarantee-companies/${ids.company}/members/${member.body.memberId}`;
        await post(`${capital}/capital-subscriptions`, { amount: xof(100_000), subscribedOn: '2008-02-01' }).expect(
          201,
        );
        await post(`${capital}/capital-payments`, { amount: xof(100_000), paidOn: '2008-02-15' }).expect(201);
      }
      await post(`/guarantee-companies/${ids.company}/fund-deposits`, {
        bankId: 'CNCAS',
        amount: xof(340_000_000),
        termDepositReference: 'DAT-L-1',
        depositedOn: '2008-03-01',
        maturesOn: '2031-03-01',
      }).expect(201);
      const sign = async (bankId: string, validUntil: string, signedOn: string) =>
        (
          await post('/bank-conventions', {
            companyId: ids.company,
            bankId,
            multiplier: '2/1',
            coverageRateBp: 5000,
            ceilingBasis: 'loan-principal',
            validFrom: '2008-04-01',
            validUntil,
            signedOn,
          }).expect(201)
        ).body.conventionId as string;
      ids.CNCAS = await sign('CNCAS', '2030-12-31', '2008-03-20');
      ids.BICIS = await sign('BICIS', '2010-12-31', '2008-03-21');
      for (let n = 1; n <= 5; n += 1) {
        const conventionId = n <= 3 ? ids.CNCAS : ids.BICIS;
        const loanReference = `LG/2008/00${n}`;
        const issued = await post(`/bank-conventions/${conventionId}/guarantees`, {
          memberId: n % 2 ? ids['GIE Arachide'] : ids['Atelier Fer'],
          loanReference,
          principal: xof(1_000_000),
          loanStartDate: `2008-05-0${n}`,
          maturityDate: `2010-05-0${n}`,
          issuedOn: `2008-05-0${n}`,
        });
        if (issued.status !== 201) throw new Error(`issuance refused: ${JSON.stringify(issued.body)}`);
        loans.push(loanReference);
      }
    });
    afterAll(() => closeTestApp(app, dropSchema));

    it('GET /guarantees: every page walked, 2 at a time, is the whole list, with its total', async () => {
      const whole = await http().get(`/guarantees?companyId=${ids.company}`).set(p.auditor).expect(200);
      expect(whole.body).toEqual({ items: expect.any(Array), total: 5 });
      expect(whole.body.items.map((g: { loanReference: string }) => g.loanReference)).toEqual(loans);
      const walked = await walk(`/guarantees?companyId=${ids.company}`, 2);
      expect(walked.pages).toBe(3);
      expect(walked.items).toEqual(whole.body.items);
    });

    it('GET /guarantees finds a loan whatever its case and spacing, and filters by member, convention, state', async () => {
      const found = await http()
        .get('/guarantees')
        .query({ loanReference: '  lg/2008/003 ' })
        .set(p.guaranteeOfficer)
        .expect(200);
      expect(found.body.items).toEqual([
        expect.objectContaining({ loanReference: 'LG/2008/003', conventionId: ids.CNCAS }),
      ]);
      const byMember = await http().get(`/guarantees?memberId=${ids['Atelier Fer']}`).set(p.auditor).expect(200);
      expect(byMember.body.items.map((g: { loanReference: string }) => g.loanReference)).toEqual([loans[1], loans[3]]);
      const byConvention = await http()
        .get(`/guarantees?conventionId=${ids.BICIS}&state=active`)
        .set(p.admin)
        .expect(200);
      expect(byConvention.body).toMatchObject({ total: 2 });
      const none = await http().get('/guarantees?state=called').set(p.auditor).expect(200);
      expect(none.body).toEqual({ items: [], total: 0 });
    });

    it('GET /bank-conventions names the company and filters by bank and status today', async () => {
      const all = await http().get(`/bank-conventions?companyId=${ids.company}`).set(p.auditor).expect(200);
      expect(all.body.total).toBe(2);
      expect(all.body.items).toEqual([
        expect.objectContaining({ conventionId: ids.CNCAS, companyName: 'SCM de Louga', status: 'in-force' }),
        expect.objectContaining({ conventionId: ids.BICIS, companyName: 'SCM de Louga', status: 'expired' }),
      ]);
      const expired = await http()
        .get('/bank-conventions?status=expired&bankId=BICIS')
        .set(p.guaranteeOfficer)
        .expect(200);
      expect(expired.body.items.map((c: { conventionId: string }) => c.conventionId)).toEqual([ids.BICIS]);
      const walked = await walk(`/bank-conventions?companyId=${ids.company}`, 1);
      expect(walked.items).toEqual(all.body.items);
    });

    it('a bank sees its own conventions (with the company name) and guarantees, and not the cross-company lists', async () => {
      const own = await http().get('/banks/CNCAS/conventions').set(p.bank('CNCAS')).expect(200);
      expect(own.body).toEqual({
        items: [expect.objectContaining({ conventionId: ids.CNCAS, companyName: 'SCM de Louga' })],
        total: 1,
      });
      await http().get('/banks/BICIS/conventions').set(p.bank('CNCAS')).expect(404);
      const loansOfBank = await walk(`/banks/CNCAS/conventions/${ids.CNCAS}/guarantees`, 2, p.bank('CNCAS'));
      expect(loansOfBank.items.map((g) => g.loanReference)).toEqual(loans.slice(0, 3));
      await http().get('/guarantees').set(p.bank('CNCAS')).expect(403);
      await http().get(`/guarantees?loanReference=${loans[0]}`).set(p.bank('CNCAS')).expect(403);
      await http().get('/bank-conventions').set(p.bank('CNCAS')).expect(403);
      await http().get('/guarantees').set(p.fundManager).expect(403);
    });

    it('other lists page the same way: members, convention guarantees, companies, users, keys, access changes', async () => {
      const members = await walk(`/guarantee-companies/${ids.company}/members`, 1);
      const allMembers = await http().get(`/guarantee-companies/${ids.company}/members`).set(p.auditor).expect(200);
      expect(allMembers.body.total).toBe(2);
      expect(members.items).toEqual(allMembers.body.items);
      const ofConvention = await walk(`/bank-conventions/${ids.CNCAS}/guarantees`, 2);
      expect(ofConvention.items).toHaveLength(3);
      const companies = await walk('/guarantee-companies', 1);
      expect(companies.items.map((c) => c.companyId)).toEqual([ids.company]);
      const users = await walk('/access/users', 2, p.admin);
      const allUsers = await http().get('/access/users').set(p.admin).expect(200);
      expect(users.items).toEqual(allUsers.body.items);
      expect(allUsers.body.total).toBe(users.items.length);
      const keys = await walk('/access/api-keys', 3, p.admin);
      expect(keys.items.length).toBe((await http().get('/access/api-keys').set(p.admin).expect(200)).body.total);
      const changes = await walk('/access/changes', 2, p.auditor);
      const allChanges = await http().get('/access/changes?limit=200').set(p.auditor).expect(200);
      expect(changes.items).toEqual(allChanges.body.items);
      // The deprecated offset still answers, with its limit and offset.
      const byOffset = await http().get('/access/changes?limit=1&offset=1').set(p.auditor).expect(200);
      expect(byOffset.body).toMatchObject({ limit: 1, offset: 1, items: [allChanges.body.items[1]] });
      // The log: `cursor`/`nextCursor` as every list (`after`/`nextAfter` still answer).
      const log = await walk('/audit/events', 7, p.auditor);
      const wholeLog = await http().get('/audit/events?limit=1000').set(p.auditor).expect(200);
      expect(log.items).toEqual(wholeLog.body.items);
      expect(log.pages).toBe(Math.ceil(wholeLog.body.items.length / 7));
      const funds = await http().get('/cofinancing/funds').set(p.fundManager).expect(200);
      expect(funds.body).toEqual({ items: [], total: 0 });
    });

    it('refuses a limit out of 1..200 and a cursor it did not give, or gave for another list (400)', async () => {
      for (const path of ['/guarantees', '/bank-conventions', '/guarantee-companies', '/access/changes']) {
        const headers = path.startsWith('/access') ? p.auditor : p.guaranteeOfficer;
        for (const limit of ['0', '201', 'x']) {
          const refused = await http().get(`${path}?limit=${limit}`).set(headers).expect(400);
          expect(refused.body).toMatchObject({ error: 'validation-failed' });
          expect(JSON.stringify(refused.body)).toContain('limit');
        }
        await http().get(`${path}?limit=200`).set(headers).expect(200);
        const forged = await http().get(`${path}?cursor=bm90LWEtY3Vyc29y`).set(headers).expect(400);
        expect(forged.body).toMatchObject({ error: 'invalid-cursor', details: { field: 'cursor' } });
      }
      const first = await http().get(`/guarantees?limit=1`).set(p.auditor).expect(200);
      const elsewhere = await http()
        .get(`/bank-conventions?cursor=${first.body.nextCursor}`)
        .set(p.auditor)
        .expect(400);
      expect(elsewhere.body.error).toBe('invalid-cursor');
      await http().get('/access/changes?cursor=x&offset=1').set(p.auditor).expect(400);
      await http().get('/cofinancing/funds?limit=201').set(p.fundManager).expect(400);
    });

    it('keeps the verb routes of proposals answering for one release, saying so and naming the successor', async () => {
      const old = await http()
        .post('/proposals/no-such-proposal/confirm')
        .set(newKey())
        .set(p.guaranteeOfficer)
        .send({})
        .expect(404);
      expect(old.headers.deprecation).toBe('true');
      expect(old.headers.link).toBe('</proposals/no-such-proposal/confirmation>; rel="successor-version"');
      const declined = await http()
        .post('/proposals/no-such-proposal/decline')
        .set(newKey())
        .set(p.guaranteeOfficer)
        .send({ reason: 'not needed' })
        .expect(404);
      expect(declined.headers.link).toBe('</proposals/no-such-proposal/declination>; rel="successor-version"');
      const current = await http()
        .post('/proposals/no-such-proposal/confirmation')
        .set(newKey())
        .set(p.guaranteeOfficer)
        .send({})
        .expect(404);
      expect(current.body.error).toBe('proposal-not-found');
      expect(current.headers.deprecation).toBeUndefined();
      await http()
        .post('/proposals/no-such-proposal/declination')
        .set(newKey())
        .set(p.guaranteeOfficer)
        .send({ reason: 'not needed' })
        .expect(404);
    });
  });
}
