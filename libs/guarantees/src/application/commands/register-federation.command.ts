import type { RegisterFederation } from '../../domain';
import { GuaranteesCommand } from './guarantees.command';

export interface FederationRegistration {
  readonly federationId: string;
}

export class RegisterFederationCommand extends GuaranteesCommand<RegisterFederation, FederationRegistration> {}
