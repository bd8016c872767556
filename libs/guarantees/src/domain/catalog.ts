import { EventCatalog } from '@ledger/kernel';
import { bankLoanEvents, type BankLoanEvent } from './bank-loan';
import { companyEvents, type CompanyEvent } from './company';
import { conventionEvents, type ConventionEvent } from './convention';
import { federationEvents, type FederationEvent } from './federation';
import { guaranteeEvents, type GuaranteeEvent } from './guarantee';

export type GuaranteesEvent = FederationEvent | CompanyEvent | ConventionEvent | GuaranteeEvent | BankLoanEvent;

/** Every event type of the context, for projections reading the global log. */
export const guaranteesCatalog = new EventCatalog<GuaranteesEvent>([
  ...federationEvents,
  ...companyEvents,
  ...conventionEvents,
  ...guaranteeEvents,
  ...bankLoanEvents,
]);
