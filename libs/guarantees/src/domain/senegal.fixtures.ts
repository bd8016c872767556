import { BasisPoints, Money, Ratio } from '@ledger/money';
import type { Evolver } from '@ledger/kernel';
import {
  CapitalPaid,
  CapitalSubscribed,
  CompanyRegistered,
  companyModel,
  GuaranteeFundDeposited,
  MemberAdmitted,
  requireCompany,
  type CompanyEvent,
  type CompanyState,
} from './company';
import {
  BankConventionSigned,
  conventionModel,
  figuresOf,
  latestTerms,
  requireConvention,
  type CeilingBasis,
  type ConventionEvent,
  type ConventionFigures,
  type ConventionState,
} from './convention';
import { bankLoanModel, type BankLoanState } from './bank-loan';
import { guaranteeModel, type GuaranteeState } from './guarantee';
import { issueGuarantee, type IssuanceDecision, type IssueGuarantee } from './issuance';
import { callGuarantee, payClaim, recordRecovery, recordRepayment, type LifecycleDecision } from './lifecycle';

/**
 * The Senegal PAPES figures (seed 004, part 2): a guarantee fund of 340 million FCFA on term
 * deposit and a bank convention giving members credit up to 1 billion FCFA through a multiplier,
 * implied as 1,000,000,000 / 340,000,000. Shared by the decider tests; pure data.
 */
export const xof = (amount: bigint | number | string): Money => Money.ofMinor(BigInt(amount), 'XOF');

export const SENEGAL = {
  companyId: 'smc-thies',
  federationId: 'fed-papes',
  conventionId: 'conv-cncas',
  bankId: 'CNCAS',
  fund: xof(340_000_000),
  credit: xof(1_000_000_000),
  multiplier: Ratio.parse('1000000000/340000000'),
  coverage: BasisPoints.of(5_000),
  members: ['firm-a', 'firm-b', 'firm-c'],
} as const;

export function fold<S, E>(model: Evolver<S, E>, events: readonly E[]): S {
  return events.reduce(model.evolve, model.initialState());
}

export function senegalCompanyEvents(options: { fund?: Money } = {}): CompanyEvent[] {
  const companyId = SENEGAL.companyId;
  return [
    CompanyRegistered.create({
      companyId,
      name: 'Société de caution mutuelle de Thiès',
      currency: 'XOF',
      federationId: null,
      registeredOn: '2008-01-15',
    }),
    ...SENEGAL.members.flatMap((memberId) => [
      MemberAdmitted.create({ companyId, memberId, name: `Firm ${memberId}`, admittedOn: '2008-02-01' }),
      CapitalSubscribed.create({ companyId, memberId, amount: xof(100_000), subscribedOn: '2008-02-01' }),
      CapitalPaid.create({ companyId, memberId, amount: xof(100_000), paidOn: '2008-02-15' }),
    ]),
    GuaranteeFundDeposited.create({
      companyId,
      depositId: 'dat-1',
      bankId: SENEGAL.bankId,
      amount: options.fund ?? SENEGAL.fund,
      termDepositReference: 'DAT-2008-001',
      depositedOn: '2008-03-01',
      maturesOn: '2011-03-01',
    }),
  ];
}

export function senegalConventionEvents(
  options: { ceilingBasis?: CeilingBasis; maxGuaranteedPerLoan?: Money | null } = {},
): ConventionEvent[] {
  return [
    BankConventionSigned.create({
      conventionId: SENEGAL.conventionId,
      companyId: SENEGAL.companyId,
      bankId: SENEGAL.bankId,
      currency: 'XOF',
      validFrom: '2008-04-01',
      signedOn: '2008-03-20',
      terms: {
        version: 1,
        effectiveFrom: '2008-04-01',
        multiplier: SENEGAL.multiplier,
        coverageRate: SENEGAL.coverage,
        ceilingBasis: options.ceilingBasis ?? 'loan-principal',
        maxGuaranteedPerLoan: options.maxGuaranteedPerLoan ?? null,
        validUntil: '2010-12-31',
      },
    }),
  ];
}

/**
 * An in-memory run of the deciders over one company and one convention: each decision's events
 * are folded into every stream it writes, exactly as one atomic multi-stream append would.
 */
