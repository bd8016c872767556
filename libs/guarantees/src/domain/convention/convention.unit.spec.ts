import { BasisPoints, Money, Ratio } from '@ledger/money';
import { companyModel, type RegisteredCompany } from '../company';
import {
  amendConvention,
  conventionModel,
  signConvention,
  terminateConvention,
  termsInEffect,
  type ConventionEvent,
  type SignConvention,
  type SignedConvention,
} from '.';
import { AlreadyExists, ConventionNotFound, ConventionTerminated, InvalidInput, WrongCurrency } from '../errors';
import { fold, GuaranteeWorld, SENEGAL, senegalCompanyEvents, senegalConventionEvents, xof } from '../senegal.fixtures';

const company = fold(companyModel, senegalCompanyEvents()) as RegisteredCompany;
const given = (events: readonly ConventionEvent[]) => fold(conventionModel, events);

const signing: SignConvention = {
  conventionId: SENEGAL.conventionId,
  companyId: SENEGAL.companyId,
  bankId: SENEGAL.bankId,
  multiplier: SENEGAL.multiplier,
  coverageRate: SENEGAL.coverage,
  ceilingBasis: 'loan-principal',
  maxGuaranteedPerLoan: null,
  validFrom: '2008-04-01',
  validUntil: '2010-12-31',
  signedOn: '2008-03-20',
};

describe('bank convention', () => {
  describe('when not signed', () => {
    it('is signed with its first version of terms, effective from its start', () => {
      expect(signConvention(signing, given([]), company)).toEqual(senegalConventionEvents());
    });

    it.each([
      [{ multiplier: Ratio.ZERO }, 'multiplier'],
      [{ coverageRate: BasisPoints.ZERO }, 'coverageRate'],
      [{ validUntil: '2008-03-31' }, 'validUntil'],
      [{ maxGuaranteedPerLoan: xof(0) }, 'maxGuaranteedPerLoan.amountMinor'],
    ])('refuses terms %j naming the field', (change, fieldName) => {
      expect(() => signConvention({ ...signing, ...change }, given([]), company)).toThrow(
        expect.objectContaining({ constructor: InvalidInput, field: fieldName }),
      );
    });

    it('refuses a per-loan maximum in another currency', () => {
      expect(() =>
        signConvention({ ...signing, maxGuaranteedPerLoan: Money.ofMinor(1n, 'EUR') }, given([]), company),
      ).toThrow(expect.objectContaining({ constructor: WrongCurrency, field: 'maxGuaranteedPerLoan.currency' }));
    });

    it('cannot be amended or terminated', () => {
      expect(() =>
        amendConvention({ effectiveFrom: '2009-01-01', amendedOn: '2009-01-01' }, given([]), 'c', company),
      ).toThrow(ConventionNotFound);
      expect(() => terminateConvention({ terminatedOn: '2009-01-01', reason: '' }, given([]), 'c')).toThrow(
        ConventionNotFound,
      );
    });
  });

  describe('when in force', () => {
    const signed = senegalConventionEvents();

    it('cannot be signed again', () => {
      expect(() => signConvention(signing, given(signed), company)).toThrow(AlreadyExists);
    });

    it('is amended by a new version of its terms, from a date, keeping what is not changed', () => {
      const [amended] = amendConvention(
        { effectiveFrom: '2009-07-01', amendedOn: '2009-06-15', multiplier: Ratio.parseDecimal('2.5') },
        given(signed),
        SENEGAL.conventionId,
        company,
      );
      expect(amended).toMatchObject({
        type: 'guarantees.BankConventionAmended',
        terms: {
          version: 2,
          effectiveFrom: '2009-07-01',
          multiplier: Ratio.of(5n, 2n),
          coverageRate: BasisPoints.of(5_000),
          validUntil: '2010-12-31',
        },
      });
      const state = given([...signed, amended]) as SignedConvention;
      expect(termsInEffect(state, '2009-06-30').version).toBe(1);
      expect(termsInEffect(state, '2009-07-01').multiplier.toString()).toBe('5/2');
    });

    it('refuses an amendment dated before the terms in force', () => {
      expect(() =>
        amendConvention(
          { effectiveFrom: '2008-01-01', amendedOn: '2009-01-01' },
          given(signed),
          SENEGAL.conventionId,
          company,
        ),
      ).toThrow(expect.objectContaining({ field: 'effectiveFrom' }));
    });

    it('is terminated once', () => {
      const events = terminateConvention(
        { terminatedOn: '2009-12-31', reason: ' end of programme ' },
        given(signed),
        SENEGAL.conventionId,
      );
      expect(events).toEqual([
        {
          type: 'guarantees.BankConventionTerminated',
          conventionId: SENEGAL.conventionId,
          companyId: SENEGAL.companyId,
          terminatedOn: '2009-12-31',
          reason: 'end of programme',
        },
      ]);
      expect(() =>
        terminateConvention(
          { terminatedOn: '2010-01-01', reason: 'again' },
          given([...signed, ...events]),
          SENEGAL.conventionId,
        ),
      ).toThrow(ConventionTerminated);
    });

    it('survives a snapshot round trip with exposure on it', () => {
      const world = GuaranteeWorld.senegal();
      world.issue({ principal: xof(123_456_789) });
      const snapshot = conventionModel.snapshot!;
      expect(snapshot.decode(JSON.parse(JSON.stringify(snapshot.encode(world.convention))))).toEqual(world.convention);
    });
  });
});
