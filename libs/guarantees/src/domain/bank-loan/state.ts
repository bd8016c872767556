import { assertNever, EventCatalog, type StreamModel } from '@ledger/kernel';
import { bankLoanEvents, type BankLoanEvent } from './events';

/** `reserved`: a guarantee on the loan waits for a second person (four-eyes); no other may be issued meanwhile. */
export type BankLoanState =
  | { readonly status: 'free' }
  | { readonly status: 'reserved'; readonly proposalId: string }
  | { readonly status: 'guaranteed'; readonly guaranteeId: string };

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
