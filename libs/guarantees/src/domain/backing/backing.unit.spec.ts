import { Ratio } from '@ledger/money';
import { bankLoanModel } from '../bank-loan';
import {
  CapitalPaid,
  CapitalSubscribed,
  companyModel,
  decideCompany,
  GuaranteeFundDeposited,
  MemberAdmitted,
  requireCompany,
  type CompanyEvent,
} from '../company';
import {
  amendConvention,
  BankConventionSigned,
  ConventionExposureAdded,
  conventionModel,
  requireConvention,
  type ConventionEvent,
} from '../convention';
import {
  BusinessDateBeforeDependency,
  InsufficientGuaranteeFund,
  InsufficientHeadroom,
  WithdrawalExceedsHeadroom,
} from '../errors';
import { guaranteeModel } from '../guarantee';
import { issueGuarantee } from '../issuance';
import { fold, GuaranteeWorld, SENEGAL, senegalCompanyEvents, senegalConventionEvents, xof } from '../senegal.fixtures';
import { backingBreaches, companyCapacity } from './backing';
import { decideWithdrawal, requireBacked, type WithdrawGuaranteeFund } from './withdrawal';

const withdrawal = (
  amount: bigint | number,
  withdrawnOn = '2008-06-01',
  depositId = 'dat-1',
): WithdrawGuaranteeFund => ({
  type: 'WithdrawGuaranteeFund',
  depositId,
  amount: xof(amount),
  withdrawnOn,
});

/** A second convention of the Thiès company, with another bank and a multiplier of 2. */
const BHS = 'conv-bhs';
const bhsConvention = (multiplier = Ratio.of(2n, 1n)): ConventionEvent[] => [
  BankConventionSigned.create({
    conventionId: BHS,
    companyId: SENEGAL.companyId,
    bankId: 'BHS',
    currency: 'XOF',
    validFrom: '2008-04-01',
    signedOn: '2008-03-25',
    terms: {
      version: 1,
      effectiveFrom: '2008-04-01',
      multiplier,
      coverageRate: SENEGAL.coverage,
      ceilingBasis: 'loan-principal',
      maxGuaranteedPerLoan: null,
      validUntil: '2010-12-31',
    },
  }),
];

function withdrawFrom(world: GuaranteeWorld, command: WithdrawGuaranteeFund) {
  const convention = requireConvention(SENEGAL.conventionId, world.convention);
  return decideWithdrawal(SENEGAL.companyId, command, world.company, [convention]);
}

