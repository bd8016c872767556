import { assertNever, EventCatalog, type StreamModel } from '@ledger/kernel';
import type { CurrencyCode } from '@ledger/money';
import { federationEvents, type FederationEvent } from './events';

export type FederationState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'registered';
      readonly federationId: string;
      readonly name: string;
      readonly currency: CurrencyCode;
      readonly companies: readonly string[];
    };

export function evolveFederation(state: FederationState, event: FederationEvent): FederationState {
  switch (event.type) {
    case 'guarantees.FederationRegistered':
      return {
        status: 'registered',
        federationId: event.federationId,
        name: event.name,
        currency: event.currency,
        companies: [],
      };
    case 'guarantees.CompanyAffiliated':
      return state.status === 'registered' ? { ...state, companies: [...state.companies, event.companyId] } : state;
    default:
      return assertNever(event);
  }
}

export const federationModel: StreamModel<FederationState, FederationEvent> = {
  catalog: new EventCatalog<FederationEvent>([...federationEvents]),
  initialState: () => ({ status: 'unregistered' }),
  evolve: evolveFederation,
};
