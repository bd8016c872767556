import fc from 'fast-check';
import { conventionStatusOn, conventionStatusToday } from './status';

// The Senegalese convention: valid from 1 April 2008 to 31 December 2010.
const convention = { validFrom: '2008-04-01', validUntil: '2010-12-31', terminatedOn: null };

describe("a convention's status on a date, worked out when read", () => {
  it('is not yet in force before validFrom, in force through validUntil, expired after it', () => {
    expect(conventionStatusOn(convention, '2008-03-31')).toBe('not-yet-in-force');
    expect(conventionStatusOn(convention, '2008-04-01')).toBe('in-force');
    expect(conventionStatusOn(convention, '2010-12-31')).toBe('in-force');
    // Not "in-force", as the stored status read before: no event marks an expiry.
    expect(conventionStatusOn(convention, '2011-01-01')).toBe('expired');
    expect(conventionStatusOn(convention, '2026-12-04')).toBe('expired');
  });

  it('is terminated from its termination date (as of an earlier date, by its dates)', () => {
    const terminated = { ...convention, terminatedOn: '2009-06-30' };
    expect(conventionStatusOn(terminated, '2009-06-29')).toBe('in-force');
    expect(conventionStatusOn(terminated, '2009-06-30')).toBe('terminated');
    expect(conventionStatusOn(terminated, '2012-01-01')).toBe('terminated');
    // Today, once its termination is recorded, whatever the date: the domain refuses every issuance.
    expect(conventionStatusToday({ ...convention, terminatedOn: '2026-12-05' }, '2026-12-04')).toBe('terminated');
  });

  it('is in force exactly on the dates termsInEffect accepts', () => {
    const day = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (on) => {
        const inside = on >= convention.validFrom && on <= convention.validUntil;
        expect(conventionStatusOn(convention, on) === 'in-force').toBe(inside);
      }),
    );
  });
});