describe('the guarantee fund backs what it guarantees (Senegal: 340,000,000 XOF, credit up to 1,000,000,000)', () => {
  describe('when 1,000,000,000 is outstanding under the convention', () => {
    const world = GuaranteeWorld.senegal();
    world.issue({ principal: xof(1_000_000_000) });

    it('refuses to withdraw the whole fund, with the figures (before: accepted, headroom −1,000,000,000)', () => {
      const command = withdrawal(340_000_000);
      const decision = withdrawFrom(world, command);
      expect(decision.breaches).toEqual([
        {
          limit: 'convention',
          conventionId: SENEGAL.conventionId,
          on: '2008-06-01',
          capacityAfter: xof(0),
          outstanding: xof(1_000_000_000),
          headroomAfter: xof(-1_000_000_000),
        },
        {
          limit: 'company',
          conventionId: null,
          on: '2008-06-01',
          capacityAfter: xof(0),
          outstanding: xof(1_000_000_000),
          headroomAfter: xof(-1_000_000_000),
        },
      ]);
      expect(() => requireBacked(command, decision)).toThrow(WithdrawalExceedsHeadroom);
      try {
        requireBacked(command, decision);
      } catch (error) {
        expect((error as WithdrawalExceedsHeadroom).code).toBe('withdrawal-exceeds-headroom');
        expect((error as WithdrawalExceedsHeadroom).details).toMatchObject({
          depositId: 'dat-1',
          requested: { amountMinor: '340000000', currency: 'XOF' },
          conventions: [
            {
              conventionId: SENEGAL.conventionId,
              capacityAfter: { amountMinor: '0', currency: 'XOF' },
              outstanding: { amountMinor: '1000000000', currency: 'XOF' },
              headroomAfter: { amountMinor: '-1000000000', currency: 'XOF' },
            },
            { limit: 'company' },
          ],
        });
      }
    });

    it('refuses even 1 XOF: floor(339,999,999 × 50/17) = 999,999,997 < 1,000,000,000', () => {
      expect(withdrawFrom(world, withdrawal(1)).breaches[0]).toMatchObject({
        capacityAfter: xof(999_999_997),
        headroomAfter: xof(-3),
      });
    });
  });

  describe('when 500,000,000 is outstanding', () => {
    const world = GuaranteeWorld.senegal();
    world.issue({ principal: xof(500_000_000) });

    it('lets 170,000,000 go (floor(170,000,000 × 50/17) = 500,000,000) and not 1 XOF more', () => {
      const command = withdrawal(170_000_000);
      expect(requireBacked(command, withdrawFrom(world, command))).toHaveLength(1);
      expect(withdrawFrom(world, withdrawal(170_000_001)).breaches).toHaveLength(2);
    });

    it('checks every later date too: a withdrawal dated before the issuance still leaves the loan unbacked', () => {
      expect(withdrawFrom(world, withdrawal(200_000_000, '2008-04-15')).breaches[0]).toMatchObject({
        on: '2008-05-01',
        outstanding: xof(500_000_000),
      });
    });
  });

  describe('business dates', () => {
    const world = GuaranteeWorld.senegal();

    it('refuses a withdrawal dated before its deposit (before: the fund showed −340,000,000 as of that date)', () => {
      expect(() => withdrawFrom(world, withdrawal(340_000_000, '2008-02-28'))).toThrow(
        expect.objectContaining({
          code: 'business-date-before-dependency',
          details: expect.objectContaining({ field: 'withdrawnOn', date: '2008-02-28', notBefore: '2008-03-01' }),
        }),
      );
    });

    it('refuses a withdrawal the fund covers today but not as of a later date', () => {
      // A second deposit of 100,000,000 dated 2009-01-01, and a claim of 300,000,000 paid on 2008-08-01.
      const w = new GuaranteeWorld(
        [
          ...senegalCompanyEvents(),
          GuaranteeFundDeposited.create({
            companyId: SENEGAL.companyId,
            depositId: 'dat-2',
            bankId: SENEGAL.bankId,
            amount: xof(100_000_000),
            termDepositReference: 'DAT-2009-001',
            depositedOn: '2009-01-01',
            maturesOn: null,
          }),
        ],
        senegalConventionEvents(),
      );
      const id = w.issue({ principal: xof(600_000_000) }).guaranteeId;
      w.call(id, '2008-07-01');
      w.payClaim(id, xof(300_000_000), '2008-08-01');
      expect(w.fundBalance()).toEqual(xof(140_000_000));
      // Today 90,000,000 would be left; as of 2008-08-01 the fund would stand at −10,000,000.
      expect(() => decideCompany(SENEGAL.companyId, withdrawal(50_000_000, '2008-06-01'), w.company)).toThrow(
        expect.objectContaining({ on: '2008-08-01', fundBalance: xof(40_000_000), requested: xof(50_000_000) }),
      );
      expect(() => decideCompany(SENEGAL.companyId, withdrawal(50_000_000, '2008-06-01'), w.company)).toThrow(
        InsufficientGuaranteeFund,
      );
      expect(decideCompany(SENEGAL.companyId, withdrawal(40_000_000, '2008-06-01'), w.company)).toHaveLength(1);
    });

    it('refuses a repayment before the issuance, a call before the last repayment, a recovery before the claim payment', () => {
      const w = GuaranteeWorld.senegal();
      const id = w.issue({ principal: xof(100_000_000), issuedOn: '2008-05-01' }).guaranteeId;
      expect(() => w.repay(id, xof(1), '2008-04-30')).toThrow(
        new BusinessDateBeforeDependency('repaidOn', '2008-04-30', '2008-05-01', 'the issuance'),
      );
      w.repay(id, xof(10_000_000), '2008-06-01');
      expect(() => w.call(id, '2008-05-31')).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ field: 'calledOn', notBefore: '2008-06-01' }) }),
      );
      w.call(id, '2008-07-01');
      w.payClaim(id, xof(10_000_000), '2008-08-01');
      expect(() => w.recover(id, xof(1), '2008-07-15')).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ field: 'receivedOn', notBefore: '2008-08-01' }) }),
      );
    });

    it('refuses a capital payment before the subscription and an issuance before the member joined', () => {
      const joined: CompanyEvent[] = [
        ...senegalCompanyEvents(),
        MemberAdmitted.create({
          companyId: SENEGAL.companyId,
          memberId: 'firm-d',
          name: 'Firm D',
          admittedOn: '2008-06-01',
        }),
        CapitalSubscribed.create({
          companyId: SENEGAL.companyId,
          memberId: 'firm-d',
          amount: xof(100_000),
          subscribedOn: '2008-06-10',
        }),
      ];
      expect(() =>
        decideCompany(
          SENEGAL.companyId,
          { type: 'PayCapital', memberId: 'firm-d', amount: xof(100_000), paidOn: '2008-06-05' },
          fold(companyModel, joined),
        ),
      ).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ field: 'paidOn', notBefore: '2008-06-10' }) }),
      );
      const w = new GuaranteeWorld(
        [
          ...joined,
          CapitalPaid.create({
            companyId: SENEGAL.companyId,
            memberId: 'firm-d',
            amount: xof(100_000),
            paidOn: '2008-06-15',
          }),
        ],
        senegalConventionEvents(),
      );
      expect(() => w.issue({ principal: xof(1_000_000), memberId: 'firm-d', issuedOn: '2008-05-01' })).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ field: 'issuedOn', notBefore: '2008-06-01' }) }),
      );
    });

    it('refuses an amendment recorded before the signature', () => {
      const company = requireCompany(SENEGAL.companyId, fold(companyModel, senegalCompanyEvents()));
      expect(() =>
        amendConvention(
          { effectiveFrom: '2008-04-01', amendedOn: '2008-03-01', multiplier: Ratio.of(3n, 1n) },
          fold(conventionModel, senegalConventionEvents()),
          SENEGAL.conventionId,
          company,
        ),
      ).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ field: 'amendedOn', notBefore: '2008-03-20' }) }),
      );
    });

    it('does not let a later-dated deposit back an earlier loan', () => {
      const w = new GuaranteeWorld(
        [
          ...senegalCompanyEvents(),
          GuaranteeFundDeposited.create({
            companyId: SENEGAL.companyId,
            depositId: 'dat-2',
            bankId: SENEGAL.bankId,
            amount: xof(34_000_000),
            termDepositReference: 'DAT-2009-001',
            depositedOn: '2009-01-01',
            maturesOn: null,
          }),
        ],
        senegalConventionEvents(),
      );
      // Today the fund is 374,000,000 (capacity 1,100,000,000); on 2008-05-01 it was 340,000,000.
      expect(() => w.issue({ principal: xof(1_100_000_000), issuedOn: '2008-05-01' })).toThrow(
        expect.objectContaining({ on: '2008-05-01', capacity: xof(1_000_000_000), limit: 'convention' }),
      );
      expect(w.issue({ principal: xof(1_100_000_000), issuedOn: '2009-01-01' }).headroomAfter).toEqual(xof(0));
    });
  });

  describe('when the company has two conventions (CNCAS at 50/17, BHS at 2)', () => {
    const company = () => requireCompany(SENEGAL.companyId, fold(companyModel, senegalCompanyEvents()));
    const cncas = () => requireConvention(SENEGAL.conventionId, fold(conventionModel, senegalConventionEvents()));
    const bhs = () => requireConvention(BHS, fold(conventionModel, bhsConvention()));

    it("reads the company's capacity as fund × the largest multiplier: 1,000,000,000, not 1,680,000,000", () => {
      expect(companyCapacity(company().fundBalance, [cncas(), bhs()], '2008-05-01')).toEqual(xof(1_000_000_000));
    });

    it('caps the outstanding across both at 1,000,000,000, naming the company-wide limit', () => {
      const issue = (
        conventionId: string,
        principal: number,
        guaranteeId: string,
        state = { company: company(), conventions: [cncas(), bhs()] },
      ) => {
        const convention = state.conventions.find((c) => c.conventionId === conventionId)!;
        return issueGuarantee(
          {
            guaranteeId,
            conventionId,
            memberId: 'firm-a',
            loanReference: `L-${guaranteeId}`,
            principal: xof(principal),
            loanStartDate: '2008-05-01',
            maturityDate: '2010-05-01',
            issuedOn: '2008-05-01',
          },
          {
            guarantee: guaranteeModel.initialState(),
            convention,
            company: state.company,
            bankLoan: bankLoanModel.initialState(),
            otherConventions: state.conventions,
          },
        );
      };
      const first = issue(SENEGAL.conventionId, 600_000_000, 'g-1');
      const after = {
        company: requireCompany(SENEGAL.companyId, first.company.reduce(companyModel.evolve, company() as never)),
        conventions: [
          requireConvention(SENEGAL.conventionId, first.convention.reduce(conventionModel.evolve, cncas() as never)),
          bhs(),
        ],
      };
      // BHS alone would allow 680,000,000 (340,000,000 × 2); the company has 400,000,000 left.
      let refused: unknown;
      try {
        issue(BHS, 400_000_001, 'g-2', after);
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(InsufficientHeadroom);
      expect(refused).toMatchObject({
        limit: 'company',
        headroom: xof(400_000_000),
        capacity: xof(1_000_000_000),
        outstanding: xof(600_000_000),
      });
      expect(issue(BHS, 400_000_000, 'g-2', after).exposure).toEqual(xof(400_000_000));
    });

    it('refuses a withdrawal that only the company-wide limit would break', () => {
      const exposed = (events: ConventionEvent[], conventionId: string, principal: bigint) =>
        requireConvention(
          conventionId,
          fold(conventionModel, [
            ...events,
            ConventionExposureAdded.create({
              conventionId,
              companyId: SENEGAL.companyId,
              guaranteeId: `g-${conventionId}`,
              memberId: 'firm-a',
              principal: xof(principal),
              guaranteedAmount: xof(principal / 2n),
              issuedOn: '2008-05-01',
            }),
          ]),
        );
      // 600,000,000 under CNCAS and 400,000,000 under BHS: each within its own headroom, 1,000,000,000 in all.
      const both = [
        exposed(senegalConventionEvents(), SENEGAL.conventionId, 600_000_000n),
        exposed(bhsConvention(), BHS, 400_000_000n),
      ];
      expect(backingBreaches(company(), both, { on: '2008-06-01' })).toEqual([]);
      expect(backingBreaches(company(), both, { on: '2008-06-01', fund: -1n })).toEqual([
        {
          limit: 'company',
          conventionId: null,
          on: '2008-06-01',
          capacityAfter: xof(999_999_997),
          outstanding: xof(1_000_000_000),
          headroomAfter: xof(-3),
        },
      ]);
    });
  });
});
