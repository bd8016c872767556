import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import fc from 'fast-check';
import { DomainError } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import {
  ApproveGrantCommand,
  CancelGrantCommand,
  CloseGrantCommand,
  CofinancingBalancesAsOf,
  DisburseGrantCommand,
  RecordContributionCommand,
  RequestGrantCommand,
} from '@ledger/cofinancing';
import { context, enrol, mad, moroccanFund } from '@ledger/cofinancing/testing';
import { createApp } from '../../apps/api/src/bootstrap';

/** Day n after 2021-01-01, as a business date. */
const day = (n: number) => new Date(Date.UTC(2021, 0, 1 + n)).toISOString().slice(0, 10);

/** Contributions and requests on a day of the two years; the rest some days after their grant's request. */
type Step =
  | { kind: 'contribute'; major: number; on: number }
  | { kind: 'request'; eligible: number; beneficiary: number; on: number }
  | { kind: 'approve'; grant: number; after: number }
  | { kind: 'disburse'; grant: number; invoice: number; after: number }
  | { kind: 'close'; grant: number; after: number }
  | { kind: 'cancel'; grant: number; after: number };

/** Business dates over two years, in any order: the fund is created 2021-01-01, the consortia enrolled 2021-03-15. */
const on = fc.integer({ min: 0, max: 730 });
const after = fc.integer({ min: -10, max: 300 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('contribute' as const), major: fc.integer({ min: 1_000, max: 150_000 }), on }),
  fc.record({
    kind: fc.constant('request' as const),
    eligible: fc.integer({ min: 1_000, max: 300_000 }),
    beneficiary: fc.integer({ min: 0, max: 1 }),
    on,
  }),
  fc.record({ kind: fc.constant('approve' as const), grant: fc.nat(), after }),
  fc.record({
    kind: fc.constant('disburse' as const),
    grant: fc.nat(),
    invoice: fc.integer({ min: 100, max: 100_000 }),
    after,
  }),
  fc.record({ kind: fc.constant('close' as const), grant: fc.nat(), after }),
  fc.record({ kind: fc.constant('cancel' as const), grant: fc.nat(), after }),
);

/**
 * Issue #15: every as-of balance stays non-negative wherever the live balance must. Random
 * contributions, requests, approvals, disbursements, closures and cancellations with random
 * business dates, sent in random order through the real command handlers (refusals allowed:
 * they write nothing); then the fund, its windows and the beneficiaries are read as of every
 * date that appears, and the day before it.
 */
for (const kind of testDatabaseKinds()) {
  describe(`as-of balances never go negative, whatever the order of the dates, on ${kind}`, () => {
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

    it('available, committed, disbursed and outstanding ≥ 0 as of every date, for the fund, its windows and beneficiaries', async () => {
      let accepted = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 16 }), async (steps) => {
          const { fundId, windowId, donorId } = await moroccanFund(app, 20_000); // 2021-01-10
          const beneficiaries = [await enrol(app, 'A'), await enrol(app, 'B')];
          const grants: { grantId: string; requestedOn: number }[] = [];
          const dates = new Set<string>(['2021-01-10']);
          const pick = (n: number) => grants[n % grants.length].grantId;
          for (const s of steps) {
            const date =
              'on' in s
                ? day(s.on)
                : grants.length > 0
                  ? day(grants[s.grant % grants.length].requestedOn + s.after)
                  : '';
            try {
              if (s.kind === 'contribute') {
                await bus.execute(
                  new RecordContributionCommand(
                    {
                      type: 'RecordContribution',
                      fundId,
                      contributionId: randomUUID(),
                      donorId,
                      amount: mad(s.major),
                      receivedOn: date,
                      reference: `REF-${date}`,
                    },
                    context(),
                  ),
                );
              } else if (s.kind === 'request') {
                const grantId = randomUUID();
                await bus.execute(
                  new RequestGrantCommand(
                    {
                      type: 'RequestGrant',
                      grantId,
                      fundId,
                      windowId,
                      beneficiaryId: beneficiaries[s.beneficiary],
                      serviceProvider: 'Maroc Export',
                      description: 'trade fair',
                      eligibleCost: mad(s.eligible),
                      requestedOn: date,
                    },
                    context(),
                  ),
                );
                grants.push({ grantId, requestedOn: s.on });
              } else if (grants.length === 0) {
                continue;
              } else if (s.kind === 'approve') {
                await bus.execute(
                  new ApproveGrantCommand(
                    { type: 'ApproveGrant', grantId: pick(s.grant), approvedOn: date },
                    context(),
                  ),
                );
              } else if (s.kind === 'disburse') {
                await bus.execute(
                  new DisburseGrantCommand(
                    {
                      type: 'DisburseGrant',
                      grantId: pick(s.grant),
                      disbursementId: randomUUID(),
                      invoiceReference: `INV-${randomUUID().slice(0, 8)}`,
                      invoiceDate: date,
                      invoiceAmount: mad(s.invoice),
                      disbursedOn: date,
                    },
                    context(),
                  ),
                );
              } else if (s.kind === 'close') {
                await bus.execute(
                  new CloseGrantCommand({ type: 'CloseGrant', grantId: pick(s.grant), closedOn: date }, context()),
                );
              } else {
                await bus.execute(
                  new CancelGrantCommand(
                    { type: 'CancelGrant', grantId: pick(s.grant), cancelledOn: date, reason: 'withdrawn' },
                    context(),
                  ),
                );
              }
              accepted += 1;
              dates.add(date);
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              refused += 1;
            }
          }
          await settle();
          const checked = [...dates].flatMap((date) => {
            const previous = new Date(`${date}T00:00:00Z`);
            previous.setUTCDate(previous.getUTCDate() - 1);
            return [date, previous.toISOString().slice(0, 10)];
          });
          const negative: string[] = [];
          const check = (where: string, figures: Record<string, { amountMinor: string }>) => {
            for (const [name, figure] of Object.entries(figures)) {
              if (BigInt(figure.amountMinor) < 0n) negative.push(`${where} ${name} ${figure.amountMinor}`);
            }
          };
          for (const date of checked) {
            const fund = await asOf.fund(fundId, { asOf: date });
            check(`fund as of ${date}:`, {
              contributed: fund.contributed,
              committed: fund.committed,
              disbursed: fund.disbursed,
              available: fund.available,
              outstanding: fund.outstandingCommitments,
            });
            for (const window of (await asOf.windows(fundId, { asOf: date })).items) {
              check(`window as of ${date}:`, {
                committed: window.committed,
                disbursed: window.disbursed,
                outstanding: {
                  amountMinor: (BigInt(window.committed.amountMinor) - BigInt(window.disbursed.amountMinor)).toString(),
                },
              });
            }
            for (const beneficiaryId of beneficiaries) {
              for (const year of (await asOf.beneficiary(beneficiaryId, { asOf: date })).years) {
                check(`beneficiary year ${year.participationYear} as of ${date}:`, {
                  subsidy: year.subsidy,
                  disbursed: year.disbursed,
                  undisbursed: {
                    amountMinor: (
                      BigInt(year.subsidy.amountMinor) -
                      BigInt(year.disbursed.amountMinor) -
                      BigInt(year.releasedAtClosure.amountMinor)
                    ).toString(),
                  },
                });
              }
            }
          }
          expect(negative).toEqual([]);
        }),
        { numRuns: kind === 'embedded' ? 12 : 20 },
      );
      // The property is not vacuous: commands of both kinds happened.
      expect(accepted).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    });
  });
}
