import fc from 'fast-check';
import { DomainError } from '@ledger/kernel';
import { Money, Ratio } from '@ledger/money';
import { capacityOf } from './convention';
import {
  IllegalGuaranteeTransition,
  InsufficientGuaranteeFund,
  InsufficientHeadroom,
  MemberNotInGoodStanding,
} from './errors';
import type { IssuedGuarantee } from './guarantee';
import { GuaranteeWorld, SENEGAL, xof } from './senegal.fixtures';

describe('capacity', () => {
  it('is floor(fund × n / d) for every fund balance and multiplier', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (fund, n, d) => {
          const capacity = capacityOf(xof(fund), Ratio.of(n, d)).amountMinor;
          // The largest integer c with c × d ≤ fund × n: exact, never rounded up.
          expect(capacity * d <= fund * n).toBe(true);
          expect((capacity + 1n) * d > fund * n).toBe(true);
        },
      ),
    );
  });

  it('does not depend on how the multiplier is written', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (fund, k) => {
        expect(capacityOf(xof(fund), Ratio.of(1_000_000_000n * k, 340_000_000n * k))).toEqual(
          capacityOf(xof(fund), SENEGAL.multiplier),
        );
      }),
    );
  });
});

type Step =
  | { kind: 'issue'; principal: bigint; member: number }
  | { kind: 'repay'; pick: number; part: number }
  | { kind: 'call'; pick: number }
  | { kind: 'pay'; pick: number; part: number }
  | { kind: 'recover'; pick: number; part: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('issue' as const),
      principal: fc.bigInt({ min: 1n, max: 400_000_000n }),
      member: fc.nat(2),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('repay' as const),
      pick: fc.nat(),
      part: fc.integer({ min: 1, max: 100 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('call' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('pay' as const), pick: fc.nat(), part: fc.integer({ min: 1, max: 100 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('recover' as const),
      pick: fc.nat(),
      part: fc.integer({ min: 1, max: 100 }),
    }),
  },
);

/** part % of an amount, at least 1 minor unit. */
const share = (amount: Money, part: number): Money =>
  Money.ofMinor(BigInt(Math.max(1, Number((amount.amountMinor * BigInt(part)) / 100n))), amount.currency);

describe('any sequence of issuances, repayments, calls, claim payments and recoveries', () => {
  it('keeps the outstanding within capacity at every issuance, claims within the guaranteed outstanding, and the books balanced', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const world = GuaranteeWorld.senegal();
        const ids: string[] = [];
        let claimsPaid = 0n;
        let recovered = 0n;
        // Each step on its own business day, in the order recorded (dates coherent, as the ledger requires).
        let day = 0;
        for (const s of steps) {
          day += 1;
          const on = new Date(Date.UTC(2008, 4, 1 + day)).toISOString().slice(0, 10);
          if (s.kind !== 'issue' && ids.length === 0) continue;
          const id = s.kind === 'issue' ? '' : ids[s.pick % ids.length];
          const before = world.figures();
          try {
            switch (s.kind) {
              case 'issue': {
                const issued = world.issue({
                  principal: xof(s.principal),
                  memberId: SENEGAL.members[s.member],
                  issuedOn: on,
                });
                ids.push(issued.guaranteeId);
                // Accepted only with room for it, and the outstanding stays within capacity.
                expect(before.headroom.greaterThanOrEqual(xof(s.principal))).toBe(true);
                expect(world.figures().outstanding.lessThanOrEqual(world.figures().capacity)).toBe(true);
                break;
              }
              case 'repay': {
                const g = world.guarantee(id) as IssuedGuarantee;
                if (g.status === 'active') world.repay(id, share(g.outstandingPrincipal, s.part), on);
                else expect(() => world.repay(id, xof(1), on)).toThrow(IllegalGuaranteeTransition);
                break;
              }
              case 'call':
                world.call(id, on);
                break;
              case 'pay': {
                const g = world.guarantee(id) as IssuedGuarantee;
                if (g.status === 'called' && g.claim.greaterThan(g.claimPaid)) {
                  const amount = share(g.claim.minus(g.claimPaid), s.part);
                  world.payClaim(id, amount, on);
                  claimsPaid += amount.amountMinor;
                } else world.payClaim(id, null, on);
                break;
              }
              case 'recover': {
                const g = world.guarantee(id) as IssuedGuarantee;
                if (g.status === 'called' && g.claimPaid.greaterThan(g.recovered)) {
                  const amount = share(g.claimPaid.minus(g.recovered), s.part);
                  world.recover(id, amount, on);
                  recovered += amount.amountMinor;
                } else world.recover(id, xof(1), on);
                break;
              }
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            if (error instanceof InsufficientHeadroom) {
              expect(error.headroom).toEqual(before.headroom);
              expect(before.headroom.lessThan(error.requested)).toBe(true);
            } else {
              // The only other refusals a valid sequence can meet.
              expect(
                [IllegalGuaranteeTransition, MemberNotInGoodStanding, InsufficientGuaranteeFund].some(
                  (type) => error instanceof type,
                ),
              ).toBe(true);
            }
          }
          // The convention's outstanding is the sum over active guarantees; called loans do not count.
          const guarantees = [...world.guarantees.values()] as IssuedGuarantee[];
          const active = guarantees.filter((g) => g.status === 'active');
          expect(world.figures().outstanding).toEqual(
            Money.sum(
              active.map((g) => (g.status === 'active' ? g.outstandingPrincipal : xof(0))),
              'XOF',
            ),
          );
          for (const g of guarantees) {
            if (g.status === 'called') {
              expect(g.claim).toEqual(g.outstandingAtDefault.applyRate(g.coverageRate));
              expect(g.claimPaid.lessThanOrEqual(g.claim)).toBe(true);
              expect(g.recovered.lessThanOrEqual(g.claimPaid)).toBe(true);
            }
          }
          expect(world.fundBalance()).toEqual(xof(340_000_000n - claimsPaid + recovered));
          expect(world.fundBalance().isNegative()).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});
