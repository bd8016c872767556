import { assertNever, defineEvent, EventCatalog, field, type EventOf, type StreamModel } from '@ledger/kernel';
import { BasisPoints, Money } from '@ledger/money';
import { GuaranteeNotFound } from './errors';
import {
  BankLoanReservationReleased,
  BankLoanReserved,
  guaranteeFourEyesEvents,
  type BankLoanReservationReleased as BankLoanReservationReleasedEvent,
  type BankLoanReserved as BankLoanReservedEvent,
} from './four-eyes.events';

// ---- events --------------------------------------------------------------------------------------

export const GuaranteeIssued = defineEvent('guarantees.GuaranteeIssued', {
  guaranteeId: field.string(),
  companyId: field.string(),
  conventionId: field.string(),
  bankId: field.string(),
  memberId: field.string(),
  loanReference: field.string(),
  principal: field.money(),
  coverageRate: field.basisPoints(),
  /** floor(coverage × principal). */
  guaranteedAmount: field.money(),
  /** The version of the convention's terms the issuance used, so replay never re-decides. */
  termsVersion: field.integer(),
  loanStartDate: field.date(),
  maturityDate: field.date(),
  issuedOn: field.date(),
});

export const LoanRepaymentRecorded = defineEvent('guarantees.LoanRepaymentRecorded', {
  guaranteeId: field.string(),
  amount: field.money(),
  outstandingPrincipal: field.money(),
  /** floor(coverage × outstanding principal) after the repayment. */
  guaranteedOutstanding: field.money(),
  repaidOn: field.date(),
});

/**
 * A correction: a repayment recorded by mistake (e.g. on the wrong loan) is reversed; the
 * outstanding goes back up. It names the LoanRepaymentRecorded event it corrects (id and
 * position; the id is also its causation id) and why, and carries the repayment's business date.
 */
export const LoanRepaymentReversed = defineEvent('guarantees.LoanRepaymentReversed', {
  guaranteeId: field.string(),
  amount: field.money(),
  repaidOn: field.date(),
  reason: field.string(),
  correctedOn: field.date(),
  correctsEventId: field.string(),
  correctsPosition: field.string(),
  outstandingPrincipal: field.money(),
  guaranteedOutstanding: field.money(),
});

export const GuaranteeReleased = defineEvent('guarantees.GuaranteeReleased', {
  guaranteeId: field.string(),
  releasedOn: field.date(),
});

export const GuaranteeCalled = defineEvent('guarantees.GuaranteeCalled', {
  guaranteeId: field.string(),
  outstandingAtDefault: field.money(),
  /** floor(coverage × outstanding at default): never more than the guaranteed outstanding. */
  claimAmount: field.money(),
  calledOn: field.date(),
});

export const GuaranteeClaimPaid = defineEvent('guarantees.GuaranteeClaimPaid', {
  guaranteeId: field.string(),
  amount: field.money(),
  paidOn: field.date(),
});

export const GuaranteeRecoveryRecorded = defineEvent('guarantees.GuaranteeRecoveryRecorded', {
  guaranteeId: field.string(),
  amount: field.money(),
  receivedOn: field.date(),
});

export const guaranteeEvents = [
  GuaranteeIssued,
  LoanRepaymentRecorded,
  LoanRepaymentReversed,
  GuaranteeReleased,
  GuaranteeCalled,
  GuaranteeClaimPaid,
  GuaranteeRecoveryRecorded,
  ...guaranteeFourEyesEvents,
] as const;

export type GuaranteeEvent = EventOf<(typeof guaranteeEvents)[number]>;

// ---- state ---------------------------------------------------------------------------------------

export interface GuaranteeTerms {
  readonly guaranteeId: string;
  readonly companyId: string;
  readonly conventionId: string;
  readonly bankId: string;
  readonly memberId: string;
  readonly loanReference: string;
  readonly principal: Money;
  readonly coverageRate: BasisPoints;
  readonly guaranteedAmount: Money;
  readonly issuedOn: string;
  readonly maturityDate: string;
}

export type IssuedGuarantee =
  | ({
      readonly status: 'active';
      readonly outstandingPrincipal: Money;
      readonly guaranteedOutstanding: Money;
      /** Repayment event ids already reversed, with the correction's date. */
      readonly reversedRepayments: Readonly<Record<string, string>>;
      /** Repayment event ids whose reversal waits for a second person, with the proposal id. */
      readonly pendingReversals: Readonly<Record<string, string>>;
    } & GuaranteeTerms)
  | ({ readonly status: 'released'; readonly releasedOn: string } & GuaranteeTerms)
  | ({
      readonly status: 'called';
      readonly calledOn: string;
      readonly outstandingAtDefault: Money;
      readonly claim: Money;
      readonly claimPaid: Money;
      readonly recovered: Money;
    } & GuaranteeTerms);

export type GuaranteeState = { readonly status: 'unissued' } | IssuedGuarantee;

export type GuaranteeStatus = GuaranteeState['status'];

function termsOf(state: IssuedGuarantee): GuaranteeTerms {
  return {
    guaranteeId: state.guaranteeId,
    companyId: state.companyId,
    conventionId: state.conventionId,
    bankId: state.bankId,
    memberId: state.memberId,
    loanReference: state.loanReference,
    principal: state.principal,
    coverageRate: state.coverageRate,
    guaranteedAmount: state.guaranteedAmount,
    issuedOn: state.issuedOn,
    maturityDate: state.maturityDate,
  };
}

