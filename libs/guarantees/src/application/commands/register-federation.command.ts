import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { CurrencyCode } from '@ledger/money';
import type { CommandReceipt } from './command-support';

export interface FederationRegistration extends CommandReceipt {
  readonly federationId: string;
}

export class RegisterFederationCommand extends Command<FederationRegistration> {
  constructor(
    readonly input: { readonly name: string; readonly currency: CurrencyCode; readonly registeredOn: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
