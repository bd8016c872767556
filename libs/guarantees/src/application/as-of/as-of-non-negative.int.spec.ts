import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DomainError } from '@ledger/kernel';
import { testDatabaseKinds } from '@ledger/testing';
import { DepositGuaranteeFundCommand } from '../commands/deposit-guarantee-fund.command';
import { IssueGuaranteeCommand } from '../commands/issue-guarantee.command';
import { RecordRepaymentCommand } from '../commands/record-repayment.command';
import { WithdrawGuaranteeFundCommand } from '../commands/withdraw-guarantee-fund.command';
import { context, openGuaranteesApp, senegalCompany, xof, type GuaranteesTestApp } from '../int-test-support';
import { GuaranteeBalancesAsOf } from './guarantee-balances-as-of.service';

/*
 * Issue #15: every as-of balance stays non-negative wherever the live one must. Random sequences of
 * deposits, withdrawals, issuances and repayments, recorded in random business-date order on the
 * Senegal company (340,000,000 XOF on 2008-03-01, convention 1,000,000,000 / 340,000,000): whatever
 * the ledger accepts, the as-of services show, on every date the sequence used (and the day before
 * each), a fund balance ≥ 0 and a headroom ≥ 0 for the convention and the company. No claim is paid
 * here: only claims may make a headroom negative (and show it).
 */

type Step =
  | { readonly kind: 'deposit'; readonly amount: number; readonly day: number }
  | { readonly kind: 'withdraw'; readonly pick: number; readonly part: number; readonly day: number }
  | { readonly kind: 'issue'; readonly principal: number; readonly day: number }
  | { readonly kind: 'repay'; readonly pick: number; readonly part: number; readonly day: number };

const day = fc.integer({ min: 0, max: 900 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('deposit' as const),
      amount: fc.integer({ min: 1, max: 400_000_000 }),
      day,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      pick: fc.nat(),
      part: fc.integer({ min: 1, max: 100 }),
      day,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('issue' as const),
      principal: fc.integer({ min: 100_000_000, max: 800_000_000 }),
      day,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('repay' as const),
      pick: fc.nat(),
      part: fc.integer({ min: 1, max: 100 }),
      day,
    }),
  },
);

/** 2008-03-01 plus `n` days. */
const dateOf = (n: number) => new Date(Date.UTC(2008, 2, 1 + n)).toISOString().slice(0, 10);
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const share = (amount: number, part: number) => Math.max(1, Math.floor((amount * part) / 100));

for (const kind of testDatabaseKinds()) {
  describe(`as-of balances over random business-date orders, on ${kind}`, () => {
    let t: GuaranteesTestApp;
    let asOf: GuaranteeBalancesAsOf;

    beforeAll(async () => {
      t = await openGuaranteesApp(kind);
      asOf = t.app.get(GuaranteeBalancesAsOf);
    });
    afterAll(() => t.close());

    it('never shows a negative fund or headroom as of any date', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 15 }), async (steps) => {
          const { commands } = t;
          const { companyId, conventionId, members } = await senegalCompany(commands, 1);
          const deposits: { depositId: string; amount: number }[] = [];
          const loans: { guaranteeId: string; principal: number }[] = [];
          const dates = new Set<string>(['2008-03-01']);
          const attempt = async (run: () => Promise<unknown>) => {
            try {
              return await run();
            } catch (error) {
              // A refusal is a typed domain error; nothing else may escape.
              expect(error).toBeInstanceOf(DomainError);
              return null;
            }
          };
          for (const s of steps) {
            const on = dateOf(s.day);
            dates.add(on);
            switch (s.kind) {
              case 'deposit': {
                const depositId = randomUUID();
                const done = await attempt(() =>
                  commands.execute(
                    new DepositGuaranteeFundCommand(
                      {
                        type: 'DepositGuaranteeFund',
                        companyId,
                        depositId,
                        bankId: 'CNCAS',
                        amount: xof(s.amount),
                        termDepositReference: `DAT-${depositId.slice(0, 8)}`,
                        depositedOn: on,
                        maturesOn: null,
                      },
                      context,
                    ),
                  ),
                );
                if (done) deposits.push({ depositId, amount: s.amount });
                break;
              }
              case 'withdraw': {
                if (deposits.length === 0) break;
                const deposit = deposits[s.pick % deposits.length];
                await attempt(() =>
                  commands.execute(
                    new WithdrawGuaranteeFundCommand(
                      {
                        type: 'WithdrawGuaranteeFund',
                        companyId,
                        depositId: deposit.depositId,
                        amount: xof(share(deposit.amount, s.part)),
                        withdrawnOn: on,
                      },
                      context,
                    ),
                  ),
                );
                break;
              }
              case 'issue': {
                const issued = (await attempt(() =>
                  commands.execute(
                    new IssueGuaranteeCommand(
                      {
                        conventionId,
                        memberId: members[0],
                        loanReference: `L-${randomUUID().slice(0, 8)}`,
                        principal: xof(s.principal),
                        loanStartDate: on,
                        maturityDate: '2011-12-31',
                        issuedOn: on,
                      },
                      context,
                    ),
                  ),
                )) as { guaranteeId: string } | null;
                if (issued) loans.push({ guaranteeId: issued.guaranteeId, principal: s.principal });
                break;
              }
              case 'repay': {
                if (loans.length === 0) break;
                const loan = loans[s.pick % loans.length];
                await attempt(() =>
                  commands.execute(
                    new RecordRepaymentCommand(
                      { guaranteeId: loan.guaranteeId, amount: xof(share(loan.principal, s.part)), repaidOn: on },
                      context,
                    ),
                  ),
                );
                break;
              }
            }
          }
          await t.runtime.waitForProjections(await t.runtime.store.headPosition());
          const read = [...dates].flatMap((d) => [dayBefore(d), d]).filter((d) => d >= '2008-03-20');
          for (const date of read) {
            const company = await asOf.company(companyId, { asOf: date });
            const convention = await asOf.convention(conventionId, { asOf: date });
            expect({ date, fund: BigInt(company.fundBalance.amountMinor) >= 0n }).toEqual({ date, fund: true });
            expect({ date, headroom: BigInt(convention.headroom.amountMinor) >= 0n }).toEqual({ date, headroom: true });
            expect({ date, company: BigInt(company.headroom.amountMinor) >= 0n }).toEqual({ date, company: true });
          }
        }),
        { numRuns: 25, endOnFailure: true },
      );
    }, 300_000);
  });
}