export function evolveGuarantee(state: GuaranteeState, event: GuaranteeEvent): GuaranteeState {
  if (event.type === 'guarantees.GuaranteeIssued') {
    return {
      status: 'active',
      guaranteeId: event.guaranteeId,
      companyId: event.companyId,
      conventionId: event.conventionId,
      bankId: event.bankId,
      memberId: event.memberId,
      loanReference: event.loanReference,
      principal: event.principal,
      coverageRate: event.coverageRate,
      guaranteedAmount: event.guaranteedAmount,
      issuedOn: event.issuedOn,
      maturityDate: event.maturityDate,
      outstandingPrincipal: event.principal,
      guaranteedOutstanding: event.guaranteedAmount,
      reversedRepayments: {},
      pendingReversals: {},
    };
  }
  if (state.status === 'unissued') return state;
  switch (event.type) {
    case 'guarantees.LoanRepaymentRecorded':
      return state.status === 'active'
        ? {
            ...state,
            outstandingPrincipal: event.outstandingPrincipal,
            guaranteedOutstanding: event.guaranteedOutstanding,
          }
        : state;
    case 'guarantees.LoanRepaymentReversed':
      return state.status === 'active'
        ? {
            ...state,
            outstandingPrincipal: event.outstandingPrincipal,
            guaranteedOutstanding: event.guaranteedOutstanding,
            reversedRepayments: { ...state.reversedRepayments, [event.correctsEventId]: event.correctedOn },
          }
        : state;
    case 'guarantees.GuaranteeReleased':
      return { ...termsOf(state), status: 'released', releasedOn: event.releasedOn };
    case 'guarantees.GuaranteeCalled':
      return {
        ...termsOf(state),
        status: 'called',
        calledOn: event.calledOn,
        outstandingAtDefault: event.outstandingAtDefault,
        claim: event.claimAmount,
        claimPaid: Money.zero(event.claimAmount.currency),
        recovered: Money.zero(event.claimAmount.currency),
      };
    case 'guarantees.GuaranteeClaimPaid':
      return state.status === 'called' ? { ...state, claimPaid: state.claimPaid.plus(event.amount) } : state;
    case 'guarantees.GuaranteeRecoveryRecorded':
      return state.status === 'called' ? { ...state, recovered: state.recovered.plus(event.amount) } : state;
    case 'guarantees.RepaymentReversalProposed':
      return state.status === 'active'
        ? { ...state, pendingReversals: { ...state.pendingReversals, [event.repaymentEventId]: event.proposalId } }
        : state;
    case 'guarantees.RepaymentReversalProposalSettled': {
      if (state.status !== 'active') return state;
      const pendingReversals = { ...state.pendingReversals };
      delete pendingReversals[event.repaymentEventId];
      return { ...state, pendingReversals };
    }
    default:
      return assertNever(event);
  }
}

export const guaranteeModel: StreamModel<GuaranteeState, GuaranteeEvent> = {
  catalog: new EventCatalog<GuaranteeEvent>([...guaranteeEvents]),
  initialState: () => ({ status: 'unissued' }),
  evolve: evolveGuarantee,
};

export function requireGuarantee(guaranteeId: string, state: GuaranteeState): IssuedGuarantee {
  if (state.status === 'unissued') throw new GuaranteeNotFound(guaranteeId);
  return state;
}

// ---- the bank loan stream: one guarantee per loan of a bank -------------------------------------

export const BankLoanGuaranteed = defineEvent('guarantees.BankLoanGuaranteed', {
  bankId: field.string(),
  loanReference: field.string(),
  guaranteeId: field.string(),
  conventionId: field.string(),
});

export type BankLoanEvent =
  EventOf<typeof BankLoanGuaranteed> | BankLoanReservedEvent | BankLoanReservationReleasedEvent;

/** `reserved`: a guarantee on the loan waits for a second person (four-eyes); no other may be issued meanwhile. */
export type BankLoanState =
  | { readonly status: 'free' }
  | { readonly status: 'reserved'; readonly proposalId: string }
  | { readonly status: 'guaranteed'; readonly guaranteeId: string };

export const bankLoanEvents = [BankLoanGuaranteed, BankLoanReserved, BankLoanReservationReleased] as const;

export function evolveBankLoan(state: BankLoanState, event: BankLoanEvent): BankLoanState {
  switch (event.type) {
    case 'guarantees.BankLoanGuaranteed':
      return { status: 'guaranteed', guaranteeId: event.guaranteeId };
    case 'guarantees.BankLoanReserved':
      return { status: 'reserved', proposalId: event.proposalId };
    case 'guarantees.BankLoanReservationReleased':
      return state.status === 'reserved' && state.proposalId === event.proposalId ? { status: 'free' } : state;
    default:
      return assertNever(event);
  }
}

export const bankLoanModel: StreamModel<BankLoanState, BankLoanEvent> = {
  catalog: new EventCatalog<BankLoanEvent>([...bankLoanEvents]),
  initialState: () => ({ status: 'free' }),
  evolve: evolveBankLoan,
};
