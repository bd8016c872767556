import { assertNever, defineEvent, EventCatalog, field, type EventOf, type StreamModel } from '@ledger/kernel';
import type { CurrencyCode } from '@ledger/money';
import { AlreadyExists, FederationNotFound, InvalidInput, WrongCurrency } from './errors';

// ---- events --------------------------------------------------------------------------------------

export const FederationRegistered = defineEvent('guarantees.FederationRegistered', {
  federationId: field.string(),
  name: field.string(),
  currency: field.currency(),
  registeredOn: field.date(),
});

export const CompanyAffiliated = defineEvent('guarantees.CompanyAffiliated', {
  federationId: field.string(),
  companyId: field.string(),
  affiliatedOn: field.date(),
});

export type FederationEvent = EventOf<typeof FederationRegistered> | EventOf<typeof CompanyAffiliated>;

export const federationEvents = [FederationRegistered, CompanyAffiliated] as const;

// ---- state ---------------------------------------------------------------------------------------

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

// ---- decisions -----------------------------------------------------------------------------------

export interface RegisterFederation {
  readonly federationId: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly registeredOn: string;
}

export function registerFederation(command: RegisterFederation, state: FederationState): FederationEvent[] {
  if (state.status !== 'unregistered') throw new AlreadyExists('federation', command.federationId);
  if (command.name.trim().length === 0) throw new InvalidInput('name', 'must not be blank');
  return [FederationRegistered.create({ ...command, name: command.name.trim() })];
}

/** A company joins the federation when it is registered; currencies must agree to consolidate. */
export function affiliateCompany(
  federationId: string,
  companyId: string,
  currency: CurrencyCode,
  on: string,
  state: FederationState,
): FederationEvent[] {
  if (state.status !== 'registered') throw new FederationNotFound(federationId);
  if (state.currency !== currency) throw new WrongCurrency('currency', state.currency, currency);
  if (state.companies.includes(companyId)) return [];
  return [CompanyAffiliated.create({ federationId, companyId, affiliatedOn: on })];
}
