import { Money } from '@ledger/money';
import { BankConventionAmended, BankConventionTerminated } from '../convention';
import {
  ConventionExpired,
  ConventionNotYetValid,
  ConventionTerminated,
  InvalidInput,
  LoanAboveConventionMaximum,
  LoanAlreadyGuaranteed,
  MemberNotFound,
  MemberNotInGoodStanding,
  WrongCurrency,
} from '../errors';
import { GuaranteeWorld, SENEGAL, senegalCompanyEvents, senegalConventionEvents, xof } from '../senegal.fixtures';
import { AdmittedWithoutCapital, MemberLeftEvent } from '../test-events.fixtures';

const eur = (amount: number) => Money.ofMinor(BigInt(amount), 'EUR');

describe('guarantee', () => {
  describe('when not issued', () => {
    it('is issued with the guaranteed amount, and every stream of the decision gets its event', () => {
      const world = GuaranteeWorld.senegal();
      const decision = world.issue({ guaranteeId: 'g-1', loanReference: 'CNCAS-2008-17', principal: xof(10_000_000) });
      expect(decision.guarantee).toEqual([
        {
          type: 'guarantees.GuaranteeIssued',
          guaranteeId: 'g-1',
          companyId: SENEGAL.companyId,
          conventionId: SENEGAL.conventionId,
          bankId: 'CNCAS',
          memberId: 'firm-a',
          loanReference: 'CNCAS-2008-17',
          principal: xof(10_000_000),
          coverageRate: SENEGAL.coverage,
          guaranteedAmount: xof(5_000_000),
          termsVersion: 1,
          loanStartDate: '2008-05-01',
          maturityDate: '2010-05-01',
          issuedOn: '2008-05-01',
        },
      ]);
      expect(decision.convention.map((e) => e.type)).toEqual(['guarantees.ConventionExposureAdded']);
      expect(decision.company.map((e) => e.type)).toEqual(['guarantees.MemberLoanGuaranteed']);
      expect(decision.bankLoan).toEqual([
        expect.objectContaining({ bankId: 'CNCAS', loanReference: 'CNCAS-2008-17', guaranteeId: 'g-1' }),
      ]);
    });

    it('counts the guaranteed amount against the ceiling when the convention says so', () => {
      const world = GuaranteeWorld.senegal({ ceilingBasis: 'guaranteed-amount' });
      world.issue({ principal: xof(2_000_000_000) });
      expect(world.figures()).toMatchObject({ outstanding: xof(1_000_000_000), headroom: xof(0) });
    });

    it.each([
      ['a member who left', [MemberLeftEvent('firm-a')], 'left'],
      ['a member whose capital is not paid', [AdmittedWithoutCapital('firm-new')], 'capital-not-paid'],
    ])('is refused to %s', (_, extra, reason) => {
      const memberId = reason === 'left' ? 'firm-a' : 'firm-new';
      const world = new GuaranteeWorld([...senegalCompanyEvents(), ...extra], senegalConventionEvents());
      expect(() => world.issue({ principal: xof(1_000), memberId })).toThrow(
        expect.objectContaining({ constructor: MemberNotInGoodStanding, memberId, reason }),
      );
    });

    it('is refused to a member in default until the claim is recovered in full', () => {
      const world = GuaranteeWorld.senegal();
      const id = world.issue({ principal: xof(1_000_000) }).guaranteeId;
      world.call(id);
      expect(() => world.issue({ principal: xof(1_000) })).toThrow(MemberNotInGoodStanding);
      world.payClaim(id);
      world.recover(id, xof(200_000));
      expect(() => world.issue({ principal: xof(1_000) })).toThrow(expect.objectContaining({ reason: 'in-default' }));
      world.recover(id, xof(300_000));
      expect(world.issue({ principal: xof(1_000) }).guarantee).toHaveLength(1);
    });

    it('is refused to someone who is not a member', () => {
      expect(() => GuaranteeWorld.senegal().issue({ principal: xof(1_000), memberId: 'stranger' })).toThrow(
        MemberNotFound,
      );
    });

    it('is refused before the convention is valid, after it expired, and once it is terminated', () => {
      const world = GuaranteeWorld.senegal();
      expect(() => world.issue({ principal: xof(1_000), issuedOn: '2008-03-31' })).toThrow(ConventionNotYetValid);
      expect(() => world.issue({ principal: xof(1_000), issuedOn: '2011-01-01' })).toThrow(
        expect.objectContaining({ constructor: ConventionExpired, validUntil: '2010-12-31', on: '2011-01-01' }),
      );
      const terminated = new GuaranteeWorld(senegalCompanyEvents(), [
        ...senegalConventionEvents(),
        BankConventionTerminated.create({
          conventionId: SENEGAL.conventionId,
          companyId: SENEGAL.companyId,
          terminatedOn: '2009-01-01',
          reason: 'renegotiation',
        }),
      ]);
      expect(() => terminated.issue({ principal: xof(1_000) })).toThrow(ConventionTerminated);
    });

    it('uses the terms in effect on the issue date after an amendment', () => {
      const amendment = BankConventionAmended.create({
        conventionId: SENEGAL.conventionId,
        companyId: SENEGAL.companyId,
        amendedOn: '2009-01-01',
        terms: {
          version: 2,
          effectiveFrom: '2009-01-01',
          multiplier: SENEGAL.multiplier,
          coverageRate: SENEGAL.coverage,
          ceilingBasis: 'loan-principal',
          maxGuaranteedPerLoan: xof(10_000_000),
          validUntil: '2012-12-31',
        },
      });
      const world = new GuaranteeWorld(senegalCompanyEvents(), [...senegalConventionEvents(), amendment]);
      // Before the amendment: no per-loan maximum.
      expect(world.issue({ principal: xof(30_000_000), issuedOn: '2008-12-31' }).guarantee[0]).toMatchObject({
        termsVersion: 1,
      });
      expect(() => world.issue({ principal: xof(30_000_000), issuedOn: '2009-01-01' })).toThrow(
        expect.objectContaining({
          constructor: LoanAboveConventionMaximum,
          maximum: xof(10_000_000),
          requested: xof(15_000_000),
        }),
      );
      // The amendment extended the validity.
      expect(world.issue({ principal: xof(20_000_000), issuedOn: '2011-06-01' }).guarantee[0]).toMatchObject({
        termsVersion: 2,
      });
    });

    it('is refused for a loan already guaranteed at the same bank', () => {
      const world = GuaranteeWorld.senegal();
      world.issue({ guaranteeId: 'g-1', loanReference: 'L-1', principal: xof(1_000) });
      expect(() => world.issue({ guaranteeId: 'g-2', loanReference: 'L-1', principal: xof(1_000) })).toThrow(
        expect.objectContaining({ constructor: LoanAlreadyGuaranteed, guaranteeId: 'g-1' }),
      );
    });

    it('is refused in another currency, naming the field, or for a zero principal', () => {
      const world = GuaranteeWorld.senegal();
      expect(() => world.issue({ principal: eur(1_000) })).toThrow(
        expect.objectContaining({ constructor: WrongCurrency, field: 'principal.currency', expected: 'XOF' }),
      );
      expect(() => world.issue({ principal: xof(0) })).toThrow(
        expect.objectContaining({ constructor: InvalidInput, field: 'principal.amountMinor' }),
      );
      expect(() => world.issue({ principal: xof(1), maturityDate: '2008-05-01' })).toThrow(
        expect.objectContaining({ field: 'maturityDate' }),
      );
    });
  });
});
