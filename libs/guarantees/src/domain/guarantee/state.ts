import { assertNever, EventCatalog, type StreamModel } from '@ledger/kernel';
import { BasisPoints, Money } from '@ledger/money';
import { guaranteeEvents, type GuaranteeEvent } from './events';

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
      /** The latest business date of a repayment recorded on it (a call may not precede it), or null. */
      readonly lastRepaidOn: string | null;
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
      /** The latest business date of a claim payment (a recovery may not precede it), or null. */
      readonly lastClaimPaidOn: string | null;
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
      lastRepaidOn: null,
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
            lastRepaidOn:
              state.lastRepaidOn === null || event.repaidOn > state.lastRepaidOn ? event.repaidOn : state.lastRepaidOn,
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
        lastClaimPaidOn: null,
      };
    case 'guarantees.GuaranteeClaimPaid':
      return state.status === 'called'
        ? {
            ...state,
            claimPaid: state.claimPaid.plus(event.amount),
            lastClaimPaidOn:
              state.lastClaimPaidOn === null || event.paidOn > state.lastClaimPaidOn
                ? event.paidOn
                : state.lastClaimPaidOn,
          }
        : state;
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
