import type { Money } from '@ledger/money';
import { LOAN_REFERENCE_PATTERN } from './ids';
import {
  type CompanyEvent,
  type CompanyState,
  MemberLoanGuaranteed,
  requireAmount,
  requireCompany,
  requireGoodStanding,
} from './company';
import {
  type ConventionEvent,
  ConventionExposureAdded,
  type ConventionFigures,
  type ConventionState,
  figuresOf,
  requireConvention,
  termsInEffect,
} from './convention';
import {
  InsufficientHeadroom,
  InvalidInput,
  LoanAboveConventionMaximum,
  LoanAlreadyGuaranteed,
  AlreadyExists,
} from './errors';
import {
  type BankLoanEvent,
  BankLoanGuaranteed,
  type BankLoanState,
  type GuaranteeEvent,
  GuaranteeIssued,
  type GuaranteeState,
} from './guarantee';

export interface IssueGuarantee {
  readonly guaranteeId: string;
  readonly conventionId: string;
  readonly memberId: string;
  readonly loanReference: string;
  readonly principal: Money;
  readonly loanStartDate: string;
  readonly maturityDate: string;
  readonly issuedOn: string;
}

/** The states an issuance reads: each stream gets an event, so a concurrent change to any of them wins or loses whole. */
export interface IssuanceStates {
  readonly guarantee: GuaranteeState;
  readonly convention: ConventionState;
  readonly company: CompanyState;
  readonly bankLoan: BankLoanState;
}

export interface IssuanceDecision {
  readonly guarantee: GuaranteeEvent[];
  readonly convention: ConventionEvent[];
  readonly company: CompanyEvent[];
  readonly bankLoan: BankLoanEvent[];
  readonly guaranteedAmount: Money;
  /** What the loan adds to the outstanding under the convention's ceiling basis. */
  readonly exposure: Money;
  /** Figures before the issuance. */
  readonly before: ConventionFigures;
  readonly headroomAfter: Money;
}

/**
 * Issues a guarantee on one member's loan under a convention, or refuses with the reason and its
 * figures: the member must be in good standing, the convention in force on the issue date, the
 * loan within the per-loan maximum, and the headroom (fund × multiplier − outstanding) at least
 * what the loan adds to the outstanding.
 */
export function issueGuarantee(command: IssueGuarantee, states: IssuanceStates): IssuanceDecision {
  if (states.guarantee.status !== 'unissued') throw new AlreadyExists('guarantee', command.guaranteeId);
  const convention = requireConvention(command.conventionId, states.convention);
  const company = requireCompany(convention.companyId, states.company);
  if (states.bankLoan.status === 'guaranteed') {
    throw new LoanAlreadyGuaranteed(convention.bankId, command.loanReference, states.bankLoan.guaranteeId);
  }
  if (!LOAN_REFERENCE_PATTERN.test(command.loanReference)) {
    throw new InvalidInput(
      'loanReference',
      'must be 1 to 80 letters, digits or . _ / -, starting with a letter or digit',
    );
  }
  const principal = requireAmount(company, command.principal, 'principal');
  if (command.maturityDate <= command.loanStartDate) {
    throw new InvalidInput('maturityDate', 'must be after loanStartDate');
  }
  const terms = termsInEffect(convention, command.issuedOn);
  const member = requireGoodStanding(company, command.memberId);

  const guaranteedAmount = principal.applyRate(terms.coverageRate);
  if (terms.maxGuaranteedPerLoan !== null && guaranteedAmount.greaterThan(terms.maxGuaranteedPerLoan)) {
    throw new LoanAboveConventionMaximum(convention.conventionId, terms.maxGuaranteedPerLoan, guaranteedAmount);
  }
  const exposure = terms.ceilingBasis === 'loan-principal' ? principal : guaranteedAmount;
  const before = figuresOf(convention, terms, company.fundBalance);
  if (before.headroom.lessThan(exposure)) {
    throw new InsufficientHeadroom(
      convention.conventionId,
      before.headroom,
      exposure,
      before.capacity,
      before.outstanding,
    );
  }

  const ids = { guaranteeId: command.guaranteeId, conventionId: convention.conventionId };
  return {
    guarantee: [
      GuaranteeIssued.create({
        ...ids,
        companyId: company.companyId,
        bankId: convention.bankId,
        memberId: member.memberId,
        loanReference: command.loanReference,
        principal,
        coverageRate: terms.coverageRate,
        guaranteedAmount,
        termsVersion: terms.version,
        loanStartDate: command.loanStartDate,
        maturityDate: command.maturityDate,
        issuedOn: command.issuedOn,
      }),
    ],
    convention: [
      ConventionExposureAdded.create({
        ...ids,
        companyId: company.companyId,
        memberId: member.memberId,
        principal,
        guaranteedAmount,
        issuedOn: command.issuedOn,
      }),
    ],
    company: [
      MemberLoanGuaranteed.create({
        ...ids,
        companyId: company.companyId,
        memberId: member.memberId,
        principal,
        guaranteedAmount,
        issuedOn: command.issuedOn,
      }),
    ],
    bankLoan: [BankLoanGuaranteed.create({ ...ids, bankId: convention.bankId, loanReference: command.loanReference })],
    guaranteedAmount,
    exposure,
    before,
    headroomAfter: before.headroom.minus(exposure),
  };
}