export class GuaranteeWorld {
  company: CompanyState;
  convention: ConventionState;
  readonly guarantees = new Map<string, GuaranteeState>();
  readonly bankLoans = new Map<string, BankLoanState>();
  private next = 0;

  constructor(companyEvents: readonly CompanyEvent[], conventionEvents: readonly ConventionEvent[]) {
    this.company = fold(companyModel, companyEvents);
    this.convention = fold(conventionModel, conventionEvents);
  }

  static senegal(options: { ceilingBasis?: CeilingBasis; maxGuaranteedPerLoan?: Money | null } = {}): GuaranteeWorld {
    return new GuaranteeWorld(senegalCompanyEvents(), senegalConventionEvents(options));
  }

  guarantee(id: string): GuaranteeState {
    return this.guarantees.get(id) ?? guaranteeModel.initialState();
  }

  issue(
    input: Partial<IssueGuarantee> & { readonly principal: Money },
  ): IssuanceDecision & { readonly guaranteeId: string } {
    const guaranteeId = input.guaranteeId ?? `g-${++this.next}`;
    const loanReference = input.loanReference ?? `LOAN-${guaranteeId}`;
    const command: IssueGuarantee = {
      guaranteeId,
      conventionId: SENEGAL.conventionId,
      memberId: SENEGAL.members[0],
      loanReference,
      loanStartDate: '2008-05-01',
      maturityDate: '2010-05-01',
      issuedOn: '2008-05-01',
      ...input,
    };
    const key = `${SENEGAL.bankId}/${loanReference}`;
    const decision = issueGuarantee(command, {
      guarantee: this.guarantee(guaranteeId),
      convention: this.convention,
      company: this.company,
      bankLoan: this.bankLoans.get(key) ?? bankLoanModel.initialState(),
    });
    this.guarantees.set(guaranteeId, decision.guarantee.reduce(guaranteeModel.evolve, this.guarantee(guaranteeId)));
    this.bankLoans.set(key, decision.bankLoan.reduce(bankLoanModel.evolve, bankLoanModel.initialState()));
    this.apply(decision);
    return { ...decision, guaranteeId };
  }

  repay(guaranteeId: string, amount: Money, repaidOn = '2008-06-01'): LifecycleDecision {
    return this.run(
      guaranteeId,
      recordRepayment({ guaranteeId, amount, repaidOn }, this.guarantee(guaranteeId), this.company),
    );
  }

  call(guaranteeId: string, calledOn = '2008-07-01'): LifecycleDecision {
    return this.run(guaranteeId, callGuarantee({ guaranteeId, calledOn }, this.guarantee(guaranteeId)));
  }

  payClaim(guaranteeId: string, amount: Money | null = null, paidOn = '2008-08-01'): LifecycleDecision {
    return this.run(guaranteeId, payClaim({ guaranteeId, amount, paidOn }, this.guarantee(guaranteeId), this.company));
  }

  recover(guaranteeId: string, amount: Money, receivedOn = '2008-09-01'): LifecycleDecision {
    return this.run(
      guaranteeId,
      recordRecovery({ guaranteeId, amount, receivedOn }, this.guarantee(guaranteeId), this.company),
    );
  }

  /** Capacity, outstanding and headroom under the latest terms and the current fund balance. */
  figures(): ConventionFigures {
    const convention = requireConvention(SENEGAL.conventionId, this.convention);
    const company = requireCompany(SENEGAL.companyId, this.company);
    return figuresOf(convention, latestTerms(convention), company.fundBalance);
  }

  fundBalance(): Money {
    return requireCompany(SENEGAL.companyId, this.company).fundBalance;
  }

  private run(guaranteeId: string, decision: LifecycleDecision): LifecycleDecision {
    this.guarantees.set(guaranteeId, decision.guarantee.reduce(guaranteeModel.evolve, this.guarantee(guaranteeId)));
    this.apply(decision);
    return decision;
  }

  private apply(decision: { readonly convention: ConventionEvent[]; readonly company: CompanyEvent[] }): void {
    this.convention = decision.convention.reduce(conventionModel.evolve, this.convention);
    this.company = decision.company.reduce(companyModel.evolve, this.company);
  }
}
