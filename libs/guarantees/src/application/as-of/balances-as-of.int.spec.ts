import type { ProjectionRunner } from '@ledger/event-sourcing';
import { testDatabaseKinds } from '@ledger/testing';
import { GetCompanyQuery } from '../queries/get-company.query';
import { GetConventionQuery } from '../queries/get-convention.query';
import { GetGuaranteeQuery } from '../queries/get-guarantee.query';
import { QueryBus } from '@nestjs/cqrs';
import { CallGuaranteeCommand } from '../commands/call-guarantee.command';
import { IssueGuaranteeCommand } from '../commands/issue-guarantee.command';
import { PayClaimCommand } from '../commands/pay-claim.command';
import { RecordRecoveryCommand } from '../commands/record-recovery.command';
import { RecordRepaymentCommand } from '../commands/record-repayment.command';
import { AmendConventionCommand } from '../commands/amend-convention.command';
import { context, openGuaranteesApp, senegalCompany, xof, type GuaranteesTestApp } from '../int-test-support';
import { GuaranteeBalancesAsOf } from './guarantee-balances-as-of.service';
import { GUARANTEE_BALANCES_PROJECTION, guaranteeBalances } from './guarantee-balance-effects';
import { Ratio } from '@ledger/money';

/** The Senegal figures: a 340,000,000 XOF fund, multiplier 1,000,000,000 / 340,000,000, coverage 50 %. */
const amount = (view: { amountMinor: string }) => view.amountMinor;

