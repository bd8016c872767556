import type { Money } from '@ledger/money';
import { BankLoanGuaranteed, type BankLoanEvent, type BankLoanState } from '../bank-loan';
import {
  MemberLoanGuaranteed,
  requireAmount,
  requireCompany,
  requireGoodStanding,
  requireOnOrAfter,
  unreservedFund,
  type CompanyEvent,
  type CompanyState,
} from '../company';
import {
  capacityOf,
  ConventionExposureAdded,
  figuresOf,
  requireConvention,
  reservedUnder,
  termsInEffect,
  type ConventionEvent,
  type ConventionFigures,
  type ConventionState,
  type SignedConvention,
} from '../convention';
import { backingBreaches } from '../backing';
import {
  AlreadyExists,
  InsufficientHeadroom,
  InvalidInput,
  LoanAboveConventionMaximum,
  LoanAlreadyGuaranteed,
  LoanGuaranteePending,
} from '../errors';
import { GuaranteeIssued, normalizeLoanReference, type GuaranteeEvent, type GuaranteeState } from '../guarantee';
import { LOAN_REFERENCE_PATTERN } from '../ids';

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
  /** The company's other conventions (their outstanding counts against the company-wide limit). */
  readonly otherConventions?: readonly SignedConvention[];
}

export interface IssuanceDecision {
  readonly guarantee: GuaranteeEvent[];
  readonly convention: ConventionEvent[];
  readonly company: CompanyEvent[];
  readonly bankLoan: BankLoanEvent[];
  readonly guaranteedAmount: Money;
  /** What the loan adds to the outstanding under the convention's ceiling basis. */
  readonly exposure: Money;
  /** Figures before the issuance (committed figures: reservations are not balances). */
  readonly before: ConventionFigures;
  /** Headroom left for new guarantees before it: capacity of the unreserved fund − outstanding − reserved. */
  readonly availableBefore: Money;
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
  // One rule for every loan reference, stored and looked up (the bank loan stream is named by it too).
  const loanReference = normalizeLoanReference(command.loanReference);
  if (states.bankLoan.status === 'guaranteed') {
    throw new LoanAlreadyGuaranteed(convention.bankId, loanReference, states.bankLoan.guaranteeId);
  }
  if (states.bankLoan.status === 'reserved') {
    throw new LoanGuaranteePending(convention.bankId, loanReference, states.bankLoan.proposalId);
  }
  if (!LOAN_REFERENCE_PATTERN.test(loanReference)) {
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
  requireOnOrAfter('issuedOn', command.issuedOn, member.admittedOn, "the member's admission");

  const guaranteedAmount = principal.applyRate(terms.coverageRate);
  if (terms.maxGuaranteedPerLoan !== null && guaranteedAmount.greaterThan(terms.maxGuaranteedPerLoan)) {
    throw new LoanAboveConventionMaximum(convention.conventionId, terms.maxGuaranteedPerLoan, guaranteedAmount);
  }
  const exposure = terms.ceilingBasis === 'loan-principal' ? principal : guaranteedAmount;
  const before = figuresOf(convention, terms, company.fundBalance);
  // Four-eyes: pending proposals hold headroom (issuances, repayment reversals) and fund (deposit
  // reversals) that a new guarantee may not use, or two of them could together exceed the ceiling.
  const capacity = capacityOf(unreservedFund(company), terms.multiplier);
  const reserved = reservedUnder(terms.ceilingBasis, convention);
  const availableBefore = capacity.minus(before.outstanding).minus(reserved);
  if (availableBefore.lessThan(exposure)) {
    throw new InsufficientHeadroom(
      convention.conventionId,
      availableBefore,
      exposure,
      capacity,
      before.outstanding,
      reserved,
    );
  }

  // As of the issue date and every later one, under this convention and across the company's
  // conventions (fund × largest multiplier): later-dated deposits do not back an earlier loan.
  const others = (states.otherConventions ?? []).filter((c) => c.conventionId !== convention.conventionId);
  const [breach] = backingBreaches(company, [convention, ...others], {
    on: command.issuedOn,
    exposure: {
      conventionId: convention.conventionId,
      principal: principal.amountMinor,
      guaranteed: guaranteedAmount.amountMinor,
    },
  });
  if (breach !== undefined) {
    const outstandingBefore = breach.outstanding.minus(exposure);
    throw new InsufficientHeadroom(
      convention.conventionId,
      breach.capacityAfter.minus(outstandingBefore),
      exposure,
      breach.capacityAfter,
      outstandingBefore,
      reserved,
      breach.limit,
      breach.on,
    );
  }

  const ids = { guaranteeId: command.guaranteeId, conventionId: convention.conventionId };
  // What the guarantee, the convention and the company each record of the new loan.
  const loan = {
    ...ids,
    companyId: company.companyId,
    memberId: member.memberId,
    principal,
    guaranteedAmount,
    issuedOn: command.issuedOn,
  };
  return {
    guarantee: [
      GuaranteeIssued.create({
        ...loan,
        bankId: convention.bankId,
        loanReference,
        coverageRate: terms.coverageRate,
        termsVersion: terms.version,
        loanStartDate: command.loanStartDate,
        maturityDate: command.maturityDate,
      }),
    ],
    convention: [ConventionExposureAdded.create(loan)],
    company: [MemberLoanGuaranteed.create(loan)],
    bankLoan: [BankLoanGuaranteed.create({ ...ids, bankId: convention.bankId, loanReference })],
    guaranteedAmount,
    exposure,
    before,
    availableBefore,
    headroomAfter: before.headroom.minus(exposure),
  };
}
