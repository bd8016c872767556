import {
  ClaimExceedsGuaranteedOutstanding,
  GuaranteeNotFound,
  IllegalGuaranteeTransition,
  InsufficientGuaranteeFund,
  RecoveryExceedsClaimPaid,
  RepaymentExceedsOutstanding,
} from '../errors';
import { GuaranteeWorld, SENEGAL, senegalCompanyEvents, senegalConventionEvents, xof } from '../senegal.fixtures';

describe('guarantee', () => {
  describe('when not issued', () => {
    it.each(['repay', 'call', 'payClaim', 'recover'] as const)('cannot be %s-ed: it does not exist', (action) => {
      const world = GuaranteeWorld.senegal();
      expect(() =>
        action === 'call'
          ? world.call('nope')
          : action === 'payClaim'
            ? world.payClaim('nope')
            : world[action]('nope', xof(1)),
      ).toThrow(GuaranteeNotFound);
    });
  });

  describe('when active', () => {
    it('repayments lower the outstanding and the guaranteed outstanding (rounded down)', () => {
      const world = GuaranteeWorld.senegal();
      const id = world.issue({ principal: xof(10_000_001) }).guaranteeId;
      const decision = world.repay(id, xof(2_000_000));
      expect(decision.guarantee).toEqual([
        expect.objectContaining({
          outstandingPrincipal: xof(8_000_001),
          guaranteedOutstanding: xof(4_000_000),
        }),
      ]);
      expect(decision.convention[0]).toMatchObject({
        reason: 'repayment',
        principal: xof(2_000_000),
        guaranteed: xof(1_000_000),
      });
      expect(decision.company).toEqual([]);
      expect(world.figures().outstanding).toEqual(xof(8_000_001));
    });

    it('is released by the repayment that brings the outstanding to zero', () => {
      const world = GuaranteeWorld.senegal();
      const id = world.issue({ principal: xof(10_000_000) }).guaranteeId;
      world.repay(id, xof(4_000_000));
      const decision = world.repay(id, xof(6_000_000), '2009-01-01');
      expect(decision.guarantee.map((e) => e.type)).toEqual([
        'guarantees.LoanRepaymentRecorded',
        'guarantees.GuaranteeReleased',
      ]);
      expect(decision.convention[0]).toMatchObject({ reason: 'final-repayment' });
      expect(decision.company.map((e) => e.type)).toEqual(['guarantees.MemberLoanRepaid']);
      expect(world.guarantee(id)).toMatchObject({ status: 'released', releasedOn: '2009-01-01' });
      expect(world.figures().outstanding).toEqual(xof(0));
    });

    it('refuses a repayment above the outstanding', () => {
      const world = GuaranteeWorld.senegal();
      const id = world.issue({ principal: xof(10_000_000) }).guaranteeId;
      expect(() => world.repay(id, xof(10_000_001))).toThrow(
        expect.objectContaining({
          constructor: RepaymentExceedsOutstanding,
          outstanding: xof(10_000_000),
          requested: xof(10_000_001),
        }),
      );
    });

    it('is called on default with claim = coverage × outstanding at default, rounded down', () => {
      const world = GuaranteeWorld.senegal();
      const id = world.issue({ principal: xof(10_000_000) }).guaranteeId;
      world.repay(id, xof(3_000_001));
      const decision = world.call(id);
      expect(decision.guarantee[0]).toMatchObject({
        outstandingAtDefault: xof(6_999_999),
        claimAmount: xof(3_499_999),
      });
      expect(decision.convention[0]).toMatchObject({ reason: 'call', principal: xof(6_999_999) });
      expect(decision.company[0]).toMatchObject({
        type: 'guarantees.MemberLoanDefaulted',
        claimAmount: xof(3_499_999),
      });
      expect(world.figures().outstanding).toEqual(xof(0));
    });

    it('has no claim to pay nor anything to recover', () => {
      const world = GuaranteeWorld.senegal();
      const id = world.issue({ principal: xof(10_000_000) }).guaranteeId;
      expect(() => world.payClaim(id)).toThrow(
        expect.objectContaining({ constructor: IllegalGuaranteeTransition, from: 'active', command: 'PayClaim' }),
      );
      expect(() => world.recover(id, xof(1))).toThrow(IllegalGuaranteeTransition);
    });
  });

  describe('when released', () => {
    it.each([
      ['RecordRepayment', (w: GuaranteeWorld, id: string) => w.repay(id, xof(1))],
      ['CallGuarantee', (w: GuaranteeWorld, id: string) => w.call(id)],
      ['PayClaim', (w: GuaranteeWorld, id: string) => w.payClaim(id)],
    ])('refuses %s', (command, act) => {
      const world = GuaranteeWorld.senegal();
      const id = world.issue({ principal: xof(1_000) }).guaranteeId;
      world.repay(id, xof(1_000));
      expect(() => act(world, id)).toThrow(expect.objectContaining({ from: 'released', command }));
    });
  });

  describe('when called', () => {
    const calledWorld = () => {
      const world = GuaranteeWorld.senegal();
      const id = world.issue({ principal: xof(10_000_000) }).guaranteeId;
      world.call(id);
      return { world, id };
    };

    it('refuses repayments and a second call', () => {
      const { world, id } = calledWorld();
      expect(() => world.repay(id, xof(1))).toThrow(expect.objectContaining({ from: 'called' }));
      expect(() => world.call(id)).toThrow(expect.objectContaining({ from: 'called', command: 'CallGuarantee' }));
    });

    it('refuses a recovery before anything was paid', () => {
      const { world, id } = calledWorld();
      expect(() => world.recover(id, xof(1))).toThrow(
        expect.objectContaining({ constructor: IllegalGuaranteeTransition, from: 'called-unpaid' }),
      );
    });

    it('pays the claim in parts, never more than the guaranteed outstanding at default', () => {
      const { world, id } = calledWorld();
      world.payClaim(id, xof(2_000_000));
      expect(() => world.payClaim(id, xof(3_000_001))).toThrow(
        expect.objectContaining({
          constructor: ClaimExceedsGuaranteedOutstanding,
          claim: xof(5_000_000),
          alreadyPaid: xof(2_000_000),
          requested: xof(3_000_001),
        }),
      );
      expect(world.payClaim(id).company[0]).toMatchObject({ amount: xof(3_000_000) });
      expect(() => world.payClaim(id)).toThrow(expect.objectContaining({ from: 'claim-paid', command: 'PayClaim' }));
      expect(world.fundBalance()).toEqual(xof(335_000_000));
    });

    it('refuses a claim the fund cannot pay', () => {
      const world = new GuaranteeWorld(senegalCompanyEvents({ fund: xof(1_000_000) }), senegalConventionEvents());
      const id = world.issue({ principal: xof(2_000_002) }).guaranteeId;
      world.call(id);
      expect(() => world.payClaim(id)).toThrow(
        expect.objectContaining({
          constructor: InsufficientGuaranteeFund,
          fundBalance: xof(1_000_000),
          requested: xof(1_000_001),
        }),
      );
      expect(world.payClaim(id, xof(1_000_000)).company).toHaveLength(1);
    });

    it('recovers no more than was paid, and cures the default when the whole claim is back', () => {
      const { world, id } = calledWorld();
      world.payClaim(id, xof(4_000_000));
      expect(() => world.recover(id, xof(4_000_001))).toThrow(
        expect.objectContaining({ constructor: RecoveryExceedsClaimPaid, claimPaid: xof(4_000_000) }),
      );
      expect(world.recover(id, xof(4_000_000)).company[0]).toMatchObject({ defaultCured: false });
      world.payClaim(id);
      expect(world.recover(id, xof(1_000_000)).company[0]).toMatchObject({ defaultCured: true });
      expect(world.fundBalance()).toEqual(SENEGAL.fund);
    });
  });
});
