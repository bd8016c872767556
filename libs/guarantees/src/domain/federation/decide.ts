import type { CurrencyCode } from '@ledger/money';
import { AlreadyExists, FederationNotFound, InvalidInput, WrongCurrency } from '../errors';
import { CompanyAffiliated, FederationRegistered, type FederationEvent } from './events';
import type { FederationState } from './state';

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