async function ledgerRows(t: GuaranteesTestApp): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of guaranteeBalances.tables) {
    const rows: { row: string }[] = await t.runtime.dataSource.query(
      `SELECT to_jsonb(x)::text AS row FROM ${table} x ORDER BY 1`,
    );
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

for (const kind of testDatabaseKinds()) {
  describe(`guarantee balances as of a date, on ${kind}`, () => {
    let t: GuaranteesTestApp;
    let asOf: GuaranteeBalancesAsOf;

    beforeAll(async () => {
      t = await openGuaranteesApp(kind);
      asOf = t.app.get(GuaranteeBalancesAsOf);
    });
    afterAll(() => t.close());

    it('gives capacity, outstanding and headroom before and after a call, a claim payment and a recovery', async () => {
      const { commands } = t;
      const { companyId, conventionId, members } = await senegalCompany(commands, 3);
      const { guaranteeId } = await commands.execute(
        new IssueGuaranteeCommand(
          {
            conventionId,
            memberId: members[0],
            loanReference: 'L-THIES-1',
            principal: xof(300_000_000),
            loanStartDate: '2008-05-01',
            maturityDate: '2010-05-01',
            issuedOn: '2008-05-01',
          },
          context,
        ),
      );
      await commands.execute(
        new RecordRepaymentCommand(
          { guaranteeId: guaranteeId, amount: xof(100_000_000), repaidOn: '2008-07-01' },
          context,
        ),
      );
      await commands.execute(new CallGuaranteeCommand({ guaranteeId: guaranteeId, calledOn: '2008-09-01' }, context));
      await commands.execute(
        new PayClaimCommand({ guaranteeId: guaranteeId, amount: xof(100_000_000), paidOn: '2008-10-01' }, context),
      );
      const beforeRecovery = new Date();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await commands.execute(
        new RecordRecoveryCommand(
          { guaranteeId: guaranteeId, amount: xof(40_000_000), receivedOn: '2009-01-15' },
          context,
        ),
      );
      await t.runtime.waitForProjections(await t.runtime.store.headPosition());

      const convention = (date: string, knownAt?: Date) => asOf.convention(conventionId, { asOf: date, knownAt });
      // Before the fund was deposited (2008-03-01) and the convention signed (2008-03-20).
      expect(await convention('2008-02-20')).toMatchObject({ status: 'not-signed', capacity: { amountMinor: '0' } });
      expect(await convention('2008-03-10')).toMatchObject({
        status: 'not-signed',
        capacity: { amountMinor: '1000000000' },
      });
      // Issued: 300,000,000 of principal counts under the loan-principal basis.
      const issued = await convention('2008-06-30');
      expect([issued.capacity, issued.outstanding, issued.headroom].map(amount)).toEqual([
        '1000000000',
        '300000000',
        '700000000',
      ]);
      expect(issued).toMatchObject({ asOf: '2008-06-30', knownAt: null, status: 'in-force', termsVersion: 1 });
      // Repaid 100,000,000: outstanding 200,000,000.
      expect(amount((await convention('2008-08-31')).outstanding)).toBe('200000000');
      // Called: the loan stops counting; the claim (50 % of 200,000,000) is not paid yet.
      const called = await convention('2008-09-15');
      expect([called.capacity, called.outstanding, called.headroom, called.claimsCalled].map(amount)).toEqual([
        '1000000000',
        '0',
        '1000000000',
        '100000000',
      ]);
      // Claim paid: the fund is 240,000,000, capacity floor(240,000,000 × 1e9 / 3.4e8) = 705,882,352.
      const paid = await convention('2008-12-31');
      expect([paid.fundBalance, paid.capacity, paid.headroom, paid.claimsPaid].map(amount)).toEqual([
        '240000000',
        '705882352',
        '705882352',
        '100000000',
      ]);
      // Recovery of 40,000,000 (recorded last): the fund is 280,000,000, capacity 823,529,411.
      const recovered = await convention('2009-02-01');
      expect([recovered.fundBalance, recovered.capacity, recovered.recoveries].map(amount)).toEqual([
        '280000000',
        '823529411',
        '40000000',
      ]);
      // …but as known before the recovery was recorded, it is not there.
      const known = await convention('2009-02-01', beforeRecovery);
      expect([known.fundBalance, known.capacity, known.recoveries].map(amount)).toEqual([
        '240000000',
        '705882352',
        '0',
      ]);
      expect(known.knownAt).toBe(beforeRecovery.toISOString());

      const guarantee = (date: string) => asOf.guarantee(guaranteeId, { asOf: date });
      expect(await guarantee('2008-04-30')).toMatchObject({
        status: 'not-issued',
        outstandingPrincipal: { amountMinor: '0' },
      });
      expect(await guarantee('2008-06-30')).toMatchObject({
        status: 'active',
        outstandingPrincipal: { amountMinor: '300000000' },
        guaranteedOutstanding: { amountMinor: '150000000' },
      });
      expect(await guarantee('2008-08-31')).toMatchObject({
        status: 'active',
        outstandingPrincipal: { amountMinor: '200000000' },
        guaranteedOutstanding: { amountMinor: '100000000' },
      });
      expect(await guarantee('2008-09-30')).toMatchObject({
        status: 'called',
        outstandingPrincipal: { amountMinor: '0' },
        claim: { amountMinor: '100000000' },
        claimPaid: { amountMinor: '0' },
      });

      const company = await asOf.company(companyId, { asOf: '2008-12-31' });
      expect(company).toMatchObject({
        fundBalance: { amountMinor: '240000000' },
        capacity: { amountMinor: '705882352' },
        calls: 1,
        claimsPaid: { amountMinor: '100000000' },
        members: { active: 3, total: 3 },
      });
    });

    it('uses the terms in force on the date: an amended multiplier counts from its effective date', async () => {
      const { companyId, conventionId } = await senegalCompany(t.commands, 1);
      await t.commands.execute(
        new AmendConventionCommand(
          { conventionId, effectiveFrom: '2009-01-01', amendedOn: '2008-12-20', multiplier: Ratio.parseDecimal('2.5') },
          context,
        ),
      );
      await t.runtime.waitForProjections(await t.runtime.store.headPosition());
      const before = await asOf.convention(conventionId, { asOf: '2008-12-31' });
      const after = await asOf.convention(conventionId, { asOf: '2009-01-01' });
      expect([before.termsVersion, amount(before.capacity)]).toEqual([1, '1000000000']);
      expect([after.termsVersion, amount(after.capacity), after.latestTermsVersion]).toEqual([2, '850000000', 2]);
      expect(amount((await asOf.company(companyId, { asOf: '2009-06-30' })).capacity)).toBe('850000000');
    });

    it('answers as of today, as known now, exactly what the live read models show; a rebuild gives the same rows', async () => {
      await t.runtime.waitForProjections(await t.runtime.store.headPosition());
      const queries = t.app.get(QueryBus);
      const ids: { company_id: string }[] = await t.runtime.dataSource.query(
        'SELECT company_id FROM guarantee_companies',
      );
      const conventions: { convention_id: string }[] = await t.runtime.dataSource.query(
        'SELECT convention_id FROM guarantee_conventions',
      );
      const guarantees: { guarantee_id: string }[] = await t.runtime.dataSource.query(
        'SELECT guarantee_id FROM guarantees',
      );
      for (const { company_id } of ids) {
        const live = await queries.execute(new GetCompanyQuery(company_id));
        const now = await asOf.company(company_id);
        // Four-eyes reservations are not balances: the live view shows them beside the figures, as-of has none.
        const { position: _p, deposits: _d, conventions: _c, reserved: _r, ...liveFigures } = live;
        expect(now).toMatchObject(liveFigures);
      }
      for (const { convention_id } of conventions) {
        const live = await queries.execute(new GetConventionQuery(convention_id));
        const now = await asOf.convention(convention_id);
        const keys = [
          'fundBalance',
          'capacity',
          'outstanding',
          'headroom',
          'outstandingPrincipal',
          'guaranteedOutstanding',
          'guaranteesIssued',
          'guaranteesInForce',
          'creditMobilised',
          'calls',
          'claimsCalled',
          'claimsPaid',
          'recoveries',
          'leverage',
          'termsVersion',
          'multiplier',
        ] as const;
        for (const key of keys) expect([key, now[key]]).toEqual([key, live[key]]);
        expect(now.status).toBe(live.status);
      }
      for (const { guarantee_id } of guarantees) {
        const live = await queries.execute(new GetGuaranteeQuery(guarantee_id));
        const now = await asOf.guarantee(guarantee_id);
        // Dates of events are the live view's; the as-of view has balances (and the figures below).
        const {
          position: _p,
          releasedOn: _r,
          calledOn: _c,
          claimLastPaidOn: _cp,
          lastRecoveredOn: _lr,
          ...liveFigures
        } = live;
        expect(now).toMatchObject(liveFigures);
      }

      const before = await ledgerRows(t);
      const runner = t.runtime.projections.find((p) => p.name === GUARANTEE_BALANCES_PROJECTION) as ProjectionRunner;
      await runner.rebuild();
      expect(await ledgerRows(t)).toEqual(before);
    });
  });
}
