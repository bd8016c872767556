import { defineEvent, field, type EventOf } from '@ledger/kernel';

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
