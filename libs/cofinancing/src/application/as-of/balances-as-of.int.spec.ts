import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import fc from 'fast-check';
import { DomainError, type ProjectionRunner } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../../../../apps/api/src/bootstrap';
import { CancelGrantCommand, CloseGrantCommand, DisburseGrantCommand, RecordContributionCommand } from '../commands';
import { approve, context, enrol, mad, moroccanFund, request } from '../int-test-support';
import { GetBeneficiaryQuery, GetFundQuery, ListDonorsQuery, ListWindowsQuery } from '../queries';
import { COFINANCING_BALANCES_PROJECTION, cofinancingBalances } from './cofinancing-balance-effects';
import { CofinancingBalancesAsOf } from './cofinancing-balances-as-of.service';

/** The Moroccan promotion window (75 % in year 1, capped at 200,000 MAD): amounts in minor units (centimes). */
const minor = (major: number) => (BigInt(major) * 100n).toString();
const amount = (view: { amountMinor: string }) => view.amountMinor;

async function ledgerRows(runtime: LedgerRuntime): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of cofinancingBalances.tables) {
    const rows: { row: string }[] = await runtime.dataSource.query(
      `SELECT to_jsonb(x)::text AS row FROM ${table} x ORDER BY 1`,
    );
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

for (const kind of testDatabaseKinds()) {
  describe(`co-financing balances as of a date, on ${kind}`, () => {
    let app: INestApplication;
    let bus: CommandBus;
    let runtime: LedgerRuntime;
    let asOf: CofinancingBalancesAsOf;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      bus = app.get(CommandBus);
      runtime = app.get(LedgerRuntime);
      asOf = app.get(CofinancingBalancesAsOf);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    const settle = async () => runtime.waitForProjections(await runtime.store.headPosition());
    const contribute = (fundId: string, donorId: string, major: number, receivedOn: string) =>
      bus.execute(
        new RecordContributionCommand(
          {
            type: 'RecordContribution',
            fundId,
            contributionId: randomUUID(),
            donorId,
            amount: mad(major),
            receivedOn,
            reference: `REF-${receivedOn}`,
          },
          context(),
        ),
      );
    const disburse = (grantId: string, invoiceMajor: number, disbursedOn: string) =>
      bus.execute(
        new DisburseGrantCommand(
          {
            type: 'DisburseGrant',
            grantId,
            disbursementId: randomUUID(),
            invoiceReference: `INV-${randomUUID().slice(0, 8)}`,
            invoiceDate: disbursedOn,
            invoiceAmount: mad(invoiceMajor),
            disbursedOn,
          },
          context(),
        ),
      );

    it('gives a fund’s balances as of past dates, with a backdated contribution recorded later', async () => {
      const { fundId, windowId, donorId } = await moroccanFund(app, 2_000_000); // received 2021-01-10
      await contribute(fundId, donorId, 350_000, '2021-07-01');
      const beneficiaryId = await enrol(app, 'Consortium Atlas'); // enrolled 2021-03-15
      const grantId = await request(app, { fundId, windowId, beneficiaryId }, 120_000); // 2021-06-01
      await approve(app, grantId); // 2021-06-10: 75 % of 120,000 = 90,000
      await disburse(grantId, 40_000, '2021-07-02'); // paid 40,000 × 90,000 / 120,000 = 30,000
      await settle();
      const beforeBackdated = new Date();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await contribute(fundId, donorId, 500_000, '2021-03-01'); // dated in March, recorded now
      await settle();
      const afterBackdated = new Date();

      const fund = (date: string, knownAt?: Date) => asOf.fund(fundId, { asOf: date, knownAt });
      const figures = async (date: string, knownAt?: Date) => {
        const view = await fund(date, knownAt);
        return [view.contributed, view.committed, view.disbursed, view.available].map(amount);
      };
      expect(await figures('2020-12-31')).toEqual(['0', '0', '0', '0']);
      expect(await figures('2021-02-28')).toEqual([minor(2_000_000), '0', '0', minor(2_000_000)]);
      // The backdated entry: before its business date, it is not there whatever the record time…
      expect(await figures('2021-02-28', afterBackdated)).toEqual([minor(2_000_000), '0', '0', minor(2_000_000)]);
      // …after it, only once it is recorded.
      expect(await figures('2021-03-31', beforeBackdated)).toEqual([minor(2_000_000), '0', '0', minor(2_000_000)]);
      expect(await figures('2021-03-31', afterBackdated)).toEqual([minor(2_500_000), '0', '0', minor(2_500_000)]);
      expect(await figures('2021-03-31')).toEqual([minor(2_500_000), '0', '0', minor(2_500_000)]);
      // Approved on 2021-06-10: 90,000 committed.
      expect(await figures('2021-06-09')).toEqual([minor(2_500_000), '0', '0', minor(2_500_000)]);
      expect(await figures('2021-06-30')).toEqual([minor(2_500_000), minor(90_000), '0', minor(2_410_000)]);
      expect(await figures('2021-06-30', beforeBackdated)).toEqual([
        minor(2_000_000),
        minor(90_000),
        '0',
        minor(1_910_000),
      ]);
      const july = await fund('2021-07-31');
      expect([july.contributed, july.disbursed, july.outstandingCommitments].map(amount)).toEqual([
        minor(2_850_000),
        minor(30_000),
        minor(60_000),
      ]);
      expect(july).toMatchObject({ asOf: '2021-07-31', knownAt: null, grantsApproved: 1, currency: 'MAD' });
      expect((await fund('2021-07-31', beforeBackdated)).knownAt).toBe(beforeBackdated.toISOString());

      const windows = await asOf.windows(fundId, { asOf: '2021-06-30' });
      expect(windows.items).toHaveLength(1);
      expect(windows.items[0]).toMatchObject({
        windowId,
        committed: { amountMinor: minor(90_000) },
        disbursed: { amountMinor: '0' },
        grantsApproved: 1,
        scheduleInForce: { version: 1, effectiveFrom: '2021-01-01' },
      });
      const donors = await asOf.donors(fundId, { asOf: '2021-03-31', knownAt: beforeBackdated });
      expect(donors.items).toEqual([
        expect.objectContaining({
          donorId,
          contributed: { amountMinor: minor(2_000_000), currency: 'MAD' },
          contributionCount: 1,
        }),
      ]);
      expect((await asOf.donor(fundId, donorId, { asOf: '2021-12-31' })).contributionCount).toBe(3);

      expect((await asOf.beneficiary(beneficiaryId, { asOf: '2021-06-09' })).years).toEqual([]);
      const year1 = (await asOf.beneficiary(beneficiaryId, { asOf: '2021-07-31' })).years[0];
      expect(year1).toMatchObject({
        participationYear: 1,
        windowId,
        fundId,
        grantsApproved: 1,
        eligibleCost: { amountMinor: minor(120_000) },
        subsidy: { amountMinor: minor(90_000) },
        ownShare: { amountMinor: minor(30_000) },
        effectiveRateBp: 7500,
        invoiced: { amountMinor: minor(40_000) },
        disbursed: { amountMinor: minor(30_000) },
      });
    });

    it('answers as of today, as known now, what the live read models show, for random histories', async () => {
      const queries = app.get(QueryBus);
      type Step =
        | { kind: 'contribute'; major: number; day: number }
        | { kind: 'grant'; eligible: number; beneficiary: number; approve: boolean }
        | { kind: 'disburse'; grant: number; invoice: number }
        | { kind: 'close'; grant: number }
        | { kind: 'cancel'; grant: number };
      const step: fc.Arbitrary<Step> = fc.oneof(
        fc.record({
          kind: fc.constant('contribute' as const),
          major: fc.integer({ min: 1, max: 400_000 }),
          day: fc.integer({ min: 1, max: 28 }),
        }),
        fc.record({
          kind: fc.constant('grant' as const),
          eligible: fc.integer({ min: 1_000, max: 400_000 }),
          beneficiary: fc.integer({ min: 0, max: 1 }),
          approve: fc.boolean(),
        }),
        fc.record({
          kind: fc.constant('disburse' as const),
          grant: fc.nat(),
          invoice: fc.integer({ min: 100, max: 200_000 }),
        }),
        fc.record({ kind: fc.constant('close' as const), grant: fc.nat() }),
        fc.record({ kind: fc.constant('cancel' as const), grant: fc.nat() }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 12 }), async (steps) => {
          const { fundId, windowId, donorId } = await moroccanFund(app, 300_000);
          const beneficiaries = [await enrol(app, 'A'), await enrol(app, 'B')];
          const grants: string[] = [];
          for (const s of steps) {
            try {
              if (s.kind === 'contribute')
                await contribute(fundId, donorId, s.major, `2021-08-${String(s.day).padStart(2, '0')}`);
              else if (s.kind === 'grant') {
                const grantId = await request(
                  app,
                  { fundId, windowId, beneficiaryId: beneficiaries[s.beneficiary] },
                  s.eligible,
                );
                grants.push(grantId);
                if (s.approve) await approve(app, grantId);
              } else if (grants.length > 0) {
                const grantId = grants[s.grant % grants.length];
                if (s.kind === 'disburse') await disburse(grantId, s.invoice, '2021-09-01');
                else if (s.kind === 'close')
                  await bus.execute(
                    new CloseGrantCommand({ type: 'CloseGrant', grantId, closedOn: '2021-10-01' }, context()),
                  );
                else
                  await bus.execute(
                    new CancelGrantCommand(
                      { type: 'CancelGrant', grantId, cancelledOn: '2021-06-20', reason: 'p' },
                      context(),
                    ),
                  );
              }
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
            }
          }
          await settle();
          const { asOf: _a, knownAt: _k, throughPosition: _t, ...fund } = await asOf.fund(fundId);
          // `reserved` (pending four-eyes proposals) is shown live only: a reservation is not a balance.
          const { reserved, ...liveFund } = await queries.execute(new GetFundQuery(fundId));
          expect(reserved.amountMinor).toBe('0');
          expect(fund).toEqual(liveFund);
          const liveWindows = (await queries.execute(new ListWindowsQuery(fundId))).items;
          const windows = (await asOf.windows(fundId)).items;
          expect(
            windows.map((w) => [w.windowId, w.committed, w.disbursed, w.releasedAtClosure, w.grantsApproved]),
          ).toEqual(
            liveWindows.map((w) => [w.windowId, w.committed, w.disbursed, w.releasedAtClosure, w.grantsApproved]),
          );
          const liveDonors = (await queries.execute(new ListDonorsQuery(fundId))).items;
          expect((await asOf.donors(fundId)).items.map((d) => [d.donorId, d.contributed, d.contributionCount])).toEqual(
            liveDonors.map((d) => [d.donorId, d.contributed, d.contributions.length]),
          );
          for (const beneficiaryId of beneficiaries) {
            const { firms: _f, ...live } = await queries.execute(new GetBeneficiaryQuery(beneficiaryId));
            const { asOf: _x, knownAt: _y, throughPosition: _z, ...now } = await asOf.beneficiary(beneficiaryId);
            expect(now).toEqual(live);
          }
        }),
        { numRuns: kind === 'embedded' ? 6 : 10 },
      );
    });

    it('rebuilds to identical movement and checkpoint rows', async () => {
      await settle();
      const before = await ledgerRows(runtime);
      expect(before.cofinancing_asof_movements.length).toBeGreaterThan(0);
      const runner = runtime.projections.find((p) => p.name === COFINANCING_BALANCES_PROJECTION) as ProjectionRunner;
      await runner.rebuild();
      expect(await ledgerRows(runtime)).toEqual(before);
    });
  });
}
