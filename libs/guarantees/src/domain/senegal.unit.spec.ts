import { Ratio } from '@ledger/money';
import { capacityOf } from './convention';
import { InsufficientHeadroom } from './errors';
import { GuaranteeWorld, SENEGAL, xof } from './senegal.fixtures';

describe('Senegal PAPES: a 340,000,000 XOF guarantee fund and credit up to 1,000,000,000 XOF', () => {
  it('the multiplier 1,000,000,000 / 340,000,000 is kept exact (50/17) and gives exactly 1 billion', () => {
    expect(SENEGAL.multiplier.toString()).toBe('50/17');
    expect(capacityOf(SENEGAL.fund, SENEGAL.multiplier)).toEqual(xof(1_000_000_000));
    // A rounded decimal would drift: 2.94 gives 400,000 XOF less credit.
    expect(capacityOf(SENEGAL.fund, Ratio.parseDecimal('2.94'))).toEqual(xof(999_600_000));
  });

  describe('given the fund deposited and the convention signed', () => {
    it('has a capacity of 1,000,000,000 and nothing outstanding', () => {
      const world = GuaranteeWorld.senegal();
      expect(world.figures()).toMatchObject({ capacity: xof(1_000_000_000), outstanding: xof(0) });
      expect(world.figures().headroom).toEqual(xof(1_000_000_000));
    });

    it('issues guarantees up to exactly the ceiling, then refuses the next one naming the headroom', () => {
      const world = GuaranteeWorld.senegal();
      world.issue({ principal: xof(340_000_000), memberId: 'firm-a' });
      world.issue({ principal: xof(330_000_000), memberId: 'firm-b' });
      const last = world.issue({ principal: xof(330_000_000), memberId: 'firm-c' });
      expect(last.headroomAfter).toEqual(xof(0));
      expect(world.figures()).toMatchObject({ outstanding: xof(1_000_000_000), headroom: xof(0) });

      const refusal = catchError(() => world.issue({ principal: xof(1), memberId: 'firm-a' }));
      expect(refusal).toBeInstanceOf(InsufficientHeadroom);
      expect(refusal).toMatchObject({
        headroom: xof(0),
        requested: xof(1),
        capacity: xof(1_000_000_000),
        outstanding: xof(1_000_000_000),
      });
      expect((refusal as InsufficientHeadroom).details).toMatchObject({
        headroom: { amountMinor: '0', currency: 'XOF' },
        requested: { amountMinor: '1', currency: 'XOF' },
      });
    });

    it('refuses a loan bigger than the headroom left, with that headroom', () => {
      const world = GuaranteeWorld.senegal();
      world.issue({ principal: xof(900_000_000) });
      expect(() => world.issue({ principal: xof(100_000_001) })).toThrow(
        expect.objectContaining({ headroom: xof(100_000_000), requested: xof(100_000_001) }),
      );
      expect(world.issue({ principal: xof(100_000_000) }).headroomAfter).toEqual(xof(0));
    });

    it('the guaranteed amount is coverage × principal rounded down', () => {
      const world = GuaranteeWorld.senegal();
      expect(world.issue({ principal: xof(100_000_001) }).guaranteedAmount).toEqual(xof(50_000_000));
    });
  });

  describe('when a claim is paid and recovered', () => {
    it('lowers capacity by fund drop × multiplier, shows a negative headroom, and the recovery raises it back', () => {
      const world = GuaranteeWorld.senegal();
      const defaulted = world.issue({ principal: xof(340_000_000), memberId: 'firm-a' }).guaranteeId;
      world.issue({ principal: xof(330_000_000), memberId: 'firm-b' });
      world.issue({ principal: xof(330_000_000), memberId: 'firm-c' });

      // Default: the claim is 50 % of the outstanding; the called loan stops counting.
      const call = world.call(defaulted);
      expect(call.guarantee[0]).toMatchObject({
        claimAmount: xof(170_000_000),
        outstandingAtDefault: xof(340_000_000),
      });
      expect(world.figures()).toMatchObject({ capacity: xof(1_000_000_000), outstanding: xof(660_000_000) });

      // The fund pays 170,000,000: capacity falls by 170,000,000 × 50/17 = 500,000,000.
      world.payClaim(defaulted);
      expect(world.fundBalance()).toEqual(xof(170_000_000));
      expect(world.figures().capacity).toEqual(xof(500_000_000));
      expect(world.figures().headroom).toEqual(xof(-160_000_000));
      expect(() => world.issue({ principal: xof(1), memberId: 'firm-b' })).toThrow(
        expect.objectContaining({ headroom: xof(-160_000_000), requested: xof(1) }),
      );

      // 85,000,000 recovered: the fund is 255,000,000 and capacity 750,000,000.
      world.recover(defaulted, xof(85_000_000));
      expect(world.fundBalance()).toEqual(xof(255_000_000));
      expect(world.figures()).toMatchObject({ capacity: xof(750_000_000), headroom: xof(90_000_000) });
      // Issued after the recovery (2008-09-01); dated 2008-05-01 it would stand beside the three first loans.
      expect(() => world.issue({ principal: xof(90_000_000), memberId: 'firm-b' })).toThrow(
        expect.objectContaining({ on: '2008-05-01', limit: 'convention', headroom: xof(0) }),
      );
      expect(
        world.issue({ principal: xof(90_000_000), memberId: 'firm-b', issuedOn: '2008-09-02' }).headroomAfter,
      ).toEqual(xof(0));
    });

    it('a drop that is not a multiple of 17 lowers capacity to floor(new fund × 50/17)', () => {
      const world = GuaranteeWorld.senegal();
      const id = world.issue({ principal: xof(200_000_001) }).guaranteeId;
      world.call(id);
      world.payClaim(id); // floor(200,000,001 / 2) = 100,000,000
      expect(world.fundBalance()).toEqual(xof(240_000_000));
      // 240,000,000 × 50 / 17 = 705,882,352.94… → 705,882,352
      expect(world.figures().capacity).toEqual(xof(705_882_352));
    });
  });
});

function catchError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
